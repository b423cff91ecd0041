package org.sipladder.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sipladder.AppendLog;
import org.sipladder.Limits;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.sip.SharedStrings;

/**
 * The RTP streams and SDP announcements of a capture, built from RTP headers and SIP payloads in capture order on
 * one thread (the {@link MediaHandOff}'s).
 *
 * <p>Per RTP packet the work is a hash look-up of the stream by addresses, ports and SSRC and the update of its
 * primitive counters: nothing is allocated. A stream is counted from the first packet at or after an SDP that
 * announced its receiver or sender, as Wireshark decodes RTP; a stream no SDP announced is kept when its packets
 * are plainly RTP (ports 1024 and above, several packets mostly in sequence).
 *
 * <p>Once a second of capture time the streams without a packet for {@link #IDLE_MICROS} are put to sleep, their
 * figures packed (a stream asleep holds ~180 bytes instead of ~380; the figures it freed serve the next stream made
 * or woken); a stream's next packet, or an SDP that announces one of its ends again, wakes it first.
 */
final class RtpAnalysis {

    private static final int[] NO_POSITIONS = {};
    /** How long a stream is without a packet before it sleeps: past pauses of speech, holds and a call's set-up. */
    static final long IDLE_MICROS = 10_000_000L;
    private static final long SWEEP_MICROS = 1_000_000L;

    private final int maxUnannounced;
    private final long idleMicros;
    private final MediaCollector.Series series;
    private StreamAccumulator[] table = new StreamAccumulator[1024];
    private int size;
    private final List<StreamAccumulator> streams = new ArrayList<>();
    /** The streams awake ({@link StreamAccumulator#asleep()} false), in no order: those the sweep looks at. */
    private final List<StreamAccumulator> awake = new ArrayList<>();
    /** Packs the figures of the streams put to sleep, and unpacks them when they wake. */
    private final StreamAccumulator.Packer packer = new StreamAccumulator.Packer();
    private final StreamAccumulator.Unpacker unpacker = new StreamAccumulator.Unpacker();
    /** Figures that streams put to sleep left, for the next streams made or woken (see {@link #figures}). */
    private final List<StreamAccumulator.Figures> spare = new ArrayList<>();
    /** The capture time (micros) from which the next packet sweeps the awake streams ({@link #sweep}). */
    private long nextSweep = Long.MIN_VALUE;
    /**
     * Each endpoint an SDP announced or a stream sends from or to, with the latest announcement and the first stream
     * (the others after it in its chain, {@link StreamAccumulator#nextOf}): for a stream to find its SDP, and to attach
     * an SDP that announces the endpoint later, or tell its streams it changed.
     */
    private final EndpointTable<Announced> announced = new EndpointTable<>();
    /** How many of {@link #announcements} are entered in {@link #announced} ({@link #announcePending}). */
    private int announcedUpTo;
    /**
     * Per position in {@link #announcements} entered with an address: 1 + the position of the one before it with that
     * address (0: none), the latest being its {@link Announced#last}; for {@link StreamBinding}.
     */
    private int[] previous = NO_POSITIONS;
    /** In chunks: a result holds a view of them (see {@link CaptureMedia}), not a copy. */
    private final AppendLog<SdpAnnouncement> announcements = new AppendLog<>();
    /** The hashes of their Call-IDs, for the results' index of them ({@link CallIdIndex.Hashes}). */
    private final CallIdIndex.Hashes callIdHashes = new CallIdIndex.Hashes();
    private final SdpScan sdp;
    private final LeftOut unannouncedLeftOut = new LeftOut();
    private int unannounced;
    private long rtpPackets;
    /** The second of capture time (micros since the first frame) that {@link #relativeMs} last divided out. */
    private long secondStart = Long.MIN_VALUE / 2;
    private double secondMs;

