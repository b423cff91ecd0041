package org.sipladder.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.IntUnaryOperator;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Unreachable;

/**
 * The media of one capture: every RTP stream with its statistics and series, the SDP announcements, RTCP
 * reports, and which leg (Call-ID) each stream belongs to. Made by {@link MediaCollector#result()}.
 *
 * <p>A stream's {@link RtpStream} is made when it is asked for, from the figures the analysis kept (a new, equal
 * object each time), so that the end of a read does not hold every stream twice and a command writing call by call
 * holds only the streams of the calls being written. The lists returned are the caller's.
 */
public final class CaptureMedia {

    private final FinishedStreams streams;
    private final List<SdpAnnouncement> announcements;
    private final List<RtcpReport> rtcp;
    private final long rtpPackets;
    private final long rtcpPackets;
    /** RTCP packets that were not well formed; set by the collector when it hands this result out. */
    private volatile long rtcpMalformed;
    /** {@link #rtcp} by the SSRCs each report is from or about, made at the first ask. */
    private volatile Map<Long, List<RtcpReport>> rtcpBySsrc;
    /**
     * Capture time of the last SIP or RTP/RTCP packet read (microseconds since the epoch), 0 when not known: set by
     * the collector when it hands this result out, before any diagnosis reads it.
     */
    private volatile long lastPacketMicros;
    /** Set with {@link #lastPacketMicros} by the collector; never changed after (a new list each time). */
    private volatile List<Unreachable> unreachables = List.of();
    /** Set with {@link #unreachables}: the host pairs ({@link #hosts}) that exchanged SIP after a refused connection. */
    private volatile Set<String> sipAfterRefusal = Set.of();
    /** Per Call-ID, the positions of its streams in {@link #streams} and of its SDP in {@link #announcements}. */
    private final CallIdIndex streamsByCallId;
    /** The index of {@link #announcements} by Call-ID, made on a thread of its own for many (see {@link #index}). */
    private final FutureTask<CallIdIndex> announcementsByCallId;

    /**
     * From this many SDP sections on, their index is made on a thread of its own while the caller goes on (~20 ms from
     * the hashes the analysis kept for a 50,000-call capture's 240,000, about what the caller's next step, ordering the
     * calls, takes on one core).
     */
    private static final int INDEX_ASIDE = 20_000;

    /**
     * Whether every SDP section sent in a request is sendrecv: 0 not known yet, 1 yes, 2 no (a request puts media on
     * hold somewhere). Worked out at the first ask; threads that ask at once each work it out.
     */
    private volatile byte requestsSendRecv;

    /** {@code announcements} is held as it is: unmodifiable, and never changed after (see {@link org.sipladder.AppendLog#soFar}). */
    CaptureMedia(FinishedStreams streams, List<SdpAnnouncement> announcements, List<RtcpReport> rtcp, long rtpPackets,
                 long rtcpPackets) {
        this(streams, announcements, i -> Objects.hashCode(announcements.get(i).callId()), rtcp, rtpPackets,
                rtcpPackets);
    }

    /**
     * As the other constructor, with the hashes of the announcements' Call-IDs by position, which the analysis kept
     * while it read them: their index is made from the hashes without a look into each announcement.
     */
    CaptureMedia(FinishedStreams streams, List<SdpAnnouncement> announcements, IntUnaryOperator callIdHashes,
                 List<RtcpReport> rtcp, long rtpPackets, long rtcpPackets) {
        this.streams = streams;
        this.announcements = announcements;
        this.rtcp = List.copyOf(rtcp);
        this.rtpPackets = rtpPackets;
        this.rtcpPackets = rtcpPackets;
        this.streamsByCallId = new CallIdIndex(streams.size(), streams::callId);
        List<SdpAnnouncement> held = this.announcements;
        this.announcementsByCallId = new FutureTask<>(
                () -> new CallIdIndex(held.size(), i -> held.get(i).callId(), callIdHashes));
        if (held.size() >= INDEX_ASIDE) {
            Thread aside = new Thread(announcementsByCallId, "media index");
            aside.setDaemon(true);
            aside.start();
        } else {
            announcementsByCallId.run();
        }
    }

