package org.sipladder.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sipladder.capture.Endpoint;

/**
 * The running figures of one RTP stream, in primitive fields: a packet updates them without allocating (the
 * per-second series grows by doubling, DTMF digits are appended per event, not per packet). The statistics follow
 * Wireshark's RTP analysis ({@code ui/tap-rtp-analysis.c}) step by step, so that they agree with tshark.
 *
 * <p>The running figures are a {@link Figures} of their own: a stream that has gone quiet (its call ended) is put to
 * {@link #sleep} with them packed into a few dozen bytes, and woken, unpacked as they were, by its next packet. The
 * analysis hands the freed figures to the next stream it makes or wakes, so a capture of a day holds figures for the
 * streams of its busiest seconds and bytes for the others, and every figure comes out the same.
 */
final class StreamAccumulator {

    private static final int PT_SLOTS = 4;
    /** RFC 3550 A.1: a jump this far ahead, or more than {@link #MAX_MISORDER} back, may be a sender's restart. */
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    /** A.1's {@code RTP_SEQ_MOD + 1}: no sequence number awaited after a very large jump. */
    private static final int NO_SEQ = 0x10000;
    private static final String DIGITS = "0123456789*#ABCD";
    /** RFC 3550 A.8's transit difference beyond which one packet is a jump of the sender's RTP clock, in ms. */
    private static final double CLOCK_JUMP_MS = 1000;
    /** RFC 3550 A.8's jitter keeps 15/16 of itself at each packet: how a jump's share of it fades. */
    private static final double JITTER_KEPT = 15.0 / 16;

    /** The addresses as ints (IPv4) or folded (IPv6), the two ports in one int and the SSRC's 32 bits, for the look-up. */
    final int srcKey;
    final int dstKey;
    final int ports;
    final int ssrc;
    /** IPv6 only: the source address, then the destination's; null for IPv4, whose keys are the addresses. */
    private final byte[] addresses;
    final Endpoint src;
    final Endpoint dst;

    /** The SDPs that announced the receiver and the sender, or null. */
    Announced dstSdp;
    Announced srcSdp;
    /**
     * The next stream in the chains of the streams sending from or to one endpoint (see {@link #nextOf}): that of
     * this stream's sender and that of its receiver (unused when the two are one endpoint: its chain holds it once).
     */
    private StreamAccumulator nextBySrc;
    private StreamAccumulator nextByDst;

    /** The running figures while awake; while asleep, their bytes ({@link Figures#pack}). */
    private Object figures;

    /** The RFC 4733 events, or null while there were none (most streams). */
    private Events events;

    /** The per-interval figures, or null when the collector keeps none. */
    private final SeriesBuilder series;
    /** The series as {@link #seal()} last built it, for {@link #result}. */
    private StreamSeries sealedSeries = StreamSeries.NONE;

    /**
     * {@code addresses} is null for IPv4, whose keys are the addresses, else the IPv6 source address followed by the
     * destination's; {@code ports} the source port in its high 16 bits, the destination's in its low ones;
     * {@code figures} as new ({@link Figures#clear}).
     */
    StreamAccumulator(int srcKey, int dstKey, byte[] addresses, int ports, int ssrc, Endpoint src, Endpoint dst,
                      SeriesBuilder series, Figures figures) {
        this.figures = figures;
        this.srcKey = srcKey;
        this.dstKey = dstKey;
        this.ports = ports;
        this.addresses = addresses;
        this.ssrc = ssrc;
        this.src = src;
        this.dst = dst;
        this.series = series;
    }

    /** The full comparison of IPv6 addresses, once their folded keys matched. */
    boolean sameAddresses(byte[] a, int srcAt, int dstAt, int length) {
        return addresses != null && 2 * length == addresses.length
                && Arrays.equals(addresses, 0, length, a, srcAt, srcAt + length)
                && Arrays.equals(addresses, length, 2 * length, a, dstAt, dstAt + length);
    }

    /** The stream after this one in the chain of {@code endpoint}, this stream's sender or receiver; or null. */
    StreamAccumulator nextOf(Endpoint endpoint) {
        return EndpointTable.same(src, endpoint) ? nextBySrc : nextByDst;
    }

    /** Puts {@code next} after this stream in the chain of {@code endpoint}, this stream's sender or receiver. */
    void linkNext(Endpoint endpoint, StreamAccumulator next) {
        if (EndpointTable.same(src, endpoint)) {
            nextBySrc = next;
        } else {
            nextByDst = next;
        }
    }

    boolean isAnnounced() {
        return dstSdp != null || srcSdp != null;
    }

    /** True while the figures are packed ({@link #sleep}): the analysis wakes the stream before changing them. */
    boolean asleep() {
        return !(figures instanceof Figures);
    }

    /**
     * Packs the figures of a stream awake into {@code packer}'s bytes and keeps only those, until {@link #wake}: for a
     * stream whose last packet is long past. The figures read the same as before; the object that held them is
     * returned, no longer this stream's, for another to take.
     */
    Figures sleep(Packer packer) {
        Figures f = running();
        f.endRun();
        figures = f.pack(packer);
        return f;
    }

    /** Unpacks the figures of a stream {@link #asleep()} into {@code into} (any), to go on counting. */
    void wake(Unpacker unpacker, Figures into) {
        figures = unpacker.unpack((byte[]) figures, into);
    }

    /**
     * The figures to read: the running ones, or those of a stream asleep unpacked into the calling thread's
     * {@link Unpacker#scratch}, valid until that thread reads another stream asleep.
     */
    private Figures read() {
        Object f = figures;
        if (f instanceof Figures running) {
            return running;
        }
        Unpacker u = READING.get();
        return u.unpack((byte[]) f, u.scratch);
    }