    /**
     * @param maxUnannounced the most streams no SDP announced that are tracked ({@link Limits})
     * @param series         what each stream keeps of its {@link StreamSeries}
     * @param shared         the read's strings that its SDP sections' Call-IDs are kept once with
     * @param idleMicros     how long a stream is without a packet before it sleeps ({@link #IDLE_MICROS})
     */
    RtpAnalysis(int maxUnannounced, MediaCollector.Series series, SharedStrings shared, long idleMicros) {
        this.maxUnannounced = maxUnannounced;
        this.idleMicros = idleMicros;
        this.series = series;
        this.sdp = new SdpScan(shared);
    }

    int maxUnannounced() {
        return maxUnannounced;
    }

    /** The packets of streams beyond {@link #maxUnannounced()}; read once the hand-off has finished. */
    LeftOut unannouncedLeftOut() {
        return unannouncedLeftOut;
    }

    void sip(SipPayload p) {
        List<SdpAnnouncement> found = sdp.scan(p);
        if (found.isEmpty()) {
            return;
        }
        for (int i = 0; i < found.size(); i++) {
            SdpAnnouncement a = found.get(i);
            announcements.add(a);
            callIdHashes.add(a.callId());
            if (!streams.isEmpty()) {
                announce(a);
            }
        }
    }

    /**
     * Enters the announcements not yet in {@link #announced}: they wait there while no stream exists (nothing is
     * attached to them or told of them then), so that a capture without RTP makes no table at all, and the first
     * stream finds the table as the announcements one by one would have left it.
     */
    private void announcePending() {
        while (announcedUpTo < announcements.size()) {
            announce(announcements.get(announcedUpTo));
        }
    }

    /** Enters announcement {@code a}, the next in {@link #announcements} after those entered. */
    private void announce(SdpAnnouncement a) {
        int position = announcedUpTo++;
        Endpoint media = a.media();
        if (media != null && a.port() != 0) {
            Announced holder = announced.get(media);
            if (holder == null) {
                holder = new Announced(a, media); // no stream either
                announced.add(media, holder);
            } else if (holder.current == null) {
                holder.current = a;
                attach(media, holder);
            } else {
                holder.current = a; // the streams holding it see the re-INVITE's payload types from now on
                sdpChanged(media, holder);
            }
            if (position >= previous.length) {
                previous = Arrays.copyOf(previous, Math.max(1024, 2 * position));
            }
            previous[position] = holder.last;
            holder.last = position + 1;
        }
    }

    /** Tells the streams sending to or from {@code endpoint} that the SDP announcing it changed. */
    private void sdpChanged(Endpoint endpoint, Announced holder) {
        for (StreamAccumulator s = holder.firstStream; s != null; s = s.nextOf(endpoint)) {
            wake(s);
            s.sdpChanged();
        }
    }

    /**
     * Gives a newly announced address's SDP to the streams already sending to or from it; a stream no SDP had
     * announced starts its statistics afresh with its next packet, as Wireshark decodes it from here on.
     */
    private void attach(Endpoint endpoint, Announced holder) {
        for (StreamAccumulator s = holder.firstStream; s != null; s = s.nextOf(endpoint)) {
            boolean was = s.isAnnounced();
            wake(s);
            if (EndpointTable.same(s.dst, endpoint)) {
                s.dstSdp = holder;
            }
            if (EndpointTable.same(s.src, endpoint)) {
                s.srcSdp = holder;
            }
            s.sdpChanged();
            if (!was && s.counted() > 0) {
                s.restart();
            }
        }
    }

    /**
     * One RTP packet of {@code rtpLength} bytes sent between the addresses at {@code a[srcAt]} and {@code a[dstAt]}
     * ({@code length} bytes each); {@code event} is its payload's first four bytes
     * (an RFC 4733 event report) or -1 when it is shorter.
     */
    void rtp(long frame, long micros, long firstMicros, byte[] a, int srcAt, int dstAt, int length, int srcPort,
             int dstPort, int seq, long timestamp, long ssrc, int second, int rtpLength, int event, int payloadLength) {
        if (micros >= nextSweep && nextSweep != Long.MAX_VALUE) {
            // at most one sweep per second of capture time however the times jump (none after the largest time)
            nextSweep = micros < Long.MAX_VALUE - SWEEP_MICROS ? micros + SWEEP_MICROS : Long.MAX_VALUE;
            sweep(micros);
        }
        StreamAccumulator s = find(frame, a, srcAt, dstAt, length, srcPort, dstPort, ssrc);
        if (s == null) {
            return;
        }
        rtpPackets++;
        wake(s);
        s.packet(frame, micros, relativeMs(micros, firstMicros), seq, timestamp, second & 0x7f, (second & 0x80) != 0,
                rtpLength, event, payloadLength);
    }

