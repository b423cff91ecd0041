package org.sipladder.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sipladder.Limits;

/**
 * One direction of a TCP connection: puts segments in sequence order (dropping retransmitted and overlapping
 * bytes, holding early ones until the gap fills) and feeds the in-order bytes to its {@link StreamDecoder}.
 */
final class TcpDirection {

    private static final int MAX_PENDING_SEGMENTS = Limits.TCP_EARLY_SEGMENTS;
    private static final int MAX_PENDING_BYTES = Limits.TCP_EARLY_BYTES;
    private static final int MAX_BUFFER = Limits.STREAM_MESSAGE_BYTES;

    /** A segment that arrived before the bytes preceding it. */
    private record Early(int seq, byte[] data, long frame, long micros, long fileOffset) {
        int end() {
            return seq + data.length;
        }
    }

    private final StreamContext context;
    private final StreamBuffer buffer = new StreamBuffer();
    private final List<Early> early = new ArrayList<>();
    private StreamDecoder decoder = new SniffingDecoder();
    private int earlyBytes;
    private boolean synced;
    private int next;
    /** Whether the sink was told that this direction holds segments beyond a gap ({@link PayloadSink#gapHeld}). */
    private boolean toldHeld;
    /** The stream is ending: each held segment is taken as of its own packet ({@link #finish}). */
    private boolean ending;
    /**
     * Gaps skipped before the stream showed SIP, warned of only once it does (most TCP in a capture is other
     * traffic, whose gaps are none of the user's concern): how many, the frame of the first, the bytes missed.
     */
    private int untoldGaps;
    private long untoldGapFrame;
    private long untoldGapBytes;
    /** The frame and time of the segment whose bytes were appended last: what a message cut by the end is of. */
    private long lastFrame;
    private long lastMicros;
    /** Whether this direction opened a connection (SYN) and whether any byte followed. */
    private boolean opened;
    private boolean carried;
    /** Whether a reset from the other side refused this direction's connection attempt. */
    private boolean refused;

    TcpDirection(StreamContext context) {
        this.context = context;
    }

    /**
     * Handles one segment. After FIN or RST the direction stays known, so that late retransmissions are
     * recognised as such rather than starting a new stream.
     *
     * @return true for a reset in sequence, which aborts the whole connection (RFC 9293 3.10.7.4): the caller ends
     *         the other direction too
     */
    boolean segment(int seq, int flags, byte[] a, int off, int len) {
        opened |= (flags & TcpReassembly.SYN) != 0;
        carried |= len > 0;
        if ((flags & TcpReassembly.SYN) != 0) {
            if (synced && seq + 1 != next) {
                finish(); // the 4-tuple is reused for a new connection
            }
            synced = true;
            next = seq + 1;
            seq += 1;
        }
        if (len > 0) {
            if (!synced) {
                synced = true;
                next = seq;
            }
            deliver(seq, a, off, len);
        }
        if ((flags & (TcpReassembly.FIN | TcpReassembly.RST)) != 0 && synced && seq + len == next) {
            finish();
            next += (flags & TcpReassembly.FIN) != 0 ? 1 : 0;
            return (flags & TcpReassembly.RST) != 0;
        }
        return false;
    }

    /** Bytes held: the message not yet complete and the segments early. */
    long heldBytes() {
        return buffer.size() + (long) earlyBytes;
    }

    /** True when this direction sent a SYN and no byte after it: a connection attempt, nothing more so far. */
    boolean onlyOpened() {
        return opened && !carried;
    }

    /**
     * True when a SYN with sequence number {@code seq} repeats this direction's own SYN (same initial sequence number)
     * and neither a byte nor a refusal followed it: a connection attempt sent again. Asked before {@link #segment}.
     */
    boolean synSentAgain(int seq) {
        return opened && !carried && !refused && synced && seq + 1 == next;
    }

    /** A reset from the other side refused this connection attempt. */
    void refused() {
        refused = true;
    }

    /** Who talks on this direction. */
    StreamContext context() {
        return context;
    }

    /** What decodes this direction's bytes now. */
    StreamDecoder decoder() {
        return decoder;
    }

    /**
     * How far {@code seq} is ahead of {@code next} in 32-bit sequence space (negative: behind). Exactly 2^31 apart
     * is ambiguous (RFC 1982); it counts as ahead, a gap, as any int difference cannot be negated.
     */
    static long ahead(int seq, int next) {
        int delta = seq - next;
        return delta == Integer.MIN_VALUE ? 1L << 31 : delta;
    }