    /** Each thread's unpacker and figures to read streams asleep into ({@link #read}): no allocation per read. */
    private static final ThreadLocal<Unpacker> READING = ThreadLocal.withInitial(Unpacker::new);

    /** The figures to change: the stream must be awake. */
    private Figures running() {
        return (Figures) figures;
    }

    long counted() {
        return read().total;
    }

    long firstFrame() {
        return read().firstFrame;
    }

    /** The capture time of the latest packet, in microseconds. */
    long lastMicros() {
        return read().lastMicros;
    }

    /** Starts the statistics afresh (the SDP announcing the stream arrived after its first packets); awake. */
    void restart() {
        running().restart();
        events = null;
    }

    /**
     * One packet, to a stream awake. {@code nowMs} is the capture time in milliseconds since the capture's first
     * frame, as Wireshark's analysis takes it; {@code event} is the payload's first four bytes (an RFC 4733 event
     * report: event, end bit and volume, duration) or -1 when the payload of {@code payloadLength} bytes is shorter.
     */
    void packet(long frame, long micros, double nowMs, int seq, long timestamp, int pt, boolean marker, int rtpLength,
                int event, int payloadLength) {
        Figures f = running();
        long sincePrevious = micros - f.lastMicros;
        resolve(f, pt);
        if (f.firstSeenFrame == 0) {
            f.firstSeenFrame = frame;
        }
        if (f.total == 0) {
            f.first(frame, micros, nowMs, seq, timestamp, pt);
            if (series != null) {
                series.start(micros);
            }
        } else {
            f.next(frame, nowMs, seq, timestamp, pt, marker);
            if (f.maxDeltaFrame == frame) {
                f.maxDeltaMicros = micros;
            }
            if (f.clockJumps != 0) {
                f.jumpSpan(micros);
            }
        }
        f.lastFrame = frame;
        f.lastMicros = micros;
        f.bytes += rtpLength;
        f.countPayloadType(pt);
        if (marker) {
            f.markers++;
        }
        if (pt == Codecs.PT_CN || pt == Codecs.PT_CN_OLD) {
            f.comfortNoise++;
        }
        // an unannounced dynamic type whose payload reads as an event report (4 bytes, event 0-16, reserved bit clear)
        // is RFC 4733 DTMF sent without telephone-event in the SDP: digits, not audio a receiver fails to decode
        if (f.cachedEvent || f.cachedUnannounced && payloadLength == 4 && (event >>> 24) <= 16
                && (event & 0x400000) == 0) {
            f.telephoneEvents++;
            f.eventPt = (byte) pt;
            // the next number after the highest received: no packet before it (its event's first?) went missing
            dtmf(timestamp, marker, ((seq - (int) f.highestExtSeq) & 0xffff) == 1, event, payloadLength);
        }
        f.sequence(seq, sincePrevious);
        if (series != null) {
            series.add(micros, (int) (f.restartExpected + f.highestExtSeq - f.baseExtSeq + 1), (float) f.jitter);
        }
    }

    /**
     * RFC 4733: an event is one RTP timestamp; its repeated packets (and the three end packets) count once. The first
     * packet seen of an event lacks the marker bit for certain only when it {@code follows} the packet before without
     * a gap: after one, the event's marked first packet may have been lost or come later. An event longer than its
     * 16-bit duration field holds (1.36 s at a 48 kHz event clock, 8.2 s at 8 kHz) goes on in segments with new
     * timestamps (2.5.1.3): such a segment continues the digit, it is not another.
     */
    private void dtmf(long timestamp, boolean marker, boolean follows, int report, int length) {
        if (length < 4) {
            return;
        }
        Events e = events;
        if (e != null && (int) timestamp == e.lastTimestamp) {
            e.heard(report);
            return;
        }
        int event = report >>> 24;
        if (e == null) {
            e = events = new Events();
        } else if (e.continuedBy((int) timestamp, event)) {
            e.lastTimestamp = (int) timestamp;
            e.lastDuration = 0;
            e.heard(report);
            return;
        }
        // the same key right after, its duration counting on from the event's start instead of anew: the sender moved
        // the timestamp within one event (RFC 4733 2.5 keeps it), and a receiver keyed on it, LiveKit's, sees a digit
        boolean moved = follows && event == e.lastEvent && e.lastDuration > 0 && (report & 0xffff) >= e.lastDuration;
        e.lastTimestamp = (int) timestamp;
        e.lastEvent = event;
        e.lastDuration = 0;
        e.ended = false;
        e.heard(report);
        e.digits.append(event < DIGITS.length() ? DIGITS.charAt(event) : event == 16 ? 'F' : '?');
        if (moved) {
            e.movedTimestamps++;
        } else if (!marker && follows) {
            e.withoutMarker++;
        }
    }

    /** The SDP announcing the sender or the receiver changed (or was given): payload types are looked up afresh. */
    void sdpChanged() {
        running().cachedPt = -1;
    }

    /** Looks up (or takes from the cache) the encoding and clock rate of {@code pt} in the announcing SDPs. */
    private void resolve(Figures f, int pt) {
        if (pt == f.cachedPt) {
            return;
        }
        f.cachedPt = (byte) pt;
        PayloadType type = lookup(pt);
        f.cachedEvent = Codecs.isTelephoneEvent(type != null ? type.encoding() : Codecs.staticName(pt));
        f.cachedUnannounced = type == null && pt >= Codecs.FIRST_DYNAMIC;
        f.cachedRate = Codecs.analysisRate(pt, type != null ? type.encoding() : null, type != null ? type.clockRate() : 0);
        f.cachedKhz = f.cachedRate / 1000;
    }

