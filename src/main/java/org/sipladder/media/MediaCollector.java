package org.sipladder.media;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sipladder.Limits;
import org.sipladder.capture.MediaListener;
import org.sipladder.capture.MediaPayload;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Unreachable;
import org.sipladder.sip.SharedStrings;

/**
 * Collects the RTP streams, RTCP reports and SDP announcements of a capture in one pass. Give it to the reader as
 * the {@link org.sipladder.capture.CaptureListener#media()} of the listener; it is called on the decoding thread,
 * in capture order, reads each RTP header there and hands it on to an analysis thread of its own
 * ({@link MediaHandOff}, {@link RtpAnalysis}), so the stream statistics run on the other core. {@link #result()} is
 * read once the read has returned.
 */
public final class MediaCollector implements MediaListener {

    private final int maxRtcpReports;
    private final SharedStrings sharedStrings = new SharedStrings();
    private final RtpAnalysis analysis;
    private final MediaHandOff handOff;
    private final List<RtcpReport> rtcp = new ArrayList<>();
    private long rtcpPackets;
    private final LeftOut rtcpLeftOut = new LeftOut();
    /** RTCP packets whose lengths or counts do not hold together: counted, the first one's fault told. */
    private final LeftOut rtcpMalformed = new LeftOut();
    private long rtcpMalformedTotal;
    private String firstMalformed;
    /** The last result and the packets handed over when it was made: asked again with nothing new, it is reused. */
    private CaptureMedia result;
    private long resultAt = -1;
    /** The last result while its streams are still made from the analysis's figures (fixed before they change). */
    private CaptureMedia open;
    /**
     * The latest capture times of the SIP payloads and of the datagrams offered to this collector, each written by
     * the one thread that offers them and read after the read ({@link #result}).
     */
    private final List<Unreachable> unreachables = new ArrayList<>();
    private final LeftOut unreachablesLeftOut = new LeftOut();
    /**
     * The host pairs ({@link CaptureMedia#hosts}) of refused TCP connections kept, and those of them that exchanged
     * SIP after a refusal; both under {@link #unreachables}'s lock, and bounded as it is.
     */
    private final Set<String> refusedHosts = new HashSet<>();
    private final Set<String> sipAfterRefusal = new HashSet<>();
    private long lastSipMicros;
    private long lastMediaMicros;

    /** A collector with the bounds of {@link Limits}, keeping each stream's series for plots and loss over time. */
    public MediaCollector() {
        this(Limits.UNANNOUNCED_RTP_STREAMS, Limits.RTCP_REPORTS, Series.FULL);
    }

    /**
     * A collector for output that shows no stream over time (the call list, stream tables without series): the
     * statistics are the same, every {@link RtpStream#series()} is empty, and a stream keeps about 1 KB however
     * long it runs instead of 16 bytes more for each of its seconds (up to {@link StreamSeries#MAX_INTERVALS}).
     */
    public static MediaCollector withoutSeries() {
        return new MediaCollector(Limits.UNANNOUNCED_RTP_STREAMS, Limits.RTCP_REPORTS, Series.NONE);
    }

    /**
     * A collector for a diagnosis, which looks at loss over time but not at jitter over time: each stream's series
     * keeps packets and loss per interval (8 bytes each instead of 16) and {@link StreamSeries#hasJitter()} is false.
     */
    public static MediaCollector withLossSeries() {
        return new MediaCollector(Limits.UNANNOUNCED_RTP_STREAMS, Limits.RTCP_REPORTS, Series.LOSS);
    }

    /** A collector with other bounds (tests reach them with small captures). */
    MediaCollector(int maxUnannounced, int maxRtcpReports) {
        this(maxUnannounced, maxRtcpReports, Series.FULL);
    }

    private MediaCollector(int maxUnannounced, int maxRtcpReports, Series series) {
        this(maxUnannounced, maxRtcpReports, series, RtpAnalysis.IDLE_MICROS);
    }

    /** A collector whose streams sleep after {@code idleMicros} without a packet (tests: at once, or never). */
    MediaCollector(int maxUnannounced, int maxRtcpReports, Series series, long idleMicros) {
        this.maxRtcpReports = maxRtcpReports;
        this.analysis = new RtpAnalysis(maxUnannounced, series, sharedStrings, idleMicros);
        this.handOff = new MediaHandOff(analysis);
    }

    /** How many streams are asleep now (their figures packed); after the read. */
    int streamsAsleep() {
        handOff.finish();
        return analysis.streamsAsleep();
    }

    /**
     * The strings of this read that the SDP scan keeps (Call-IDs), for the SIP parsers of the same read to keep
     * theirs once with them ({@code ParsingListener}): a leg's Call-ID was one string for its messages and another
     * for its SDP sections.
     */
    public SharedStrings sharedStrings() {
        return sharedStrings;
    }

    @Override
    public void sip(SipPayload p) {
        if (open != null) {
            fixResult();
        }
        lastSipMicros = Math.max(lastSipMicros, p.timestampMicros());
        if (!refusedHosts.isEmpty()) {
            synchronized (unreachables) {
                String hosts = CaptureMedia.hosts(p.src().address(), p.dst().address());
                if (refusedHosts.contains(hosts)) {
                    sipAfterRefusal.add(hosts);
                }
            }
        }
        if (SdpScan.mayHoldSdp(p.array(), p.offset(), p.length())) {
            // the analysis reads SIP for its SDP only: a message without a body does not cross to its thread
            handOff.sip(p);
        }
    }

    /** SIP payloads are held while they wait for the analysis thread, and given back by it. */
    @Override
    public boolean borrowsPayloads() {
        return true;
    }

