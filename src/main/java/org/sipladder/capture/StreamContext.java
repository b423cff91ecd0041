package org.sipladder.capture;

/**
 * Who is talking on one TCP direction, and where its decoders deliver what they find; {@code connections} finds the
 * other direction of the connection.
 */
record StreamContext(IpPair pair, int srcPort, int dstPort, PayloadSink sink, HepDecoder hep,
                     TcpReassembly connections) {

    /** Delivers {@code a[off, off+len)} as a message that also came in the earlier frames {@code segments}. */
    void emit(Transport transport, byte[] a, int off, int len, long[] segments) {
        sink.emit(sink.endpoint(pair.srcAddress(), 0, pair.srcAddress().length, srcPort),
                sink.endpoint(pair.dstAddress(), 0, pair.dstAddress().length, dstPort), transport, a, off, len,
                segments);
    }

    /** Delivers the next {@code len} bytes of {@code buffer} as a message, with the frames of the segments of them. */
    void emit(Transport transport, StreamBuffer buffer, int len) {
        long[] frames = buffer.framesOf(len, sink.frame());
        // a message wholly in the segment just appended from this packet is a run of the packet's bytes: handed on
        // from there, the sink notes where it is in the capture file and keeps no copy (as for UDP)
        int inSource = frames == SipPayload.ONE_PACKET && buffer.lastSourceFrame() == sink.frame()
                ? buffer.indexInLastSource(len) : -1;
        if (inSource >= 0) {
            emit(transport, buffer.lastSource(), inSource, len, frames);
            return;
        }
        // across segments whose places in the capture file are known: kept as those runs of the file
        long[] pieces = frames == SipPayload.ONE_PACKET ? null : buffer.filePiecesOf(len);
        if (pieces == null) {
            emit(transport, buffer.array(), buffer.start(), len, frames);
            return;
        }
        // the packet's own reassembled datagram, if any, is told again after: the buffer's bytes move on as it is
        // consumed, so its pieces hold for this message alone
        PayloadSink.Gathered before = sink.gathered();
        sink.gathered(buffer.array(), pieces);
        try {
            emit(transport, buffer.array(), buffer.start(), len, frames);
        } finally {
            sink.gathered(before);
        }
    }

    /**
     * The decoder of the other direction of this connection, or null when that direction was not seen: for what one
     * direction learns for both (the WebSocket handshake's answer).
     */
    StreamDecoder peer() {
        TcpDirection other = connections.reverse(pair, srcPort, dstPort);
        return other == null ? null : other.decoder();
    }

    String describe() {
        return pair.src(srcPort) + " > " + pair.dst(dstPort);
    }
}