    private PayloadType lookup(int pt) {
        PayloadType t = dstSdp != null ? dstSdp.current.payloadType(pt) : null;
        if (t == null && srcSdp != null) {
            t = srcSdp.current.payloadType(pt);
        }
        return t;
    }

    /**
     * Brings the figures to a state {@link #result} only reads: the running payload type count is added to its slot
     * and the series built. Called on the analysis's side once a read has ended, before results are made (on any
     * thread, as often as asked) from the figures as sealed.
     */
    void seal() {
        if (figures instanceof Figures f) {
            f.endRun(); // a stream asleep ended its run before it was packed
        }
        sealedSeries = series != null ? series.build() : StreamSeries.NONE;
    }

    /** The stream as it stands at the last {@link #seal()}, bound to {@code announcement} (its leg's), or null. */
    RtpStream result(SdpAnnouncement announcement) {
        Figures f = read();
        String callId = announcement == null ? null : announcement.callId();
        int mainPt = mainPayloadType(f);
        PayloadType type = lookup(mainPt);
        String codec = type != null && type.encoding() != null ? type.encoding() : Codecs.staticName(mainPt);
        int rate = Codecs.analysisRate(mainPt, codec, type != null ? type.clockRate() : 0);
        long expected = (f.stopSeq + f.cycles * 65536L) - f.startSeq + 1;
        long lost = expected - f.total;
        // RFC 3550 A.1's count from the highest number received: tshark's follows the numbers in arrival order; a
        // duplicate does not make up for a packet that never came (in A.3's cumulative count it does)
        long expectedInRuns = f.total == 0 ? 0 : f.restartExpected + f.highestExtSeq - f.baseExtSeq + 1;
        RtpStatistics stats = new RtpStatistics(f.total, expected, lost, f.duplicates, f.outOfOrder, f.sequenceErrors,
                f.wrongTimestamps, f.clockJumps, f.minDelta, f.meanDelta, f.maxDelta, f.maxDeltaFrame, f.minJitter, f.meanJitter,
                f.maxJitter, f.markers, f.comfortNoise, f.telephoneEvents, f.bytes, f.problems, f.restarts,
                expectedInRuns, expectedInRuns - (f.total - f.duplicates), f.startSeq, f.lossGaps(rate),
                f.jitterWithoutJumps(), f.maxJitterWithoutJumps(), f.clockJumps == 0 ? ClockJumpSpan.NONE
                : new ClockJumpSpan(f.jumpFromMicros, f.jumpUntilMicros), f.maxDeltaMicros);
        List<Integer> seen = new ArrayList<>();
        for (int pt = 0; pt < 128; pt++) {
            if (pt < 64 ? (f.ptSeenLow & (1L << pt)) != 0 : (f.ptSeenHigh & (1L << (pt - 64))) != 0) {
                seen.add(pt);
            }
        }
        // a jump of the sender's RTP clock (a hold, a re-INVITE) is no jitter a listener hears
        double lossPercent = Math.max(0, stats.lostPercentInRuns());
        // no clock rate, no jitter measured (it shows 0): a score would read as a clean stream's
        double mos = f.total == 0 || rate == 0 ? Double.NaN : Quality.mos(codec, lossPercent,
                Quality.burstRatio(stats.lossGaps().meanPackets(), lossPercent), stats.meanJitterWithoutJumpsMs());
        return new RtpStream(new StreamKey(src, dst, ssrc & 0xffffffffL), f.firstFrame, f.lastFrame, f.firstMicros,
                f.lastMicros, mainPt, codec, rate, List.copyOf(seen), stats, events == null ? "" : events.digits.toString(),
                events == null ? 0 : events.withoutMarker, events == null ? 0 : events.movedTimestamps, f.eventPt,
                mos, sealedSeries, announcement, callId, f.earlyPackets, f.firstSeenFrame);
    }

    /** The media's payload type: the most frequent that is neither comfort noise nor an event, else the first. */
    private int mainPayloadType(Figures f) {
        int best = -1;
        long bestCount = -1;
        for (int i = 0; i < f.ptSlotsUsed; i++) {
            int pt = f.slotPt(i);
            PayloadType t = lookup(pt);
            String enc = t != null ? t.encoding() : Codecs.staticName(pt);
            if (pt == Codecs.PT_CN || pt == Codecs.PT_CN_OLD || Codecs.isTelephoneEvent(enc)) {
                continue;
            }
            if (f.slotCount(i) > bestCount) {
                best = pt;
                bestCount = f.slotCount(i);
            }
        }
        return best >= 0 ? best : f.ptSlotsUsed > 0 ? f.slotPt(0) : f.lastPt;
    }

    /**
     * True when the packets look like RTP by themselves: several, mostly in sequence. A packet repeating one just
     * seen counts as in sequence: a capture that saw every packet twice (two interfaces, a mirror port seeing both
     * directions) has half its packets duplicates, and random datagrams repeat a 16-bit number within the window
     * no more often than they follow one. But a quarter at least must step the sequence on: a protocol whose third
     * and fourth bytes are a length (BACnet/IP's 0x81 reads as RTP version 2) repeats its "sequence number" in every
     * packet of one size, and RTP never stands still.
     */
    boolean plainlyRtp() {
        Figures f = read();
        return f.total >= 4 && (f.consecutive + f.duplicates) * 2L >= f.total - 1 && f.consecutive * 4L >= f.total - 1;
    }