    private void deliver(int seq, byte[] a, int off, int len) {
        long delta = ahead(seq, next);
        if (delta > 0) {
            early.add(new Early(seq, Arrays.copyOfRange(a, off, off + len), context.sink().frame(),
                    context.sink().micros(), context.sink().fileOffsetOf(a, off, len)));
            earlyBytes += len;
            if (early.size() > MAX_PENDING_SEGMENTS || earlyBytes > MAX_PENDING_BYTES) {
                skipGap();
            }
            tellHeld();
            return;
        }
        if (-delta >= len) {
            return; // retransmission of bytes already delivered
        }
        append(a, off - (int) delta, len + (int) delta, context.sink().frame(), context.sink().micros(),
                context.sink().fileOffsetOf(a, off - (int) delta, len + (int) delta));
        drainEarly();
        tellHeld();
    }

    /**
     * Tells the sink when this direction starts or stops holding segments beyond a gap: what it then delivers comes
     * from earlier packets than what other streams deliver meanwhile, which the sink puts back in frame order.
     */
    private void tellHeld() {
        boolean held = !early.isEmpty();
        if (held != toldHeld) {
            toldHeld = held;
            context.sink().gapHeld(held);
        }
    }

    /** Appends a segment's new bytes, which are at {@code fileOffset} in the capture file (-1: not known). */
    private void append(byte[] a, int off, int len, long frame, long micros, long fileOffset) {
        buffer.append(a, off, len, frame, fileOffset);
        lastFrame = frame;
        lastMicros = micros;
        next += len;
        decode();
    }

    private void drainEarly() {
        boolean progress = true;
        while (progress && !early.isEmpty()) {
            progress = false;
            for (int i = 0; i < early.size(); i++) {
                Early e = early.get(i);
                if (ahead(e.seq(), next) <= 0) {
                    early.remove(i);
                    earlyBytes -= e.data().length;
                    int skip = next - e.seq();
                    if (ending) {
                        context.sink().at(e.frame(), e.micros()); // a message it completes is of its packet
                    }
                    if (ahead(e.end(), next) > 0) {
                        append(e.data(), skip, e.data().length - skip, e.frame(), e.micros(),
                                e.fileOffset() < 0 ? -1 : e.fileOffset() + skip);
                    }
                    progress = true;
                    break;
                }
            }
        }
    }

    /** Gives up on missing bytes: continues at the earliest held segment, with the decoder resynchronising. */
    private void skipGap() {
        Early first = earliest();
        long missed = ahead(first.seq(), next);
        if (buffer.size() > 0) {
            decoder.gap(buffer, context); // may deliver a SIP message the gap cuts: the stream then carries SIP
        }
        if (untoldGaps++ == 0) {
            untoldGapFrame = context.sink().frame();
        }
        untoldGapBytes += missed;
        warnGapsOfSip();
        buffer.clear();
        next = first.seq();
        drainEarly();
    }

    /** Warns of the gaps held back once the stream is known to carry SIP. */
    private void warnGapsOfSip() {
        if (!decoder.carriesSip()) {
            return;
        }
        context.sink().warn("frame " + untoldGapFrame + ": TCP stream " + context.describe() + " misses "
                + untoldGapBytes + " bytes" + (untoldGaps == 1 ? "; continuing after the gap"
                        : " in " + untoldGaps + " gaps; continuing after each"));
        forgetGaps();
    }

    private void forgetGaps() {
        untoldGaps = 0;
        untoldGapBytes = 0;
    }

    private Early earliest() {
        Early first = early.get(0);
        for (Early e : early) {
            if (ahead(e.seq(), first.seq()) < 0) {
                first = e;
            }
        }
        return first;
    }

    private void decode() {
        while (buffer.size() > 0) {
            int before = buffer.size();
            StreamDecoder after = decoder.decode(buffer, context);
            boolean switched = after != decoder;
            decoder = after;
            if (!switched && buffer.size() == before) {
                break; // need more: nothing consumed and nobody new to ask
            }
        }
        if (untoldGaps > 0) {
            warnGapsOfSip();
        }
        if (buffer.size() > MAX_BUFFER) {
            context.sink().warn("frame " + context.sink().frame() + ": TCP stream " + context.describe()
                    + " holds " + buffer.size() + " bytes without a complete SIP message; dropped");
            buffer.clear();
        }
    }

    /** End of the stream: deliver held segments across their gaps, then let the decoder see what is left. */
    void finish() {
        long frame = context.sink().frame();
        long micros = context.sink().micros();
        ending = true;
        while (!early.isEmpty()) {
            Early first = earliest();
            context.sink().at(first.frame(), first.micros());
            if (ahead(first.seq(), next) > 0) {
                skipGap();
            } else {
                drainEarly();
            }
        }
        ending = false;
        if (buffer.size() > 0) {
            // a message cut short is of the segment that carried its last captured byte, as tshark numbers a
            // reassembled message, not of the packet that ended the stream (nor the capture's last)
            context.sink().at(lastFrame, lastMicros);
        }
        decoder.end(buffer, context);
        context.sink().at(frame, micros);
        buffer.release();
        if (untoldGaps > 0) {
            warnGapsOfSip();
        }
        forgetGaps(); // the stream never showed SIP: its gaps go unsaid
        tellHeld();
    }
}
