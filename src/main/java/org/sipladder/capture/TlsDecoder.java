package org.sipladder.capture;

/** TLS cannot be decrypted without keys: its segments are counted and dropped, never guessed at. */
final class TlsDecoder implements StreamDecoder {

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        context.sink().tlsPacket(Math.min(context.srcPort(), context.dstPort()));
        buffer.clear();
        return this;
    }
}