    /**
     * A stream's RFC 4733 events: the digits, those without a marker, and of the latest event its RTP timestamp (32
     * bits), code, longest duration reported and whether its end was reported.
     */
    private static final class Events {

        /** The duration field's largest value (RFC 4733 2.3.5), the most a segment of a long event lasts. */
        private static final int MAX_DURATION = 0xffff;

        final StringBuilder digits = new StringBuilder();
        int lastTimestamp;
        int lastEvent;
        int lastDuration;
        boolean ended;
        int withoutMarker;
        /** New timestamps that went on with the latest event (its key, its duration still growing). */
        int movedTimestamps;

        /** One more report of the latest event (a packet with its timestamp). */
        void heard(int report) {
            lastDuration = Math.max(lastDuration, report & 0xffff);
            ended |= (report & 0x80_0000) != 0;
        }

        /**
         * True when a report of {@code event} with the new {@code timestamp} starts the next segment of the latest
         * event (RFC 4733 2.5.1.3): that event has not ended, reported a duration near the field's limit and the new
         * timestamp follows it by that duration, at most the field's limit. A new key press, even of the same key,
         * comes after the end packets and after a pause.
         */
        boolean continuedBy(int timestamp, int event) {
            int delta = timestamp - lastTimestamp;
            return !ended && event == lastEvent && lastDuration > MAX_DURATION / 2 && delta >= lastDuration
                    && delta <= MAX_DURATION + 1;
        }
    }

    /**
     * The running figures of a stream, primitives only, so that they pack into bytes ({@link #pack}) and unpack into
     * an equal object ({@link #unpack}): every field is written and read by one list, {@link #transfer}.
     */
    static final class Figures {

        long firstFrame;
        long lastFrame;
        long firstMicros;
        long lastMicros;
        long earlyPackets;
        long firstSeenFrame;

        // Wireshark's state (tap_rtp_stat_t), started once total is not 0. Counts of packets of one stream are ints:
        // a stream of 2^31 packets would take more than 100 GB of capture; the packets and bytes themselves are longs.
        int startSeq;
        int stopSeq;
        int seqNum;
        int cycles;
        boolean under;
        long seqTimestamp;
        double time;
        double jitter;
        double maxJitter;
        double minJitter = -1;
        double meanJitter;
        double maxDelta;
        double minDelta = -1;
        double meanDelta;
        long maxDeltaFrame;
        /** The capture time of the packet at {@link #maxDeltaFrame}, 0 when none: where the largest gap ended. */
        long maxDeltaMicros;
        /** Payload types are 7 bits: this one and {@link #runPt} and {@link #cachedPt} (-1: none) are bytes. */
        byte lastPt;
        long total;
        int sequenceErrors;
        int wrongTimestamps;
        /** Packets whose timestamp jumped a second or more against their arrival (see {@link #next}). */
        int clockJumps;
        /**
         * What the clock jumps still add to {@link #jitter}: each jump's transit difference over 16, fading by 15/16
         * with every step of the jitter as the jitter does (RFC 3550 A.8 is linear in the transit differences); kept
         * from a stream's first jump on, a comparison per packet for the others. From it, Wireshark's mean and largest
         * jitter without the jumps ({@link #jitterWithoutJumps}, {@link #maxJitterWithoutJumps}): the mean of the
         * share, taken as Wireshark takes its mean, and the largest jitter less the share (Wireshark's largest until
         * the first jump).
         */
        double jumpShare;
        double meanJumpShare;
        double maxJitterHeard;
        /** The {@link ClockJumpSpan}: capture times of the first jump and of the last packet the jumps weighed in. */
        long jumpFromMicros;
        long jumpUntilMicros;
        /**
         * RTP timestamp units per packet: the step of the latest audio packet that followed the one before in sequence
         * and in time (0 while none did), to tell a gap of sequence numbers in milliseconds.
         */
        int frameTicks;
        boolean problems;

        // timestamp unwrapping
        long extTimestamp;
        long firstExtTimestamp;

        // RFC 3550 extended sequence numbers, for duplicates, reordering and the series
        long baseExtSeq;
        long highestExtSeq;
        long window;
        int duplicates;
        int outOfOrder;
        int consecutive;
        /**
         * Gaps of sequence numbers (runs of numbers never received), each counted once its numbers left the reception
         * window: a packet reordered within the window fills its hole before that, and is no loss. {@code holeRun}:
         * the numbers never received that left the window since the last one received did; the gaps closed so far,
         * the longest of them, and the number of the packet that ended it.
         */
        int holeRun;
        int lossGaps;
        /** The numbers never received in the gaps closed so far: with their count, the mean length of a gap. */
        long lossGapPackets;
        int longestLossGap;
        int longestLossGapEndSeq;
        /**
         * RFC 3550 A.1: the sequence number that would confirm a very large jump as the sender's restart (the one
         * after the jump's), else {@link #NO_SEQ}; the restarts so confirmed, and the packets the runs of sequence
         * numbers before the latest restart expected.
         */
        int badSeq = NO_SEQ;
        int restarts;
        long restartExpected;

        /**
         * The first {@link #PT_SLOTS} payload types seen, a byte each (types are 7 bits) from the lowest, and how many
         * packets of each: fields, not two arrays of their own for every stream.
         */
        int pts;
        int ptCount0;
        int ptCount1;
        int ptCount2;
        int ptCount3;
        byte ptSlotsUsed;
        byte runSlot;
        /** The payload type of the latest packets and how many in a row not yet added to its slot (-1: none). */
        byte runPt = -1;
        int runCount;
        long ptSeenLow;
        long ptSeenHigh;
        int markers;
        int comfortNoise;
        int telephoneEvents;
        long bytes;

