package org.sipladder.media;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.sipladder.capture.MediaPayload;
import org.sipladder.capture.PayloadReturns;
import org.sipladder.capture.SipPayload;

/**
 * Hands RTP headers and SIP payloads from the thread that decodes packets to a thread of its own that runs the
 * {@link RtpAnalysis}, in capture order, so that the stream statistics use the second core while the first one
 * reads. One producer, one consumer, a ring of primitive slots: a packet costs a few stores and allocates nothing.
 *
 * <p>The analysis thread starts with the first packet, ends when it has been idle for a while (a read that is
 * cancelled or a live capture that pauses leaves no thread behind) and starts again with the next packet;
 * {@link #finish()} waits until everything handed over is analysed.
 */
final class MediaHandOff {

    private static final int CAPACITY = 1 << 13;
    private static final int MASK = CAPACITY - 1;
    /** Bytes per slot for the two addresses: 16 each (IPv6), IPv4 uses the first 4. */
    private static final int ADDRESS_BYTES = 32;
    private static final int SPINS = 200;
    private static final long PARK_NANOS = 50_000;
    /** Parks of an empty ring after which the thread ends (about a tenth of a second). */
    private static final int IDLE_PARKS = 2_000;

    private final RtpAnalysis analysis;

    // the slots: SIP payloads in sips[], RTP headers in the primitive arrays (sips[i] == null)
    private final SipPayload[] sips = new SipPayload[CAPACITY];
    private final long[] frames = new long[CAPACITY];
    private final long[] micros = new long[CAPACITY];
    private final long[] firstMicros = new long[CAPACITY];
    private final long[] timestamps = new long[CAPACITY];
    private final long[] ssrcs = new long[CAPACITY];
    private final int[] ports = new int[CAPACITY];
    private final int[] addressLengths = new int[CAPACITY];
    private final int[] seqs = new int[CAPACITY];
    private final int[] seconds = new int[CAPACITY];
    private final int[] rtpLengths = new int[CAPACITY];
    private final int[] events = new int[CAPACITY];
    private final int[] payloadLengths = new int[CAPACITY];
    private final byte[] addresses = new byte[CAPACITY * ADDRESS_BYTES];

    /** Slots handed over (written by the producer) and slots analysed (written by the analysis thread). */
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    /** True while an analysis thread owns the consumer side. */
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean finishing;
    private volatile Throwable failure;

    // producer-side copies, so that a packet reads no shared counter
    private long tail;
    private long roomUntil = CAPACITY;
    // consumer side: handed from one analysis thread to the next through running
    private long head;
    private final PayloadReturns returns = new PayloadReturns();

    MediaHandOff(RtpAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Hands over a SIP payload: its SDP must be analysed before the RTP that follows it in the capture. */
    void sip(SipPayload p) {
        int i = claim();
        sips[i] = p.hold();
        publish();
    }

    /** Hands over the header of the RTP packet {@code p}, already read by the caller. */
    void rtp(MediaPayload p, int seq, long timestamp, long ssrc, int second, int event, int payloadLength) {
        int i = claim();
        frames[i] = p.frame();
        micros[i] = p.timestampMicros();
        firstMicros[i] = p.firstFrameMicros();
        timestamps[i] = timestamp;
        ssrcs[i] = ssrc;
        ports[i] = p.srcPort() << 16 | p.dstPort();
        int length = p.addressLength();
        addressLengths[i] = length;
        System.arraycopy(p.addressBytes(), p.srcAddressAt(), addresses, i * ADDRESS_BYTES, length);
        System.arraycopy(p.addressBytes(), p.dstAddressAt(), addresses, i * ADDRESS_BYTES + 16, length);
        seqs[i] = seq;
        seconds[i] = second;
        rtpLengths[i] = p.length();
        events[i] = event;
        payloadLengths[i] = payloadLength;
        publish();
    }

    private int claim() {
        if (tail == roomUntil) {
            waitForRoom();
        }
        return (int) tail & MASK;
    }

    private void waitForRoom() {
        for (int spins = 0; ; spins++) {
            checkFailure();
            roomUntil = consumed.get() + CAPACITY;
            if (tail < roomUntil) {
                return;
            }
            ensureThread();
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
    }

    private void publish() {
        published.lazySet(++tail);
        if (!running.get()) {
            ensureThread();
        }
    }

    private void ensureThread() {
        checkFailure();
        if (!running.get() && running.compareAndSet(false, true)) {
            finishing = false;
            Thread t = new Thread(this::analyse, "media analysis");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** The analysis thread: takes what was handed over until it is told to finish or has been idle for long. */
    private void analyse() {
        int idle = 0;
        try {
            while (true) {
                long end = published.get();
                if (head < end) {
                    while (head < end) {
                        take((int) head & MASK);
                        head++;
                        if ((head & 255) == 0) {
                            returns.flush();
                            consumed.lazySet(head);
                        }
                    }
                    returns.flush();
                    consumed.lazySet(head);
                    idle = 0;
                } else if (finishing || idle > SPINS + IDLE_PARKS) {
                    running.set(false);
                    // a slot published after the check above, whose producer still saw this thread running
                    if (published.get() == head || !running.compareAndSet(false, true)) {
                        return;
                    }
                } else if (++idle < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(PARK_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            running.set(false);
        }
    }

    private void take(int i) {
        SipPayload sip = sips[i];
        if (sip != null) {
            sips[i] = null;
            analysis.sip(sip);
            returns.add(sip);
            return;
        }
        int at = i * ADDRESS_BYTES;
        analysis.rtp(frames[i], micros[i], firstMicros[i], addresses, at, at + 16, addressLengths[i],
                ports[i] >>> 16, ports[i] & 0xffff, seqs[i], timestamps[i], ssrcs[i], seconds[i], rtpLengths[i],
                events[i], payloadLengths[i]);
    }

    /**
     * Waits until everything handed over has been analysed; after it the analysis may be read on this thread.
     * Call it once the producer has stopped handing over.
     */
    void finish() {
        finishing = true;
        while (consumed.get() != published.get()) {
            checkFailure();
            Thread t = thread;
            try {
                if (t != null) {
                    t.join(1);
                } else {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the RTP analysis finished", e);
            }
        }
        checkFailure();
    }

    /** Slots handed over so far (SIP payloads and RTP headers); read on the producer's thread. */
    long handedOver() {
        return tail;
    }

    /** Whether an analysis thread runs now. */
    boolean analysing() {
        return running.get();
    }

    private void checkFailure() {
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }
}