    /** The index of the announcements, waiting for it while it is being made. */
    private CallIdIndex announcementIndex() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return announcementsByCallId.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the index is made in a moment: finish waiting, then tell the caller
                }
            }
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(t);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Nothing: for callers that did not analyse media. */
    public static CaptureMedia none() {
        return new CaptureMedia(FinishedStreams.none(), List.of(), List.of(), 0, 0);
    }

    /**
     * Capture time of the last SIP or RTP/RTCP packet of the capture, microseconds since the epoch; 0 when not known
     * (no analysis). What came after a call's last message tells whether the capture ended while it was still open.
     */
    public long lastPacketMicros() {
        return lastPacketMicros;
    }

    void lastPacketMicros(long micros) {
        lastPacketMicros = micros;
    }

    /**
     * The ICMP destination-unreachable errors about packets from {@code src} to {@code dst} (same address and port),
     * in capture order (the capture's first {@link org.sipladder.Limits#UNREACHABLE_ERRORS} are kept).
     */
    public List<Unreachable> unreachables(Endpoint src, Endpoint dst) {
        List<Unreachable> about = new ArrayList<>(1);
        for (Unreachable u : unreachables) {
            if (u.dst().equals(dst) && u.src().equals(src)) {
                about.add(u);
            }
        }
        return about;
    }

    /** Every ICMP destination-unreachable error and refused TCP connection kept, in capture order. */
    public List<Unreachable> unreachables() {
        return unreachables;
    }

    /**
     * True when SIP went between the two hosts of the refused TCP connection {@code refusal} after a refusal between
     * them (over any transport): the client reached the other host after all.
     */
    public boolean sipFollowed(Unreachable refusal) {
        return sipAfterRefusal.contains(hosts(refusal.src().address(), refusal.dst().address()));
    }

    /** The key of the unordered pair of hosts {@code a} and {@code b}. */
    static String hosts(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    void unreachables(List<Unreachable> errors, Set<String> sipAfterRefusal) {
        unreachables = errors;
        this.sipAfterRefusal = sipAfterRefusal;
    }

    /** Every stream, in the order their first packets arrived; each made when read (see the class comment). */
    public List<RtpStream> streams() {
        return streams;
    }

    /** Makes every stream now and keeps it: called before the analysis that made this result goes on. */
    void fixStreams() {
        streams.fix();
    }

    /** Every RTP section of every SDP, in capture order. */
    public List<SdpAnnouncement> announcements() {
        return announcements;
    }

    /**
     * True when every SDP section sent in a request is sendrecv, so that no request puts media on hold: one look over
     * the capture's SDP, where a rule looking for holds asked each call's legs for their SDP.
     */
    public boolean requestsAllSendRecv() {
        byte known = requestsSendRecv;
        if (known == 0) {
            known = 1;
            for (int i = 0; i < announcements.size() && known == 1; i++) {
                SdpAnnouncement a = announcements.get(i);
                if (a.isRequest() && !"sendrecv".equals(a.direction())) {
                    known = 2;
                }
            }
            requestsSendRecv = known;
        }
        return known == 1;
    }

    /** RTCP sender and receiver reports, and extended reports with VoIP Metrics, in capture order. */
    public List<RtcpReport> rtcpReports() {
        return rtcp;
    }

    public long rtpPackets() {
        return rtpPackets;
    }

    public long rtcpPackets() {
        return rtcpPackets;
    }

    /** RTCP packets whose lengths or report counts did not hold together (RFC 3550 A.2); their sound parts were read. */
    public long rtcpMalformed() {
        return rtcpMalformed;
    }

    void rtcpMalformed(long packets) {
        rtcpMalformed = packets;
    }

    /**
     * Whether every RTP stream of the capture is sent from or to {@code address} (a capture taken at that host
     * shows no other), without making the streams.
     */
    public boolean everyStreamInvolves(String address) {
        return streams.allInvolve(address);
    }

    /**
     * The streams bound to the leg with this Call-ID, in order of their first packet. In one walk over the index's
     * chain, as {@link #announcementsOf}; none at once in a capture without RTP.
     */
    public List<RtpStream> streamsOf(String callId) {
        if (streams.isEmpty()) {
            return List.of();
        }
        List<RtpStream> out = null;
        for (int p = streamsByCallId.chainOf(callId); p != 0; p = streamsByCallId.nextInChain(p - 1)) {
            if (callId.equals(streams.callId(p - 1))) {
                if (out == null) {
                    out = new ArrayList<>(4);
                }
                out.add(streams.get(p - 1));
            }
        }
        return out == null ? List.of() : out;
    }

    /** The streams bound to any of these legs (a call's Call-IDs), in order of their first packet. */
    public List<RtpStream> streamsOf(Collection<String> callIds) {
        if (streams.isEmpty()) {
            return List.of(); // a capture without RTP (asked for each answered call): no set of the Call-IDs
        }
        int[] all = new int[0];
        for (String id : new HashSet<>(callIds)) {
            int[] some = id == null ? null : streamsByCallId.positionsOf(id);
            if (some != null) {
                int at = all.length;
                all = Arrays.copyOf(all, at + some.length);
                System.arraycopy(some, 0, all, at, some.length);
            }
        }
        Arrays.sort(all);
        return pick(streams, all);
    }

    /**
     * The first {@code most} streams bound to no leg (no SDP of the capture announced them: RTP of a call set up
     * before the capture began, or of a capture without SIP), in order of their first packet; only those are made.
     */
    public List<RtpStream> unboundStreams(int most) {
        List<RtpStream> out = new ArrayList<>();
        for (int i = 0; i < streams.size() && out.size() < most; i++) {
            if (streams.callId(i) == null) {
                out.add(streams.get(i));
            }
        }
        return out;
    }

    /** How many streams are bound to no leg, without making them. */
    public int unboundStreamCount() {
        int count = 0;
        for (int i = 0; i < streams.size(); i++) {
            if (streams.callId(i) == null) {
                count++;
            }
        }
        return count;
    }

    /**
     * The SDP sections of the leg with this Call-ID, in capture order (offers and answers, re-INVITEs). In one walk
     * over the index's chain (which runs in capture order), each section read once: asked for each leg of a large
     * capture by {@code calls --json}, an array of positions made by walking the chain twice and a list picked from
     * it took 8 % of the JSON's samples.
     */
    public List<SdpAnnouncement> announcementsOf(String callId) {
        CallIdIndex index = announcementIndex();
        return sectionsOf(callId, index, index.chainOf(callId));
    }

    /** The sections of {@code callId} in the chain of {@code index} from {@code first} ({@link CallIdIndex#chainOf}). */
    private List<SdpAnnouncement> sectionsOf(String callId, CallIdIndex index, int first) {
        List<SdpAnnouncement> out = null;
        for (int p = first; p != 0; p = index.nextInChain(p - 1)) {
            SdpAnnouncement a = announcements.get(p - 1);
            if (callId.equals(a.callId())) {
                if (out == null) {
                    out = new ArrayList<>(4);
                }
                out.add(a);
            }
        }
        return out == null ? List.of() : out;
    }

    /** A Call-ID with more than this many SDP announcements has their frames kept ({@link #manyAnnouncedFrames}). */
    private static final int FEW_ANNOUNCEMENTS = 16;

    /**
     * The frames of the SDP announcements of each Call-ID that has more than {@link #FEW_ANNOUNCEMENTS}, sorted: made
     * once per capture. Asked per call, the look-up through the index's chain and a set made per call took time
     * growing with the square of the announcements where one Call-ID has thousands (a flood of INVITEs with an empty
     * Call-ID, each a call of its own, 20,000 of them 13 s).
     */
    private final Map<String, long[]> manyAnnouncedFrames = new ConcurrentHashMap<>();
    /** How many times {@link #announcedFrom} asked the index (for tests; not exact when threads ask at once). */
    int indexLookups;

    /** True when the media analysis took an SDP announcement of {@code callId} from the message in {@code frame}. */
    public boolean announcedFrom(String callId, long frame) {
        if (callId == null) {
            return false;
        }
        long[] frames = manyAnnouncedFrames.get(callId);
        if (frames == null) {
            indexLookups++;
            frames = framesOf(callId);
        }
        return Arrays.binarySearch(frames, frame) >= 0;
    }

    /**
     * The frames of the SDP announcements of {@code callId} in ascending order (empty for none or null), for a caller
     * that asks {@link #announcedFrom} of several messages of one leg: one look-up per leg, not one per message.
     */
    public long[] announcedFrames(String callId) {
        if (callId == null) {
            return NO_FRAMES;
        }
        long[] many = manyAnnouncedFrames.get(callId);
        return many != null ? many : framesOf(callId);
    }

    /**
     * The frames of {@code callId}'s announcements, sorted, from one walk over the index's chain (no array of positions
     * made first); kept in {@link #manyAnnouncedFrames} when there are more than {@link #FEW_ANNOUNCEMENTS}.
     */
    private long[] framesOf(String callId) {
        CallIdIndex index = announcementIndex();
        long[] frames = NO_FRAMES;
        int n = 0;
        for (int p = index.chainOf(callId); p != 0; p = index.nextInChain(p - 1)) {
            SdpAnnouncement a = announcements.get(p - 1);
            if (callId.equals(a.callId())) {
                if (n == frames.length) {
                    frames = Arrays.copyOf(frames, Math.max(4, 2 * n));
                }
                frames[n++] = a.frame();
            }
        }
        frames = n == frames.length ? frames : Arrays.copyOf(frames, n);
        Arrays.sort(frames);
        if (n > FEW_ANNOUNCEMENTS) {
            manyAnnouncedFrames.put(callId, frames); // two threads may make it at once: the same frames
        }
        return frames;
    }

    private static final long[] NO_FRAMES = {};

    private static <T> List<T> pick(List<T> from, int[] positions) {
        if (positions == null || positions.length == 0) {
            return List.of();
        }
        List<T> out = new ArrayList<>(positions.length);
        for (int i : positions) {
            out.add(from.get(i));
        }
        return out;
    }

    /** The media of one leg: its SDP and its streams. */
    public LegMedia leg(String callId) {
        return new LegMedia(callId, announcementsOf(callId), streamsOf(callId));
    }

    /**
     * As {@link #leg} for each of the first {@code count} of {@code callIds}, into {@code into}: the index's slots of
     * all of them are read first, in a short loop whose reads of memory overlap, then their chains. Each leg's look-up
     * is a few reads far apart in memory (the slot, the sections): one leg after another, a large capture's legs
     * waited for each in turn.
     */
    public void legs(String[] callIds, int count, LegMedia[] into) {
        CallIdIndex index = announcementIndex();
        int[] firsts = new int[count];
        for (int i = 0; i < count; i++) {
            firsts[i] = index.chainOf(callIds[i]);
        }
        for (int i = 0; i < count; i++) {
            String callId = callIds[i];
            into[i] = new LegMedia(callId, sectionsOf(callId, index, firsts[i]), streamsOf(callId));
        }
    }

    /** The RTCP reports sent about, or by, the source {@code ssrc}, in capture order. */
    public List<RtcpReport> rtcpAbout(long ssrc) {
        Map<Long, List<RtcpReport>> index = rtcpBySsrc;
        if (index == null) {
            index = new HashMap<>();
            for (RtcpReport r : rtcp) {
                index.computeIfAbsent(r.senderSsrc(), k -> new ArrayList<>(4)).add(r);
                for (RtcpReport.Block b : r.blocks()) {
                    about(index, b.ssrc(), r);
                }
                for (VoipMetrics m : r.voipMetrics()) {
                    about(index, m.ssrc(), r);
                }
            }
            rtcpBySsrc = index;
        }
        return List.copyOf(index.getOrDefault(ssrc, List.of()));
    }

    private static void about(Map<Long, List<RtcpReport>> index, long ssrc, RtcpReport r) {
        List<RtcpReport> about = index.computeIfAbsent(ssrc, k -> new ArrayList<>(4));
        if (about.isEmpty() || about.get(about.size() - 1) != r) {
            about.add(r);
        }
    }

    /** The RTCP XR VoIP Metrics its receiver sent about {@code stream} (none: {@link ReceiverVoipMetrics#count()} 0). */
    public ReceiverVoipMetrics voipMetrics(RtpStream stream) {
        return ReceiverVoipMetrics.of(stream, rtcpAbout(stream.key().ssrc()));
    }

    /** What the receiver of {@code stream} reported about it in RTCP (none: {@link ReceiverReports#count()} 0). */
    public ReceiverReports receiverReports(RtpStream stream) {
        return ReceiverReports.of(stream, rtcpAbout(stream.key().ssrc()));
    }

    /** Which packets carry the media of these legs: for saving a call with its RTP and RTCP. */
    public MediaSelection selection(Collection<String> callIds) {
        return new MediaSelection(streamsOf(callIds));
    }
}
