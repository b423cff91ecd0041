package org.sipladder.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sipladder.Limits;

/**
 * Turns found messages into {@link SipPayload}s for the listener, stamped with the packet being decoded,
 * and collects warnings (the first {@value #MAX_WARNINGS} go to the listener).
 */
final class PayloadSink {

    static final int MAX_WARNINGS = Limits.WARNINGS_LISTED;
    /** Slots of the IPv4 endpoint cache; a power of two. */
    private static final int ENDPOINT_SLOTS = 1 << 12;
    /** Messages that wait for a TCP gap at most: a gap not filled after so many is not filled in time. */
    private static final int MAX_REORDERED = 10_000;

    private final CaptureListener listener;
    /** Takes RTP/RTCP candidates and sees SIP first, or null when nobody analyses media. */
    private final MediaListener media;
    private final MediaPayload mediaPayload = new MediaPayload();
    /** A TCP direction's two addresses side by side, for {@link #mediaPayload}. */
    private final byte[] pairAddresses = new byte[32];
    private final List<String> warnings = new ArrayList<>();
    /** A direct-mapped cache of IPv4 endpoints by address and port: a colliding endpoint replaces the older one. */
    private final long[] endpointKeys = new long[ENDPOINT_SLOTS];
    private final Endpoint[] endpoints = new Endpoint[ENDPOINT_SLOTS];
    private final CaptureFile file;
    private final ByteSource source;
    /** Where payloads of the file are copied to be lent, or null when the listeners take only payloads of their own. */
    private final PayloadBlocks blocks;
    private byte[] record;
    private int recordOffset;
    /** The current packet's reassembled datagram and its pieces' places in the file ({@link #gathered}), or null. */
    private byte[] gathered;
    private long[] gatheredPieces;
    /** The runs of the file the next message is ({@link #runsOfNext}), or null. */
    private long[] nextRuns;
    private int recordLength;
    private long warningCount;
    private long frame;
    private long micros;
    private long firstMicros;
    private boolean started;
    private long payloads;
    private long tlsPackets;
    /** The first few distinct server ports of TLS segments, so the warning can tell SIPS from HTTPS. */
    private final int[] tlsPorts = new int[8];
    private int tlsPortCount;
    /** Other frames the current packet's payload was reassembled from (IP fragments); reset by {@link #at}. */
    private long[] packetDependsOn = SipPayload.ONE_PACKET;
    /** Other frames the message or RTP frame being handed on came in (earlier TCP segments); set around one call. */
    private long[] messageDependsOn = SipPayload.ONE_PACKET;
    /**
     * TCP directions holding segments beyond a gap: while there are any, the messages handed on wait in
     * {@link #reordered} for the listener, as what such a direction delivers later comes from earlier packets.
     */
    private int gapsHeld;
    /** Messages waiting for the listener while {@link #gapsHeld}, in the order found; empty otherwise. */
    private final List<SipPayload> reordered = new ArrayList<>();
    /** What the datagram of the message handed on next held after it ({@link SipPayload#afterMessage}); taken by that message. */
    private byte[] afterMessage;
    /** What is wrong with how the message handed on next came ({@link SipPayload#note}); taken by that message. */
    private String note;

    PayloadSink(CaptureListener listener) {
        this(listener, null, null);
    }

    /**
     * @param file   the capture file the packets come from, or null when the records are not the file's bytes (gzip)
     * @param source the reader of {@code file}, which tells where a packet's bytes are in it
     */
    PayloadSink(CaptureListener listener, CaptureFile file, ByteSource source) {
        this.listener = listener;
        this.media = listener.media();
        this.file = file;
        this.source = source;
        this.blocks = file != null && listener.borrowsPayloads() && (media == null || media.borrowsPayloads())
                ? new PayloadBlocks() : null;
    }

    /** Sets the packet that the following payloads are found in. */
    void at(long frameNumber, long timestampMicros) {
        this.frame = frameNumber;
        this.micros = timestampMicros;
        this.record = null;
        this.packetDependsOn = SipPayload.ONE_PACKET;
        if (!started) {
            started = true;
            firstMicros = timestampMicros;
        }
    }

    /** True when a media listener takes RTP and RTCP candidates. */
    boolean wantsMedia() {
        return media != null;
    }

