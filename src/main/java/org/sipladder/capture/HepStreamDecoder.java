package org.sipladder.capture;

/** HEP3 packets sent over TCP, framed by the HEP3 total-length field. */
final class HepStreamDecoder implements StreamDecoder {

    /** Whether a HEP packet carried SIP or media: this is then a capture agent's feed, whose gaps lose SIP. */
    private boolean carriedSip;

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        byte[] a = buffer.array();
        while (buffer.size() >= 6) {
            int s = buffer.start();
            if (!HepDecoder.isHep3(a, s, buffer.size())) {
                buffer.clear(); // lost framing: nothing in the stream says where the next packet starts
                return this;
            }
            int total = Wire.u16(a, s + 4);
            if (total < 6) {
                buffer.clear();
                return this;
            }
            if (total > buffer.size()) {
                return this;
            }
            PayloadSink sink = context.sink();
            sink.segments(buffer.framesOf(total, sink.frame()));
            try {
                carriedSip |= context.hep().decode(a, s, total);
            } finally {
                sink.segments(SipPayload.ONE_PACKET);
            }
            buffer.consume(total);
        }
        return this;
    }

    @Override
    public boolean carriesSip() {
        return carriedSip;
    }
}