        // payload type resolution cache: cachedPt is -1 when the announcing SDPs changed (see sdpChanged)
        byte cachedPt = -1;
        int cachedRate;
        /** The clock rate in kHz as Wireshark divides by it ({@code clock_rate / 1000} in integers). */
        int cachedKhz;
        boolean cachedEvent;
        /** True when {@link #cachedPt} is a dynamic type neither SDP names. */
        boolean cachedUnannounced;
        /** The payload type of the latest telephone-event packet, announced or recognised (-1: none). */
        byte eventPt = -1;

        void restart() {
            earlyPackets += total;
            total = 0;
            cycles = 0;
            under = false;
            jitter = maxJitter = meanJitter = maxDelta = meanDelta = 0;
            minJitter = minDelta = -1;
            maxDeltaFrame = 0;
            maxDeltaMicros = 0;
            sequenceErrors = wrongTimestamps = clockJumps = 0;
            jumpShare = meanJumpShare = maxJitterHeard = 0;
            jumpFromMicros = jumpUntilMicros = 0;
            frameTicks = 0;
            holeRun = lossGaps = longestLossGap = longestLossGapEndSeq = 0;
            lossGapPackets = 0;
            problems = false;
            duplicates = outOfOrder = consecutive = 0;
            window = 0;
            badSeq = NO_SEQ;
            restarts = 0;
            restartExpected = 0;
            pts = 0;
            ptCount0 = ptCount1 = ptCount2 = ptCount3 = 0;
            ptSlotsUsed = 0;
            runPt = -1;
            runCount = 0;
            ptSeenLow = ptSeenHigh = 0;
            markers = comfortNoise = telephoneEvents = 0;
            eventPt = -1;
            bytes = 0;
        }

        void first(long frame, long micros, double nowMs, int seq, long timestamp, int pt) {
            firstFrame = frame;
            firstMicros = micros;
            startSeq = stopSeq = seqNum = seq;
            extTimestamp = timestamp;
            firstExtTimestamp = timestamp;
            seqTimestamp = timestamp;
            time = nowMs;
            lastPt = (byte) pt;
            maxDelta = jitter = maxJitter = meanJitter = meanDelta = 0;
            minDelta = minJitter = -1;
            total = 1;
            baseExtSeq = highestExtSeq = seq;
            window = 1;
        }

        void next(long frame, double nowMs, int seq, long timestamp, int pt, boolean marker) {
            long before = extTimestamp;
            long ext = before + (int) (timestamp - (before & 0xffffffffL));
            extTimestamp = ext;
            // tshark 4.0: a timestamp before the stream's first one is out of time sequence (reordered packets are not)
            boolean inTime = ext >= firstExtTimestamp;
            boolean wrongTimestamp = !inTime;
            boolean wrongSeq = false;
            if (!inTime) {
                wrongTimestamps++;
            }
            if (seq < startSeq && inTime && !under) {
                cycles++;
                under = true;
            } else if (seq == 0 && stopSeq == 65535 && inTime && !under) {
                cycles++;
                under = true;
            } else if (seq > startSeq && inTime && under) {
                under = false;
            }
            boolean follows = false;
            if (inTime && seqNum + 1 == seq) {
                seqNum = seq;
                follows = true;
            } else if (inTime && seqNum == 65535 && seq == 0) {
                seqNum = seq;
                follows = true;
            } else if (inTime && (seqNum + 1 < seq || ((seqNum - seq) & 0xffffffffL) > 0xFF00)) {
                seqNum = seq;
                sequenceErrors++;
                wrongSeq = true;
            } else if (seqNum + 1 > seq) {
                sequenceErrors++;
                wrongSeq = true;
            }
            boolean cn = pt == Codecs.PT_CN || pt == Codecs.PT_CN_OLD;
            boolean followsCn = lastPt == Codecs.PT_CN || lastPt == Codecs.PT_CN_OLD;
            lastPt = (byte) pt;
            int rate = cachedEvent ? 0 : cachedRate;
            double currentJitter = 0;
            double delta = nowMs - time;
            // as tshark 4.0: only a packet in time sequence moves the jitter. One whose timestamp lies before the
            // stream's first (a sender that restarted its timestamps mid-stream) leaves it as it was; measured
            // against the last packet in time, each would add the whole jump, and the jitter would climb to it.
            if (rate != 0 && inTime) {
                double nominal = (double) (ext - seqTimestamp) / cachedKhz;
                double transit = nowMs - (time + nominal);
                double diff = Math.abs(transit);
                if (clockJumps != 0) {
                    jumpShare *= JITTER_KEPT;
                }
                // a second or more apart, the sender's clock jumped (no path delays packets that unevenly): ahead of
                // the arrival, always; behind it, when the sender marked the packet as a new start (after a hold)
                if (transit < -CLOCK_JUMP_MS || marker && transit > CLOCK_JUMP_MS) {
                    clockJump(diff / 16);
                }
                if (follows) {
                    frameTicks = (int) (ext - before);
                }
                currentJitter = (15 * jitter + diff) / 16;
                jitter = currentJitter;
            }
            if (!marker && !cn && !wrongTimestamp && !followsCn) {
                if (delta > maxDelta) {
                    maxDelta = delta;
                    maxDeltaFrame = frame;
                }
                if (minDelta == -1 || delta < minDelta) {
                    minDelta = delta;
                }
                meanDelta = (meanDelta * (total - 1) + delta) / total;
                if (rate != 0) {
                    if (jitter > maxJitter) {
                        maxJitter = jitter;
                    }
                    if (clockJumps != 0) {
                        heardJitter();
                    }
                    meanJitter = (meanJitter * (total - 1) + currentJitter) / total;
                    if (minJitter == -1 || jitter < minJitter) {
                        minJitter = jitter;
                    }
                }
            }
            if (inTime) {
                time = nowMs;
                if (rate != 0) {
                    // as tshark 4.0 does: the nominal time runs on from the last packet with a known clock, so the
                    // first media packet after a DTMF event (clock 0) measures its timestamp against the one before
                    seqTimestamp = ext;
                }
            }
            stopSeq = seq;
            total++;
            if (wrongSeq || wrongTimestamp) {
                problems = true;
            }
        }