    /** Hands the current packet's UDP payload {@code a[off, off+len)} to the media listener as an RTP/RTCP candidate. */
    void media(IpHeader ip, int srcPort, int dstPort, byte[] a, int off, int len) {
        media(ip.array(), ip.srcAt(), ip.dstAt(), ip.addressLength(), micros, srcPort, dstPort, a, off, len);
    }

    /**
     * As {@link #media(IpHeader, int, int, byte[], int, int)} for a TCP direction's frame (RFC 4571), which also came
     * in the earlier frames {@code segments}.
     */
    void media(IpPair pair, int srcPort, int dstPort, byte[] a, int off, int len, long[] segments) {
        int n = pair.srcAddress().length;
        System.arraycopy(pair.srcAddress(), 0, pairAddresses, 0, n);
        System.arraycopy(pair.dstAddress(), 0, pairAddresses, n, n);
        segments(segments);
        try {
            media(pairAddresses, 0, n, n, micros, srcPort, dstPort, a, off, len);
        } finally {
            segments(SipPayload.ONE_PACKET);
        }
    }

    /**
     * Hands {@code a[off, off+len)} to the media listener as an RTP/RTCP candidate sent at {@code timestampMicros}
     * between the addresses at {@code addresses[srcAt]} and {@code addresses[dstAt]} ({@code addressLength} bytes each).
     */
    void media(byte[] addresses, int srcAt, int dstAt, int addressLength, long timestampMicros, int srcPort,
               int dstPort, byte[] a, int off, int len) {
        media(false, addresses, srcAt, dstAt, addressLength, timestampMicros, srcPort, dstPort, a, off, len);
    }

    /**
     * As {@link #media(byte[], int, int, int, long, int, int, byte[], int, int)} for the JSON text
     * {@code a[off, off+len)} a capture agent sent in place of an RTCP packet.
     */
    void rtcpJson(byte[] addresses, int srcAt, int dstAt, int addressLength, long timestampMicros, int srcPort,
                  int dstPort, byte[] a, int off, int len) {
        media(true, addresses, srcAt, dstAt, addressLength, timestampMicros, srcPort, dstPort, a, off, len);
    }