    /** How many streams are asleep. */
    int streamsAsleep() {
        return streams.size() - awake.size();
    }

    /** Wakes {@code s} when it is asleep. */
    private void wake(StreamAccumulator s) {
        if (s.asleep()) {
            s.wake(unpacker, figures());
            awake.add(s);
        }
    }

    /**
     * Figures for a stream made or woken: those a stream put to sleep left, else new. Reusing them keeps the old
     * generation from filling with the figures of ended calls, which were promoted while their calls ran.
     */
    private StreamAccumulator.Figures figures() {
        return spare.isEmpty() ? new StreamAccumulator.Figures() : spare.remove(spare.size() - 1);
    }

    /** Puts to sleep the streams awake whose latest packet is more than {@link #idleMicros} before {@code now}. */
    private void sweep(long now) {
        int kept = 0;
        for (int i = 0; i < awake.size(); i++) {
            StreamAccumulator s = awake.get(i);
            if (now - s.lastMicros() > idleMicros) {
                spare.add(s.sleep(packer));
            } else {
                awake.set(kept++, s);
            }
        }
        awake.subList(kept, awake.size()).clear();
    }

    /**
     * Milliseconds since the capture's first frame, computed as Wireshark's nstime_to_msec does. Packets come in
     * capture order, so the whole seconds are divided out once per second of capture, not per packet.
     */
    private double relativeMs(long micros, long firstMicros) {
        long d = micros - firstMicros;
        if (d < secondStart || d >= secondStart + 1_000_000L) {
            long secs = Math.floorDiv(d, 1_000_000L);
            secondStart = secs * 1_000_000L;
            secondMs = secs * 1000.0;
        }
        long nanos = (d - secondStart) * 1000L;
        return secondMs + nanos / 1_000_000.0;
    }