        /** One clock jump, which added {@code added} to the jitter. */
        private void clockJump(double added) {
            if (clockJumps == 0) {
                maxJitterHeard = maxJitter; // the largest before this packet, which holds the jump
            }
            clockJumps++;
            jumpShare += added;
        }

        /** After a clock jump, the packet at {@code micros} in the {@link ClockJumpSpan} while the jumps weigh in. */
        void jumpSpan(long micros) {
            if (jumpFromMicros == 0) {
                jumpFromMicros = micros;
            }
            if (jumpShare > ClockJumpSpan.FADED_MS) {
                jumpUntilMicros = micros;
            }
        }

        /** After a clock jump, a regular packet's jitter without the jumps' share, into the mean and the largest. */
        private void heardJitter() {
            meanJumpShare = (meanJumpShare * (total - 1) + jumpShare) / total;
            double heard = jitter - jumpShare;
            if (heard > maxJitterHeard) {
                maxJitterHeard = heard;
            }
        }

        /**
         * Wireshark's mean jitter without what the clock jumps added to it: the jitter a listener's jitter buffer
         * meets, for the MOS and for judging the jitter. Wireshark's figure stays as tshark gives it.
         */
        double jitterWithoutJumps() {
            return clockJumps == 0 ? meanJitter : Math.max(0, meanJitter - meanJumpShare);
        }

        /** Wireshark's largest jitter without what the clock jumps added to it. */
        double maxJitterWithoutJumps() {
            return clockJumps == 0 ? maxJitter : maxJitterHeard;
        }

        /**
         * RFC 3550 extended sequence numbers: duplicates and reordering within a 64-packet window, and restarts of
         * the sender's numbering (A.1). {@code sincePrevious} is the time since the packet before, in microseconds.
         */
        void sequence(int seq, long sincePrevious) {
            if (total == 1) {
                return;
            }
            int ahead = (seq - (int) highestExtSeq) & 0xffff;
            // A.1's very large jump, which a gap cannot explain (more than one packet per millisecond would have been
            // lost: faster than voice or video is sent): the numbers restarted once the next packet follows it
            if (ahead >= MAX_DROPOUT && ahead <= 0x10000 - MAX_MISORDER && (ahead - 1) * 1000L > sincePrevious) {
                if (seq == badSeq) {
                    newRun(seq);
                } else {
                    badSeq = (seq + 1) & 0xffff;
                }
                return;
            }
            long ext = highestExtSeq + (short) (seq - (int) (highestExtSeq & 0xffff));
            if (ext > highestExtSeq) {
                long step = ext - highestExtSeq;
                if (step == 1) {
                    consecutive++;
                }
                // the usual packet: the next number, the oldest in the window received and no gap open; only
                // otherwise can numbers leaving the window end a gap
                if (step != 1 || window >= 0 || holeRun != 0) {
                    leaveWindow(step);
                }
                window = step >= 64 ? 1 : (window << step) | 1;
                highestExtSeq = ext;
            } else {
                long back = highestExtSeq - ext;
                if (back < 64 && (window & (1L << back)) != 0) {
                    duplicates++;
                } else {
                    outOfOrder++;
                    if (back < 64) {
                        window |= 1L << back;
                        // a packet sent before the first to arrive: the run starts at it, else it would count as
                        // received beyond those expected and make up for one that never came (A.3's count does)
                        if (ext < baseExtSeq) {
                            baseExtSeq = ext;
                        }
                    }
                }
            }
        }

        /**
         * A new run of sequence numbers from the packet before this one ({@code seq}'s, which confirmed the jump):
         * the run so far is kept as expected packets, the new one starts in a cycle of its own.
         */
        private void newRun(int seq) {
            leaveWindow(64);
            restarts++;
            restartExpected += highestExtSeq - baseExtSeq + 1;
            highestExtSeq = (highestExtSeq | 0xffffL) + 1 + seq;
            baseExtSeq = highestExtSeq - 1;
            window = 0b11;
            consecutive++;
            badSeq = NO_SEQ;
        }

        /**
         * The numbers that leave the reception window as it moves {@code step} ahead, oldest first, each received or
         * not: a run of numbers never received ends as a gap at the next received. Numbers before the run's first
         * (a stream's first 63 packets) are none; numbers beyond the window that the step skipped were never received.
         */
        private void leaveWindow(long step) {
            long inRun = highestExtSeq - baseExtSeq;
            for (int p = 63; p >= 64 - Math.min(step, 64); p--) {
                if (p <= inRun) {
                    leaving((window >>> p & 1) != 0, highestExtSeq - p);
                }
            }
            if (step > 64) {
                holeRun += (int) (step - 64);
            }
        }