    private void media(boolean json, byte[] addresses, int srcAt, int dstAt, int addressLength, long timestampMicros,
                       int srcPort, int dstPort, byte[] a, int off, int len) {
        mediaPayload.set(frame, timestampMicros, firstMicros, addresses, srcAt, dstAt, addressLength, srcPort, dstPort,
                a, off, len);
        mediaPayload.dependsOn(dependsOn());
        try {
            if (json) {
                media.rtcpJson(mediaPayload);
            } else {
                media.datagram(mediaPayload);
            }
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
    }

    /**
     * Hands the media listener an ICMP error, or a refused TCP connection, about a packet from {@code src} to
     * {@code dst}, found in this packet; nothing when the read has no media listener (messages).
     */
    void unreachable(String reporter, Endpoint src, Endpoint dst, boolean udp, String reason) {
        if (media == null) {
            return;
        }
        try {
            media.unreachable(new Unreachable(frame, micros, reporter, src, dst, udp, reason, 0));
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
    }

    /**
     * Hands the media listener a TLS handshake whose server said nothing for {@code waitedMicros} after the ClientHello
     * of frame {@code helloFrame} at {@code helloMicros} ({@link Unreachable#TLS_UNANSWERED}).
     */
    void unanswered(long helloFrame, long helloMicros, Endpoint client, Endpoint server, String reason,
                    long waitedMicros) {
        if (media == null) {
            return;
        }
        try {
            media.unreachable(new Unreachable(helloFrame, helloMicros, server.address(), client, server, false, reason,
                    waitedMicros));
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
    }

    /** Sets the packet that the following payloads are found in, with its bytes {@code a[off, off+len)}. */
    void at(long frameNumber, long timestampMicros, byte[] a, int off, int len) {
        at(frameNumber, timestampMicros);
        this.record = a;
        this.recordOffset = off;
        this.recordLength = len;
        this.gathered = null;
    }

    /**
     * Where the bytes {@code a[off, off+len)} of the current packet are in the capture file, or -1 when they are not
     * one run of it: of its record, or of one fragment of the datagram it completed (or there is no file).
     */
    long fileOffsetOf(byte[] a, int off, int len) {
        if (file != null && a == record && off >= recordOffset && off + len <= recordOffset + recordLength) {
            return source.streamOffset(off);
        }
        long[] runs = rangesOf(a, off, len);
        return runs != null && runs.length == 2 ? runs[0] : -1;
    }

    /**
     * The current packet completed a datagram reassembled into {@code whole} from fragments whose bytes are runs of
     * the capture file: {@code pieces} holds, for each in the datagram's order, its index in {@code whole}, its
     * offset in the file and its length, back to back without a gap or overlap. A message found in {@code whole} is
     * kept as those runs rather than as bytes in memory.
     */
    void gathered(byte[] whole, long[] pieces) {
        this.gathered = whole;
        this.gatheredPieces = pieces;
    }

    /**
     * The next message handed on is the runs {@code ranges} of the capture file (offset, length, ...), as a TCP
     * stream's segments tell; said once, as {@link #note} is.
     */
    void runsOfNext(long[] ranges) {
        this.nextRuns = ranges;
    }

    /** The file runs that {@code gathered[off, off+len)} is made of (offset, length, ...), or null when not known. */
    private long[] rangesOf(byte[] a, int off, int len) {
        if (a != gathered || file == null || len <= 0) {
            return null;
        }
        long[] pieces = gatheredPieces;
        int count = 0;
        for (int i = 0; i < pieces.length; i += 3) {
            if (pieces[i] < off + len && pieces[i] + pieces[i + 2] > off) {
                count++;
            }
        }
        long[] ranges = new long[2 * count];
        int r = 0;
        long covered = 0;
        for (int i = 0; i < pieces.length; i += 3) {
            long from = Math.max(pieces[i], off);
            long to = Math.min(pieces[i] + pieces[i + 2], (long) off + len);
            if (from < to) {
                ranges[r++] = pieces[i + 1] + (from - pieces[i]);
                ranges[r++] = to - from;
                covered += to - from;
            }
        }
        return covered == len ? ranges : null;
    }

    long frame() {
        return frame;
    }

    /** The current packet's payload was put together also from these earlier frames (IP fragments). */
    void dependsOn(long[] frames) {
        packetDependsOn = frames;
    }

    /**
     * As {@link #emit(Endpoint, Endpoint, Transport, byte[], int, int)} for a message whose bytes also came in the
     * earlier frames {@code segments} (of a TCP stream).
     */
    void emit(Endpoint src, Endpoint dst, Transport transport, byte[] a, int off, int len, long[] segments) {
        segments(segments);
        try {
            emit(src, dst, transport, a, off, len);
        } finally {
            segments(SipPayload.ONE_PACKET);
        }
    }

    /**
     * What is handed on from now on also came in the earlier frames {@code segments} (of a TCP stream), until this
     * is called again with {@link SipPayload#ONE_PACKET}.
     */
    void segments(long[] segments) {
        messageDependsOn = segments;
    }

    /**
     * The message handed on next ends at {@code from} in a datagram, WebSocket message, SCTP user message or HEP
     * packet that ends at {@code to}: notes what follows it ({@link SipPayload#afterMessage}) for that message,
     * unless it is only line breaks and padding.
     */
    void afterMessage(byte[] a, int from, int to) {
        if (from < to && !lineBreaksOnly(a, from, to)) {
            afterMessage = Arrays.copyOfRange(a, from, to);
        }
    }

    /**
     * The message handed on next came wrapped in a way that went wrong (a HEP packet typed SIP holding no SIP, a
     * payload that would not inflate, a WebSocket message cut at the size bound, a datagram cut inside its headers):
     * {@code text} says how, in one sentence, for that message ({@link SipPayload#note}).
     */
    void note(String text) {
        note = text;
    }

    /** True when {@code a[from, to)} holds only CRs, line feeds, spaces, tabs and NULs (padding, a keep-alive). */
    static boolean lineBreaksOnly(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = a[i];
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t' && b != 0) {
                return false;
            }
        }
        return true;
    }

    long micros() {
        return micros;
    }

    /**
     * Delivers {@code a[off, off+len)} as a message of the current packet; when those bytes are a run of the
     * packet as stored in the capture file, the payload also says where.
     */
    void emit(Endpoint src, Endpoint dst, Transport transport, byte[] a, int off, int len) {
        emit(micros, src, dst, transport, a, off, len);
    }

    /**
     * As {@link #emit(Endpoint, Endpoint, Transport, byte[], int, int)} for a message whose framing noted
     * {@code headerMarks} ({@link HeaderMarks}) and the line feeds of its header block in {@code feeds}.
     */
    void emit(Endpoint src, Endpoint dst, Transport transport, byte[] a, int off, int len, long headerMarks,
              HeaderLines feeds) {
        emit(micros, src, dst, transport, a, off, len, headerMarks, feeds);
    }

    /** As {@link #emit(Endpoint, Endpoint, Transport, byte[], int, int)} with the time given. */
    void emit(long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] a, int off, int len) {
        emit(timestampMicros, src, dst, transport, a, off, len, HeaderMarks.NONE, null);
    }

