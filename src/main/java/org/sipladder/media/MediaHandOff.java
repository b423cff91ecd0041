package org.sipladder.media;

import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>The analysis is faster than the decoding, so its thread mostly waits. On two cores it shares with the decoding
 * thread and the one that assembles calls, a waiting thread that spins, or wakes up at every packet, takes the core
 * from one of them (it parked and woke thousands of times a run on a SIP-only capture). So once the ring is empty it
 * parks, and the decoding thread wakes it only when {@link #BATCH} slots have built up, when the ring is full or at
 * {@link #finish()}: some 700 context switches for the 240,000 SDP messages of a 50,000-call capture, from 7,500.
 * The park has a time limit ({@link #PARK_NANOS}), so that what a live capture hands over in a trickle is analysed
 * within it, and so that the thread sees that it is idle.
 */
final class MediaHandOff {

    private static final int CAPACITY = 1 << 13;
    private static final int MASK = CAPACITY - 1;
    /** Bytes per slot for the two addresses: 16 each (IPv6), IPv4 uses the first 4. */
    private static final int ADDRESS_BYTES = 32;
    /**
     * Slots that wake a parked analysis thread: a small part of the ring, so that the decoding thread rarely finds it
     * full, and the SIP payloads held meanwhile fill a few of {@code PayloadBlocks}' blocks. Four and sixteen times as
     * many took as much CPU on the 50,000-call capture, but held more blocks: 2 and 7 MB more at the peak.
     */
    static final int BATCH = CAPACITY / 32;
    /** The longest park of the analysis thread: a trickle of packets (a live capture) waits at most this long. */
    static final long PARK_NANOS = 10_000_000;
    /** Parks that found nothing new after which the thread ends (about a tenth of a second). */
    private static final int IDLE_PARKS = 10;
    /** Spins of the decoding thread while the ring is full, before it parks a while. */
    private static final int SPINS = 200;
    private static final long FULL_PARK_NANOS = 50_000;

    /** {@link #state}: no analysis thread, one taking slots, one parked on an empty ring. */
    private static final int STOPPED = 0;
    private static final int AWAKE = 1;
    private static final int PARKED = 2;

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
    /**
     * {@link #STOPPED}, or while an analysis thread owns the consumer side {@link #AWAKE} or {@link #PARKED}: the
     * decoding thread moves it from stopped (starting a thread), the analysis thread between the others and to
     * stopped.
     */
    private final AtomicInteger state = new AtomicInteger(STOPPED);
    private volatile Thread thread;
    private volatile boolean finishing;
    private volatile Throwable failure;

    // producer-side copies, so that a packet reads no shared counter
    private long tail;
    private long roomUntil = CAPACITY;
    /** The analysed count of the parked thread last woken for a batch, so that it is woken once for it. */
    private long wokenAt = -1;
    // consumer side: handed from one analysis thread to the next through state
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
            if (state.get() == PARKED) {
                LockSupport.unpark(thread);
            }
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(FULL_PARK_NANOS);
            }
        }
    }

    private void publish() {
        published.lazySet(++tail);
        int s = state.get();
        if (s != AWAKE) {
            wake(s);
        }
    }

    /** Starts an analysis thread if none runs ({@code s}, the state); wakes a parked one once a batch waits for it. */
    private void wake(int s) {
        if (s == STOPPED) {
            ensureThread();
            return;
        }
        long analysed = consumed.get(); // the thread parked with all it had taken given back
        if (tail - analysed >= BATCH && analysed != wokenAt) {
            wokenAt = analysed;
            LockSupport.unpark(thread);
        }
    }

    private void ensureThread() {
        checkFailure();
        if (state.get() == STOPPED && state.compareAndSet(STOPPED, AWAKE)) {
            finishing = false;
            Thread t = new Thread(this::analyse, "media analysis");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /**
     * The analysis thread: takes what was handed over until it is told to finish or has been idle for long; parks on
     * an empty ring until woken for a batch or for {@link #PARK_NANOS}.
     */
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
                } else if (finishing || idle >= IDLE_PARKS) {
                    state.set(STOPPED);
                    // a slot published after the check above, whose producer still saw this thread running
                    if (published.get() == head || !state.compareAndSet(STOPPED, AWAKE)) {
                        return;
                    }
                } else {
                    state.set(PARKED);
                    // looked at again once PARKED is seen: a slot published before it found this thread awake
                    if (published.get() == head && !finishing) {
                        LockSupport.parkNanos(this, PARK_NANOS);
                        if (published.get() == head) {
                            idle++;
                        }
                    }
                    state.set(AWAKE);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            state.set(STOPPED);
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
            if (state.get() == STOPPED) {
                // the last slots came as the thread ended, and their producer saw it running: they need a new one
                ensureThread();
                finishing = true;
            }
            Thread t = thread;
            try {
                if (t != null) {
                    LockSupport.unpark(t);
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

    /** Slots analysed so far. */
    long analysed() {
        return consumed.get();
    }

    /** Whether an analysis thread runs now (parked or not). */
    boolean analysing() {
        return state.get() != STOPPED;
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
