package org.sipladder.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sipladder.capture.Endpoint;

/**
 * The running figures of one RTP stream, in primitive fields: a packet updates them without allocating (the
 * per-second series grows by doubling, DTMF digits are appended per event, not per packet). The statistics follow
 * Wireshark's RTP analysis ({@code ui/tap-rtp-analysis.c}) step by step, so that they agree with tshark.
 */
final class StreamAccumulator {

    private static final int PT_SLOTS = 4;
    private static final String DIGITS = "0123456789*#ABCD";

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

    long firstFrame;
    long lastFrame;
    long firstMicros;
    long lastMicros;
    long earlyPackets;
    long firstSeenFrame;

    // Wireshark's state (tap_rtp_stat_t), started once total is not 0. Counts of packets of one stream are ints:
    // a stream of 2^31 packets would take more than 100 GB of capture; the packets and bytes themselves are longs.
    private int startSeq;
    private int stopSeq;
    private int seqNum;
    private int cycles;
    private boolean under;
    private long seqTimestamp;
    private double time;
    private double jitter;
    private double maxJitter;
    private double minJitter = -1;
    private double meanJitter;
    private double maxDelta;
    private double minDelta = -1;
    private double meanDelta;
    private long maxDeltaFrame;
    /** Payload types are 7 bits: this one and {@link #runPt} and {@link #cachedPt} (-1: none) are bytes. */
    private byte lastPt;
    private long total;
    private int sequenceErrors;
    private int wrongTimestamps;
    private boolean problems;

    // timestamp unwrapping
    private long extTimestamp;
    private long firstExtTimestamp;

    // RFC 3550 extended sequence numbers, for duplicates, reordering and the series
    private long baseExtSeq;
    private long highestExtSeq;
    private long window;
    private int duplicates;
    private int outOfOrder;
    private int consecutive;

    /**
     * The first {@link #PT_SLOTS} payload types seen, a byte each (types are 7 bits) from the lowest, and how many
     * packets of each: fields, not two arrays of their own for every stream.
     */
    private int pts;
    private int ptCount0;
    private int ptCount1;
    private int ptCount2;
    private int ptCount3;
    private byte ptSlotsUsed;
    private byte runSlot;
    /** The payload type of the latest packets and how many in a row not yet added to its slot (-1: none). */
    private byte runPt = -1;
    private int runCount;
    private long ptSeenLow;
    private long ptSeenHigh;
    private int markers;
    private int comfortNoise;
    private int telephoneEvents;
    private long bytes;

    /** The RFC 4733 events, or null while there were none (most streams). */
    private Events events;

    // payload type resolution cache: cachedPt is -1 when the announcing SDPs changed (see sdpChanged)
    private byte cachedPt = -1;
    private int cachedRate;
    /** The clock rate in kHz as Wireshark divides by it ({@code clock_rate / 1000} in integers). */
    private int cachedKhz;
    private boolean cachedEvent;

    /** The per-interval figures, or null when the collector keeps none. */
    private final SeriesBuilder series;
    /** The series as {@link #seal()} last built it, for {@link #result}. */
    private StreamSeries sealedSeries = StreamSeries.NONE;