    @Override
    public void datagram(MediaPayload p) {
        if (open != null) {
            fixResult();
        }
        lastMediaMicros = Math.max(lastMediaMicros, p.timestampMicros());
        byte[] b = p.bytes();
        int o = p.offset();
        int n = p.length();
        int second = b[o + 1] & 0xff;
        if (second >= 192 && second <= 223) {
            rtcpPackets++;
            if (rtcp.size() >= maxRtcpReports) {
                rtcpLeftOut.add(p.frame());
            }
            String wrong = RtcpReports.read(p, rtcp, maxRtcpReports);
            if (wrong != null) {
                malformed(p.frame(), wrong);
            }
            return;
        }
        int header = 12 + 4 * (b[o] & 0x0f);
        if ((b[o] & 0x10) != 0 && header + 4 <= n) {
            header += 4 + 4 * (((b[o + header + 2] & 0xff) << 8) | (b[o + header + 3] & 0xff));
        }
        if (n < 12 || header > n) {
            return;
        }
        int padding = (b[o] & 0x20) != 0 ? b[o + n - 1] & 0xff : 0;
        int payloadLength = Math.max(0, n - header - padding);
        int seq = ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
        // an RFC 4733 event report (event, end bit and volume, duration) when the payload can hold one
        int event = payloadLength >= 4 ? (int) u32(b, o + header) : -1;
        handOff.rtp(p, seq, u32(b, o + 4), u32(b, o + 8), second, event, payloadLength);
    }

    /** A report an agent sent as JSON instead of the RTCP packet: counted and kept as that packet's would be. */
    @Override
    public void rtcpJson(MediaPayload p) {
        if (open != null) {
            fixResult();
        }
        lastMediaMicros = Math.max(lastMediaMicros, p.timestampMicros());
        rtcpPackets++;
        if (rtcp.size() >= maxRtcpReports) {
            rtcpLeftOut.add(p.frame());
        }
        String wrong = RtcpJsonReports.read(p, rtcp, maxRtcpReports);
        if (wrong != null) {
            malformed(p.frame(), wrong);
        }
    }

    private void malformed(long frame, String wrong) {
        if (rtcpMalformed.packets() == 0) {
            firstMalformed = wrong;
        }
        rtcpMalformed.add(frame);
        rtcpMalformedTotal++;
    }

    /** Kept under the list's lock: a live source's result is asked for while packets still come. */
    @Override
    public void unreachable(Unreachable error) {
        synchronized (unreachables) {
            if (unreachables.size() < Limits.UNREACHABLE_ERRORS) {
                unreachables.add(error);
                if (!error.icmp()) {
                    refusedHosts.add(CaptureMedia.hosts(error.src().address(), error.dst().address()));
                }
                return;
            }
        }
        unreachablesLeftOut.add(error.frame());
    }

    static long u32(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }

    /** Asked at the end of a read: waits for the analysis of what was handed over, then says what was left out. */
    @Override
    public List<String> takeWarnings() {
        handOff.finish();
        List<String> warnings = new ArrayList<>(2);
        LeftOut unannounced = analysis.unannouncedLeftOut();
        if (unannounced.packets() > 0) {
            warnings.add("frame " + unannounced.firstFrame() + ": more than " + analysis.maxUnannounced()
                    + " RTP streams that no SDP announced (the most tracked per capture): " + unannounced.take()
                    + " of further such streams, from this frame on, were not analysed");
        }
        if (rtcpLeftOut.packets() > 0) {
            warnings.add("frame " + rtcpLeftOut.firstFrame() + ": " + maxRtcpReports + " RTCP reports kept (the most "
                    + "per capture): the reports of " + rtcpLeftOut.take() + " from this frame on were not kept");
        }
        if (rtcpMalformed.packets() > 0) {
            warnings.add("frame " + rtcpMalformed.firstFrame() + ": malformed RTCP (" + firstMalformed + "): "
                    + rtcpMalformed.take() + " from this frame on; what they held before the fault was read");
        }
        if (unreachablesLeftOut.packets() > 0) {
            warnings.add("frame " + unreachablesLeftOut.firstFrame() + ": " + Limits.UNREACHABLE_ERRORS
                    + " delivery errors kept (ICMP unreachable errors, TCP connection attempts refused or unanswered, "
                    + "failed TLS handshakes; the most per capture): " + unreachablesLeftOut.take()
                    + " from this frame on were not kept");
        }
        return warnings;
    }

    /** Whether the analysis thread runs now (it ends by itself when no packet came for a while). */
    boolean analysing() {
        return handOff.analysing();
    }

    /**
     * What was found, with streams bound to the legs whose SDP announced them. Call after the read; asked again
     * before anything new was read it is the same object (a command that asks twice holds one set of streams). Its
     * streams are made when read (see {@link CaptureMedia}); packets read after it leave it as it was.
     */
    public CaptureMedia result() {
        handOff.finish();
        long now = handOff.handedOver() + rtcpPackets;
        if (result == null || now != resultAt) {
            result = analysis.result(rtcp, rtcpPackets);
            result.rtcpMalformed(rtcpMalformedTotal);
            resultAt = now;
            open = result;
        }
        result.lastPacketMicros(Math.max(lastSipMicros, lastMediaMicros));
        synchronized (unreachables) {
            result.unreachables(List.copyOf(unreachables), Set.copyOf(sipAfterRefusal));
        }
        return result;
    }

    /** More packets come after a result was handed out: its streams are made now, before the analysis changes. */
    private void fixResult() {
        open.fixStreams();
        open = null;
    }

    /** What each stream keeps over time: nothing, packets and loss, or those and the jitter. */
    enum Series {
        NONE, LOSS, FULL
    }
}