    private void emit(long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] a, int off,
                      int len, long headerMarks, HeaderLines feeds) {
        // the note of afterMessage(a, from, to) is this message's alone
        byte[] afterMessage = this.afterMessage;
        this.afterMessage = null;
        String note = this.note;
        this.note = null;
        long[] ranges = nextRuns != null ? nextRuns : rangesOf(a, off, len);
        this.nextRuns = null;
        // one run of the file (of the packet's record, of one TCP segment or within one fragment of a reassembled
        // datagram), or several (a message across segments or fragments): either way lent, and kept as where it is
        boolean run = ranges != null ? ranges.length == 2
                : file != null && a == record && off >= recordOffset && off + len <= recordOffset + recordLength;
        boolean gather = ranges != null && ranges.length > 2;
        if (run || gather) {
            long at = !run ? -1 : ranges != null ? ranges[0] : source.streamOffset(off);
            CaptureFile runFile = run ? file : null;
            CaptureFile rangesFile = gather ? file : null;
            long[] fileRanges = gather ? ranges : null;
            // a lent payload's line table follows its bytes (SipPayload.headerLines): a count of 0 when none
            int tableBytes = feeds == null ? 1 : feeds.bytes();
            PayloadBlocks.Block block = blocks == null ? null : blocks.room(len + tableBytes);
            if (block != null) {
                // lent: copied into a reused block instead of an array of its own (see SipPayload)
                int to = block.used;
                byte[] bytes = block.bytes;
                System.arraycopy(a, off, bytes, to, len);
                if (feeds == null) {
                    bytes[to + len] = 0;
                } else {
                    System.arraycopy(feeds.table, 0, bytes, to + len, tableBytes);
                }
                block.used = to + len + tableBytes;
                deliver(new SipPayload(frame, timestampMicros, src, dst, transport, block.bytes, to, len, block,
                        runFile, at, dependsOn(), headerMarks, afterMessage, note, rangesFile, fileRanges));
            } else {
                deliver(new SipPayload(frame, timestampMicros, src, dst, transport, Arrays.copyOfRange(a, off, off + len),
                        0, len, null, runFile, at, dependsOn(), headerMarks, afterMessage, note, rangesFile, fileRanges));
            }
        } else {
            deliver(new SipPayload(frame, timestampMicros, src, dst, transport, Arrays.copyOfRange(a, off, off + len),
                    0, len, null, null, -1, dependsOn(), headerMarks, afterMessage, note));
        }
    }

    /**
     * The endpoint for an address at {@code a[at, at+length)} and a port; IPv4 endpoints are shared between
     * messages, which saves formatting and memory when a capture holds many messages between few hosts.
     */
    Endpoint endpoint(byte[] a, int at, int length, int port) {
        if (length != 4) {
            return new Endpoint(IpAddresses.format(a, at, length), port);
        }
        // the key is never 0 for a cached endpoint: bit 48 is set
        long key = 1L << 48 | (Wire.int32(a, at) & 0xffffffffL) << 16 | port;
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 52) & (ENDPOINT_SLOTS - 1);
        if (endpointKeys[slot] != key) {
            endpointKeys[slot] = key;
            endpoints[slot] = new Endpoint(IpAddresses.format(a, at, length), port);
        }
        return endpoints[slot];
    }

    void emit(long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] data) {
        deliver(new SipPayload(frame, timestampMicros, src, dst, transport, data, null, -1, dependsOn()));
    }

    /** The frames what is handed on depends on: its packet's fragments and its stream's earlier segments. */
    private long[] dependsOn() {
        if (messageDependsOn.length == 0) {
            return packetDependsOn;
        }
        if (packetDependsOn.length == 0) {
            return messageDependsOn;
        }
        long[] both = Arrays.copyOf(messageDependsOn, messageDependsOn.length + packetDependsOn.length);
        System.arraycopy(packetDependsOn, 0, both, messageDependsOn.length, packetDependsOn.length);
        return both;
    }

    private void deliver(SipPayload p) {
        payloads++;
        try {
            // a message an ICMP error quoted back was not delivered: its SDP announces no media
            if (media != null && p.transport() != Transport.ICMP) {
                media.sip(p);
            }
            if (gapsHeld == 0) {
                listener.payload(p);
                return;
            }
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
        // the media listener saw it as it came (its RTP follows); the listener gets it in frame order, so a copy of
        // the bytes of a lent payload waits
        reordered.add(p.block == null ? p : new SipPayload(p.frame(), p.timestampMicros(), p.src(), p.dst(),
                p.transport(), p.data(), 0, p.length(), null, p.file(), p.fileOffset(), p.dependsOn(),
                p.headerMarks(), p.afterMessage(), p.note(), p.rangesFile(), p.fileRanges()));
        if (reordered.size() >= MAX_REORDERED) {
            flushReordered(); // a gap held that long: order is kept within each batch
        }
    }

    /**
     * A TCP direction starts ({@code held}) or stops holding segments beyond a gap; when none holds any more, the
     * messages that waited go to the listener in frame order.
     */
    void gapHeld(boolean held) {
        gapsHeld += held ? 1 : -1;
        if (gapsHeld == 0) {
            flushReordered();
        }
    }

    /** Hands the listener the messages that waited ({@link #reordered}), in frame order (stable). */
    void flushReordered() {
        if (reordered.isEmpty()) {
            return;
        }
        reordered.sort(java.util.Comparator.comparingLong(SipPayload::frame));
        try {
            for (SipPayload p : reordered) {
                listener.payload(p);
            }
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        } finally {
            reordered.clear();
        }
    }

    /** Reports, as warnings of this read, the packets the media listener left out at a bound. */
    void mediaWarnings() {
        if (media != null) {
            List<String> left;
            try {
                left = media.takeWarnings();
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
            left.forEach(this::warn);
        }
    }

    void warn(String message) {
        warningCount++;
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(message);
            try {
                listener.warning(message);
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
        }
    }

    /** Counts one TLS segment whose server (the lower) port is {@code port}. */
    void tlsPacket(int port) {
        tlsPackets++;
        for (int i = 0; i < tlsPortCount; i++) {
            if (tlsPorts[i] == port) {
                return;
            }
        }
        if (tlsPortCount < tlsPorts.length) {
            tlsPorts[tlsPortCount++] = port;
        }
    }

    /** The distinct server ports of the TLS segments, in ascending order (the first eight seen). */
    List<Integer> tlsPorts() {
        // a loop, not a stream: this runs at the end of every read, and a stream pipeline loads a score of classes
        // and makes lambdas at run time that the start-up archive does not hold
        Integer[] sorted = new Integer[tlsPortCount];
        for (int i = 0; i < tlsPortCount; i++) {
            int port = tlsPorts[i];
            int at = i;
            while (at > 0 && sorted[at - 1] > port) {
                sorted[at] = sorted[at - 1];
                at--;
            }
            sorted[at] = port;
        }
        return List.of(sorted);
    }

    long payloads() {
        return payloads;
    }

    long tlsPackets() {
        return tlsPackets;
    }

    /** The collected warnings, with one closing line counting those not listed. */
    List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        if (warningCount > warnings.size()) {
            all.add((warningCount - warnings.size()) + " more warnings not shown");
        }
        return all;
    }
}