        /** One number leaving the window, {@code received} or not; {@code ext} its extended value. */
        private void leaving(boolean received, long ext) {
            if (!received) {
                holeRun++;
            } else if (holeRun != 0) {
                lossGaps++;
                lossGapPackets += holeRun;
                if (holeRun > longestLossGap) {
                    longestLossGap = holeRun;
                    longestLossGapEndSeq = (int) (ext & 0xffff);
                }
                holeRun = 0;
            }
        }

        /**
         * The gaps as they stand: those closed and those still in the window, as {@link #leaveWindow} will count them,
         * without changing the figures. {@code rate}: the RTP clock of the stream's audio, for milliseconds.
         */
        LossGaps lossGaps(int rate) {
            int gaps = lossGaps;
            long packets = lossGapPackets;
            int longest = longestLossGap;
            int endSeq = longestLossGapEndSeq;
            int run = holeRun;
            long inRun = highestExtSeq - baseExtSeq;
            for (int p = total == 0 ? -1 : 63; p >= 0; p--) {
                if (p > inRun) {
                    continue;
                }
                if ((window >>> p & 1) == 0) {
                    run++;
                } else if (run != 0) {
                    gaps++;
                    packets += run;
                    if (run > longest) {
                        longest = run;
                        endSeq = (int) ((highestExtSeq - p) & 0xffff);
                    }
                    run = 0;
                }
            }
            double ms = rate > 0 && frameTicks > 0 ? longest * (double) frameTicks * 1000 / rate : Double.NaN;
            return new LossGaps(gaps, packets, longest, longest == 0 ? 0 : ms, longest == 0 ? -1 : endSeq);
        }

        /** Counts {@code pt}; a run of packets of one type costs one field each, its slot is updated when the run ends. */
        void countPayloadType(int pt) {
            if (pt == runPt) {
                runCount++;
                return;
            }
            endRun();
            if (pt < 64) {
                ptSeenLow |= 1L << pt;
            } else {
                ptSeenHigh |= 1L << (pt - 64);
            }
            int slot = 0;
            while (slot < ptSlotsUsed && slotPt(slot) != pt) {
                slot++;
            }
            if (slot == ptSlotsUsed) {
                if (ptSlotsUsed == PT_SLOTS) {
                    return; // the first few types are the ones that matter; the others are only marked as seen
                }
                pts |= pt << (8 * slot);
                ptSlotsUsed++;
            }
            runPt = (byte) pt;
            runSlot = (byte) slot;
            runCount = 1;
        }

        /** The payload type in slot {@code slot} (below {@link #ptSlotsUsed}). */
        int slotPt(int slot) {
            return pts >>> (8 * slot) & 0xff;
        }

        /** The packets counted in slot {@code slot}. */
        int slotCount(int slot) {
            return switch (slot) {
                case 0 -> ptCount0;
                case 1 -> ptCount1;
                case 2 -> ptCount2;
                default -> ptCount3;
            };
        }

        void endRun() {
            if (runPt >= 0) {
                switch (runSlot) {
                    case 0 -> ptCount0 += runCount;
                    case 1 -> ptCount1 += runCount;
                    case 2 -> ptCount2 += runCount;
                    default -> ptCount3 += runCount;
                }
                runPt = -1;
                runCount = 0;
            }
        }

        /**
         * The figures as bytes ({@link #transfer}): 40 to 80 bytes for the 300 of the object.
         */
        byte[] pack(Packer p) {
            p.reset();
            transfer(p);
            return p.bytes();
        }

        /** The packed figures of a new stream: {@link #clear} unpacks them. */
        private static final byte[] NEW = new Figures().pack(new Packer());

        /** Makes these figures those of a new stream, as {@code new Figures()} makes them. */
        Figures clear(Unpacker u) {
            return u.unpack(NEW, this);
        }

        /** Sets every field of {@code f} to what {@link #pack} wrote to {@code u}'s bytes; {@code f}. */
        private static Figures unpack(Unpacker u, Figures f) {
            f.transfer(u);
            u.end();
            return f;
        }

        /** A capture time as its distance from the first packet's; 0 (none) stays 0, one byte for most streams. */
        private long sinceFirst(Transfer t, long micros) {
            long v = t.signed(micros == 0 ? 0 : micros - firstMicros + 1);
            return v == 0 ? 0 : v + firstMicros - 1;
        }