    /**
     * {@code addresses} is null for IPv4, whose keys are the addresses, else the IPv6 source address followed by the
     * destination's; {@code ports} the source port in its high 16 bits, the destination's in its low ones.
     */
    StreamAccumulator(int srcKey, int dstKey, byte[] addresses, int ports, int ssrc, Endpoint src, Endpoint dst,
                      SeriesBuilder series) {
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

    long counted() {
        return total;
    }

    /** Starts the statistics afresh (the SDP announcing the stream arrived after its first packets). */
    void restart() {
        earlyPackets += total;
        total = 0;
        cycles = 0;
        under = false;
        jitter = maxJitter = meanJitter = maxDelta = meanDelta = 0;
        minJitter = minDelta = -1;
        maxDeltaFrame = 0;
        sequenceErrors = wrongTimestamps = 0;
        problems = false;
        duplicates = outOfOrder = consecutive = 0;
        window = 0;
        pts = 0;
        ptCount0 = ptCount1 = ptCount2 = ptCount3 = 0;
        ptSlotsUsed = 0;
        runPt = -1;
        runCount = 0;
        ptSeenLow = ptSeenHigh = 0;
        markers = comfortNoise = telephoneEvents = 0;
        bytes = 0;
        events = null;
    }

    /**
     * One packet. {@code nowMs} is the capture time in milliseconds since the capture's first frame, as
     * Wireshark's analysis takes it; {@code event} is the payload's first byte (an RFC 4733 event) or -1 when the
     * payload of {@code payloadLength} bytes is empty.
     */
    void packet(long frame, long micros, double nowMs, int seq, long timestamp, int pt, boolean marker, int rtpLength,
                int event, int payloadLength) {
        resolve(pt);
        if (firstSeenFrame == 0) {
            firstSeenFrame = frame;
        }
        if (total == 0) {
            first(frame, micros, nowMs, seq, timestamp, pt, marker);
        } else {
            next(frame, nowMs, seq, timestamp, pt, marker);
        }
        lastFrame = frame;
        lastMicros = micros;
        bytes += rtpLength;
        countPayloadType(pt);
        if (marker) {
            markers++;
        }
        if (pt == Codecs.PT_CN || pt == Codecs.PT_CN_OLD) {
            comfortNoise++;
        }
        if (cachedEvent) {
            telephoneEvents++;
            dtmf(timestamp, marker, event, payloadLength);
        }
        sequence(seq);
        if (series != null) {
            series.add(micros, (int) (highestExtSeq - baseExtSeq + 1), (float) jitter);
        }
    }

    private void first(long frame, long micros, double nowMs, int seq, long timestamp, int pt, boolean marker) {
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
        if (series != null) {
            series.start(micros);
        }
    }

    private void next(long frame, double nowMs, int seq, long timestamp, int pt, boolean marker) {
        long ext = extTimestamp + (int) (timestamp - (extTimestamp & 0xffffffffL));
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
        if (inTime && seqNum + 1 == seq) {
            seqNum = seq;
        } else if (inTime && seqNum == 65535 && seq == 0) {
            seqNum = seq;
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
        double delta;
        if (rate != 0) {
            double nominal = (double) (ext - seqTimestamp) / cachedKhz;
            double diff = Math.abs(nowMs - (time + nominal));
            currentJitter = (15 * jitter + diff) / 16;
            delta = nowMs - time;
            jitter = currentJitter;
        } else {
            delta = nowMs - time;
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

    /** RFC 3550 extended sequence numbers: duplicates and reordering within a 64-packet window. */
    private void sequence(int seq) {
        if (total == 1) {
            return;
        }
        long ext = highestExtSeq + (short) (seq - (int) (highestExtSeq & 0xffff));
        if (ext > highestExtSeq) {
            long step = ext - highestExtSeq;
            if (step == 1) {
                consecutive++;
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
                }
            }
        }
    }

    /** Counts {@code pt}; a run of packets of one type costs one field each, its slot is updated when the run ends. */
    private void countPayloadType(int pt) {
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
    private int slotPt(int slot) {
        return pts >>> (8 * slot) & 0xff;
    }

    /** The packets counted in slot {@code slot}. */
    private int slotCount(int slot) {
        return switch (slot) {
            case 0 -> ptCount0;
            case 1 -> ptCount1;
            case 2 -> ptCount2;
            default -> ptCount3;
        };
    }

    private void endRun() {
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

    /** RFC 4733: an event is one RTP timestamp; its repeated packets (and the three end packets) count once. */
    private void dtmf(long timestamp, boolean marker, int event, int length) {
        if (length < 4 || events != null && (int) timestamp == events.lastTimestamp) {
            return;
        }
        if (events == null) {
            events = new Events();
        }
        events.lastTimestamp = (int) timestamp;
        events.digits.append(event < DIGITS.length() ? DIGITS.charAt(event) : event == 16 ? 'F' : '?');
        if (!marker) {
            events.withoutMarker++;
        }
    }

    /** The SDP announcing the sender or the receiver changed (or was given): payload types are looked up afresh. */
    void sdpChanged() {
        cachedPt = -1;
    }

    /** Looks up (or takes from the cache) the encoding and clock rate of {@code pt} in the announcing SDPs. */
    private void resolve(int pt) {
        if (pt == cachedPt) {
            return;
        }
        cachedPt = (byte) pt;
        PayloadType type = lookup(pt);
        cachedEvent = Codecs.isTelephoneEvent(type != null ? type.encoding() : Codecs.staticName(pt));
        cachedRate = Codecs.analysisRate(pt, type != null ? type.encoding() : null, type != null ? type.clockRate() : 0);
        cachedKhz = cachedRate / 1000;
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
        endRun();
        sealedSeries = series != null ? series.build() : StreamSeries.NONE;
    }

    /** The stream as it stands at the last {@link #seal()}, bound to {@code announcement} (its leg's), or null. */
    RtpStream result(SdpAnnouncement announcement) {
        String callId = announcement == null ? null : announcement.callId();
        int mainPt = mainPayloadType();
        PayloadType type = lookup(mainPt);
        String codec = type != null && type.encoding() != null ? type.encoding() : Codecs.staticName(mainPt);
        int rate = Codecs.analysisRate(mainPt, codec, type != null ? type.clockRate() : 0);
        long expected = (stopSeq + cycles * 65536L) - startSeq + 1;
        long lost = expected - total;
        RtpStatistics stats = new RtpStatistics(total, expected, lost, duplicates, outOfOrder, sequenceErrors,
                wrongTimestamps, minDelta, meanDelta, maxDelta, maxDeltaFrame, minJitter, meanJitter, maxJitter,
                markers, comfortNoise, telephoneEvents, bytes, problems);
        List<Integer> seen = new ArrayList<>();
        for (int pt = 0; pt < 128; pt++) {
            if (pt < 64 ? (ptSeenLow & (1L << pt)) != 0 : (ptSeenHigh & (1L << (pt - 64))) != 0) {
                seen.add(pt);
            }
        }
        double mos = total == 0 ? Double.NaN : Quality.mos(codec, Math.max(0, stats.lostPercent()), meanJitter);
        return new RtpStream(new StreamKey(src, dst, ssrc & 0xffffffffL), firstFrame, lastFrame, firstMicros, lastMicros, mainPt,
                codec, rate, List.copyOf(seen), stats, events == null ? "" : events.digits.toString(),
                events == null ? 0 : events.withoutMarker,
                mos, sealedSeries, announcement, callId, earlyPackets, firstSeenFrame);
    }

    /** The media's payload type: the most frequent that is neither comfort noise nor an event, else the first. */
    private int mainPayloadType() {
        int best = -1;
        long bestCount = -1;
        for (int i = 0; i < ptSlotsUsed; i++) {
            int pt = slotPt(i);
            PayloadType t = lookup(pt);
            String enc = t != null ? t.encoding() : Codecs.staticName(pt);
            if (pt == Codecs.PT_CN || pt == Codecs.PT_CN_OLD || Codecs.isTelephoneEvent(enc)) {
                continue;
            }
            if (slotCount(i) > bestCount) {
                best = pt;
                bestCount = slotCount(i);
            }
        }
        return best >= 0 ? best : ptSlotsUsed > 0 ? slotPt(0) : lastPt;
    }

    /** True when the packets look like RTP by themselves: several, mostly in sequence. */
    boolean plainlyRtp() {
        return total >= 4 && consecutive * 2L >= total - 1;
    }

    /** A stream's RFC 4733 events: the digits, the RTP timestamp (32 bits) of the latest, those without a marker. */
    private static final class Events {

        final StringBuilder digits = new StringBuilder();
        int lastTimestamp;
        int withoutMarker;
    }
}
