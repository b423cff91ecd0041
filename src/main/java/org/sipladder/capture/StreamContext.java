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

    /**
     * Delivers the next {@code len} bytes of {@code buffer} as a message, with the frames of the segments of them and,
     * when their places in the capture file are known, the runs of the file they are: the sink then keeps no copy.
     */
    void emit(Transport transport, StreamBuffer buffer, int len) {
        long[] runs = buffer.fileRangesOf(len);
        if (runs != null) {
            sink.runsOfNext(runs);
        }
        emit(transport, buffer.array(), buffer.start(), len, buffer.framesOf(len, sink.frame()));
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