        /**
         * Every field, one list for both ways: packing, {@code t} writes each value and gives it back (the fields stay
         * as they are); unpacking, it gives the values read, in the same order. Each field is a variable-length
         * number: the frames, times and RTP timestamps as their distance from the stream's first ones (those come
         * before them), the doubles' bits reversed (a round value is a byte or two) and the reception window inverted
         * (all ones for a stream in order).
         */
        private void transfer(Transfer t) {
            firstFrame = t.signed(firstFrame);
            lastFrame = firstFrame + t.signed(lastFrame - firstFrame);
            firstMicros = t.signed(firstMicros);
            lastMicros = firstMicros + t.signed(lastMicros - firstMicros);
            earlyPackets = t.signed(earlyPackets);
            firstSeenFrame = firstFrame + t.signed(firstSeenFrame - firstFrame);
            startSeq = (int) t.signed(startSeq);
            stopSeq = (int) t.signed(stopSeq);
            seqNum = (int) t.signed(seqNum);
            cycles = (int) t.signed(cycles);
            under = t.signed(under ? 1 : 0) != 0;
            firstExtTimestamp = t.signed(firstExtTimestamp);
            seqTimestamp = firstExtTimestamp + t.signed(seqTimestamp - firstExtTimestamp);
            extTimestamp = firstExtTimestamp + t.signed(extTimestamp - firstExtTimestamp);
            time = t.real(time);
            jitter = t.real(jitter);
            maxJitter = t.real(maxJitter);
            minJitter = t.real(minJitter);
            meanJitter = t.real(meanJitter);
            maxDelta = t.real(maxDelta);
            minDelta = t.real(minDelta);
            meanDelta = t.real(meanDelta);
            maxDeltaFrame = firstFrame + t.signed(maxDeltaFrame - firstFrame);
            maxDeltaMicros = sinceFirst(t, maxDeltaMicros);
            lastPt = (byte) t.signed(lastPt);
            total = t.signed(total);
            sequenceErrors = (int) t.signed(sequenceErrors);
            wrongTimestamps = (int) t.signed(wrongTimestamps);
            clockJumps = (int) t.signed(clockJumps);
            jumpShare = t.real(jumpShare);
            meanJumpShare = t.real(meanJumpShare);
            maxJitterHeard = t.real(maxJitterHeard);
            jumpFromMicros = sinceFirst(t, jumpFromMicros);
            jumpUntilMicros = sinceFirst(t, jumpUntilMicros);
            frameTicks = (int) t.signed(frameTicks);
            problems = t.signed(problems ? 1 : 0) != 0;
            baseExtSeq = t.signed(baseExtSeq);
            highestExtSeq = baseExtSeq + t.signed(highestExtSeq - baseExtSeq);
            window = ~t.signed(~window);
            duplicates = (int) t.signed(duplicates);
            outOfOrder = (int) t.signed(outOfOrder);
            consecutive = (int) t.signed(consecutive);
            holeRun = (int) t.signed(holeRun);
            lossGaps = (int) t.signed(lossGaps);
            lossGapPackets = t.signed(lossGapPackets);
            longestLossGap = (int) t.signed(longestLossGap);
            longestLossGapEndSeq = (int) t.signed(longestLossGapEndSeq);
            badSeq = (int) t.signed(badSeq);
            restarts = (int) t.signed(restarts);
            restartExpected = t.signed(restartExpected);
            pts = (int) t.signed(pts);
            ptCount0 = (int) t.signed(ptCount0);
            ptCount1 = (int) t.signed(ptCount1);
            ptCount2 = (int) t.signed(ptCount2);
            ptCount3 = (int) t.signed(ptCount3);
            ptSlotsUsed = (byte) t.signed(ptSlotsUsed);
            runSlot = (byte) t.signed(runSlot);
            runPt = (byte) t.signed(runPt);
            runCount = (int) t.signed(runCount);
            ptSeenLow = t.signed(ptSeenLow);
            ptSeenHigh = t.signed(ptSeenHigh);
            markers = (int) t.signed(markers);
            comfortNoise = (int) t.signed(comfortNoise);
            telephoneEvents = (int) t.signed(telephoneEvents);
            bytes = t.signed(bytes);
            cachedPt = (byte) t.signed(cachedPt);
            cachedRate = (int) t.signed(cachedRate);
            cachedKhz = (int) t.signed(cachedKhz);
            cachedEvent = t.signed(cachedEvent ? 1 : 0) != 0;
            cachedUnannounced = t.signed(cachedUnannounced ? 1 : 0) != 0;
            eventPt = (byte) t.signed(eventPt);
        }
    }

    /** One way of {@link Figures#transfer}: each call writes or reads the next number. */
    private interface Transfer {

        long signed(long v);

        double real(double v);
    }

    /**
     * Writes numbers as zig-zag variable-length bytes (7 bits a byte, low bits first) into a buffer it reuses: one per
     * analysis, on its thread.
     */
    static final class Packer implements Transfer {

        private byte[] buffer = new byte[256];
        private int length;

        void reset() {
            length = 0;
        }

        /** Writes {@code v}; gives it back. */
        @Override
        public long signed(long v) {
            unsigned(v << 1 ^ v >> 63);
            return v;
        }

        /** Writes {@code v} by its bits reversed: a round number's low mantissa bits are zeros and come out short. */
        @Override
        public double real(double v) {
            unsigned(Long.reverse(Double.doubleToRawLongBits(v)));
            return v;
        }

        private void unsigned(long v) {
            if (length + 10 > buffer.length) {
                buffer = Arrays.copyOf(buffer, 2 * buffer.length);
            }
            while ((v & ~0x7fL) != 0) {
                buffer[length++] = (byte) (v | 0x80);
                v >>>= 7;
            }
            buffer[length++] = (byte) v;
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }
    }

    /** Reads what a {@link Packer} wrote, in its order; one per thread, reused. */
    static final class Unpacker implements Transfer {

        /** Figures to unpack into when reading a stream asleep on this unpacker's thread. */
        final Figures scratch = new Figures();
        private byte[] b;
        private int at;

        /** Sets every field of {@code into} to the figures packed in {@code bytes}; {@code into}. */
        Figures unpack(byte[] bytes, Figures into) {
            b = bytes;
            at = 0;
            return Figures.unpack(this, into);
        }

        /** The next number read; {@code ignored} is the field's value before it. */
        @Override
        public long signed(long ignored) {
            long v = unsigned();
            return v >>> 1 ^ -(v & 1);
        }

        @Override
        public double real(double ignored) {
            return Double.longBitsToDouble(Long.reverse(unsigned()));
        }

        private long unsigned() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[at++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        }

        /** Every byte was read: what was packed is what is unpacked. */
        void end() {
            if (at != b.length) {
                throw new IllegalStateException("packed figures of " + b.length + " bytes, " + at + " read");
            }
        }
    }
}