    private StreamAccumulator find(long frame, byte[] a, int srcAt, int dstAt, int len, int srcPort, int dstPort,
                                   long ssrc) {
        int srcKey = addressKey(a, srcAt, len);
        int dstKey = addressKey(a, dstAt, len);
        int ports = srcPort << 16 | dstPort;
        int h = hash(srcKey, dstKey, ports, (int) ssrc);
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            StreamAccumulator s = table[i];
            if (s == null) {
                break;
            }
            if (s.ssrc == (int) ssrc && s.ports == ports && s.srcKey == srcKey && s.dstKey == dstKey
                    && (len == 4 || s.sameAddresses(a, srcAt, dstAt, len))) {
                return s;
            }
        }
        return create(frame, a, srcAt, dstAt, len, srcPort, dstPort, ssrc, srcKey, dstKey);
    }

    /** An IPv4 address as its int; an IPv6 address folded into one (compared in full on a match). */
    private static int addressKey(byte[] a, int at, int len) {
        int k = (int) MediaCollector.u32(a, at);
        for (int i = 4; i < len; i += 4) {
            k = k * 31 + (int) MediaCollector.u32(a, at + i);
        }
        return k;
    }

    private static int hash(int srcKey, int dstKey, int ports, int ssrc) {
        int h = srcKey * 0x9E3779B1 + dstKey * 0x85EBCA77 + ports * 0xC2B2AE3D + ssrc * 0x27D4EB2F;
        return h ^ (h >>> 15);
    }

    private StreamAccumulator create(long frame, byte[] a, int srcAt, int dstAt, int len, int srcPort, int dstPort,
                                     long ssrc, int srcKey, int dstKey) {
        announcePending();
        Endpoint src = Endpoint.of(a, srcAt, len, srcPort);
        Endpoint dst = Endpoint.of(a, dstAt, len, dstPort);
        Announced dstHolder = announced.get(dst);
        Announced srcHolder = announced.get(src);
        Announced dstSdp = dstHolder != null && dstHolder.current != null ? dstHolder : null;
        Announced srcSdp = srcHolder != null && srcHolder.current != null ? srcHolder : null;
        // a known endpoint is equal: keep its one copy, not one more per stream
        dst = dstHolder != null ? dstHolder.endpoint : dst;
        src = srcHolder != null ? srcHolder.endpoint : src;
        if (dstSdp == null && srcSdp == null) {
            if (srcPort < 1024 || dstPort < 1024) {
                return null;
            }
            if (unannounced >= maxUnannounced) {
                unannouncedLeftOut.add(frame);
                return null;
            }
            unannounced++;
        }
        // an IPv4 address is its key; only IPv6 addresses, folded into theirs, are kept for the full comparison
        byte[] addresses = null;
        if (len != 4) {
            addresses = new byte[2 * len];
            System.arraycopy(a, srcAt, addresses, 0, len);
            System.arraycopy(a, dstAt, addresses, len, len);
        }
        StreamAccumulator s = new StreamAccumulator(srcKey, dstKey, addresses, srcPort << 16 | dstPort, (int) ssrc, src,
                dst, series == MediaCollector.Series.NONE ? null
                : new SeriesBuilder(series == MediaCollector.Series.FULL), figures().clear(unpacker));
        s.dstSdp = dstSdp;
        s.srcSdp = srcSdp;
        chain(src, srcHolder, s);
        if (!EndpointTable.same(src, dst)) {
            chain(dst, dstHolder, s);
        }
        if (++size * 2 > table.length) {
            rehash();
        }
        insert(s);
        streams.add(s);
        awake.add(s);
        return s;
    }

    /**
     * Puts new stream {@code s} in the chain of {@code endpoint}, its sender or receiver, whose holder is {@code holder}
     * (null: none yet): second, after the first.
     */
    private void chain(Endpoint endpoint, Announced holder, StreamAccumulator s) {
        if (holder == null) {
            holder = new Announced(null, endpoint);
            announced.add(endpoint, holder);
        }
        StreamAccumulator first = holder.firstStream;
        if (first == null) {
            holder.firstStream = s;
        } else {
            s.linkNext(endpoint, first.nextOf(endpoint));
            first.linkNext(endpoint, s);
        }
    }

    private void insert(StreamAccumulator s) {
        int mask = table.length - 1;
        int i = hash(s.srcKey, s.dstKey, s.ports, s.ssrc) & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = s;
    }

    private void rehash() {
        StreamAccumulator[] old = table;
        table = new StreamAccumulator[old.length * 2];
        for (StreamAccumulator s : old) {
            if (s != null) {
                insert(s);
            }
        }
    }

    /**
     * What was found, with streams bound to the legs whose SDP announced them, and the RTCP read beside. The result's
     * streams are made from the accumulators when asked for: fix it ({@link CaptureMedia#fixStreams()}) before this
     * analysis takes more packets.
     */
    CaptureMedia result(List<RtcpReport> rtcp, long rtcpPackets) {
        List<StreamAccumulator> kept = new ArrayList<>();
        List<SdpAnnouncement> bound = new ArrayList<>();
        List<SdpAnnouncement> soFar = announcements.soFar();
        StreamBinding binding = streams.isEmpty() ? null : new StreamBinding(announcements, announced, previous);
        for (StreamAccumulator s : streams) {
            if (s.counted() == 0 || (!s.isAnnounced() && !s.plainlyRtp())) {
                continue;
            }
            s.seal();
            kept.add(s);
            bound.add(binding.announcementOf(s.src, s.dst, s.firstFrame()));
        }
        FinishedStreams finished = kept.isEmpty() ? FinishedStreams.none()
                : new FinishedStreams(kept, bound.toArray(new SdpAnnouncement[0]));
        return new CaptureMedia(finished, soFar, callIdHashes.soFar(), rtcp, rtpPackets, rtcpPackets);
    }
}
