package org.sipladder.capture;

/** Who is talking on one TCP direction, and where its decoders deliver what they find. */
record StreamContext(IpPair pair, int srcPort, int dstPort, PayloadSink sink, HepDecoder hep) {

    void emit(Transport transport, byte[] a, int off, int len) {
        sink.emit(sink.endpoint(pair.srcAddress(), 0, pair.srcAddress().length, srcPort),
                sink.endpoint(pair.dstAddress(), 0, pair.dstAddress().length, dstPort), transport, a, off, len);
    }

    String describe() {
        return pair.src(srcPort) + " > " + pair.dst(dstPort);
    }
}
