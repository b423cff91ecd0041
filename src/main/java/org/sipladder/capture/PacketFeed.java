package org.sipladder.capture;

import java.util.List;

/**
 * Decodes packets handed over one at a time (by a live interface, a HEP listener, several files merged) exactly
 * as {@link CaptureReader} decodes the records of a file, and reports what it finds to a {@link CaptureListener}
 * on the caller's thread. Frames are numbered from 1 in the order they are handed over.
 */
public final class PacketFeed {

    private final PayloadSink sink;
    private final HepDecoder hep;
    private final TcpReassembly tcp;
    private final PacketDecoder decoder;
    private long frame;
    private long first;
    private long last;

    public PacketFeed(CaptureListener listener) {
        this(new PayloadSink(listener));
    }

    PacketFeed(PayloadSink sink) {
        this.sink = sink;
        this.hep = new HepDecoder(sink);
        this.tcp = new TcpReassembly(sink, hep);
        this.decoder = new PacketDecoder(new TransportDecoder(sink, hep, tcp, new SctpDecoder(sink)), sink);
    }

    /** Link types whose frames this feed decodes (Ethernet, Linux SLL/SLL2, raw IP, BSD loopback). */
    public static boolean supports(int linkType) {
        return PacketDecoder.supports(linkType);
    }

    /**
     * Decodes one link-layer frame {@code a[off, off+len)} captured at {@code micros}; the bytes are only read
     * during the call.
     *
     * @return the frame number given to it
     */
    public long frame(int linkType, long micros, byte[] a, int off, int len) {
        long n = next(micros);
        sink.at(n, micros, a, off, len);
        // no lambda here: this runs for every packet of a large file
        try {
            decoder.frame(linkType, a, off, len);
        } catch (ListenerFailure e) {
            throw e.original();
        } catch (RuntimeException e) {
            skipped(e);
        }
        return n;
    }

    /**
     * Decodes one HEP v2/v3 packet as a capture agent sends it (a UDP datagram, or one length-framed packet of a
     * TCP stream), received at {@code micros}; the messages inside carry the agent's addresses and times.
     *
     * @return false when the bytes are not a HEP packet carrying SIP
     */
    public boolean hep(long micros, byte[] a, int off, int len) {
        long n = next(micros);
        sink.at(n, micros);
        try {
            return hep.decode(a, off, len);
        } catch (ListenerFailure e) {
            throw e.original();
        } catch (RuntimeException e) {
            skipped(e);
            return false;
        }
    }

    /**
     * What was wrong with the chunks of the HEP packet {@link #hep} just decoded, in words (a chunk length under a
     * chunk header, no address chunk, addresses of two families), the same text for the same fault; null when
     * nothing was. A message it carried is handed on flagged with the same words.
     */
    public String hepFault() {
        return hep.fault();
    }

    /**
     * Whether {@code a[off, off+len)} starts as a HEP v2 or v3 packet does (whether or not the rest can be read): what
     * a HEP listener receives that is not is something else sent to its port.
     */
    public static boolean looksLikeHep(byte[] a, int off, int len) {
        return HepDecoder.looksLikeHep(a, off, len);
    }

    /** No more packets: TCP streams still open deliver what they hold, the media listener says what it left out. */
    public void finish() {
        try {
            tcp.finish();
        } catch (ListenerFailure e) {
            throw e.original();
        } catch (RuntimeException e) {
            skipped(e);
        }
        try {
            sink.flushReordered(); // the streams flushed it, unless one failed
            sink.mediaWarnings();
        } catch (ListenerFailure e) {
            throw e.original();
        }
    }

    /** Frames handed over so far. */
    public long frames() {
        return frame;
    }

    /** Time of the first frame, 0 when none came. */
    public long firstMicros() {
        return first;
    }

    /** Time of the last frame, 0 when none came. */
    public long lastMicros() {
        return last;
    }

    /** SIP payloads delivered to the listener so far. */
    public long payloads() {
        return sink.payloads();
    }

    /** Warnings so far (the first hundred, then one line counting the rest). */
    public List<String> warnings() {
        return sink.warnings();
    }

    /** TCP segments carrying TLS, counted as they cannot be decrypted. */
    public long tlsPackets() {
        return sink.tlsPackets();
    }

    /** The server ports of the TLS segments counted so far (the first few), ascending. */
    public List<Integer> tlsPorts() {
        return sink.tlsPorts();
    }

    /** Bytes the TCP streams hold for messages not yet complete. */
    long tcpHeldBytes() {
        return tcp.heldBytes();
    }

    /** Fragmented IP datagrams still waiting for a fragment. */
    long incompleteDatagrams() {
        return decoder.incompleteDatagrams();
    }

    private long next(long micros) {
        frame++;
        if (frame == 1) {
            first = micros;
        }
        last = micros;
        return frame;
    }

    /** A packet the decoders choke on is skipped with a warning. */
    private void skipped(RuntimeException e) {
        try {
            sink.warn("frame " + frame + ": could not be decoded (" + e + "); skipped");
        } catch (ListenerFailure f) {
            throw f.original();
        }
    }
}
