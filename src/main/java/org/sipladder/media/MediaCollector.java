package org.sipladder.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.MediaListener;
import org.sipladder.capture.MediaPayload;
import org.sipladder.capture.SipPayload;

/**
 * Collects the RTP streams, RTCP reports and SDP announcements of a capture in one pass. Give it to the reader as
 * the {@link org.sipladder.capture.CaptureListener#media()} of the listener; it runs on the decoding thread, in
 * capture order, and {@link #result()} is read once the read has returned.
 *
 * <p>Per RTP packet the work is a hash look-up of the stream by addresses, ports and SSRC and the update of its
 * primitive counters: nothing is allocated. A stream is counted from the first packet at or after an SDP that
 * announced its receiver or sender, as Wireshark decodes RTP; a stream no SDP announced is kept when its packets
 * are plainly RTP (ports 1024 and above, several packets mostly in sequence).
 */
public final class MediaCollector implements MediaListener {

    /** Streams no SDP announced are tracked up to this many (each DNS reply can look like a new one). */
    static final int MAX_UNANNOUNCED = 50_000;
    /** RTCP reports kept; more are counted only. */
    static final int MAX_RTCP_REPORTS = 100_000;

    private StreamAccumulator[] table = new StreamAccumulator[1024];
    private int size;
    private final List<StreamAccumulator> streams = new ArrayList<>();
    private final Map<Endpoint, Announced> announced = new HashMap<>();
    private final List<SdpAnnouncement> announcements = new ArrayList<>();
    private final List<RtcpReport> rtcp = new ArrayList<>();
    private long sdpVersion;
    private int unannounced;
    private long rtpPackets;
    private long rtcpPackets;
    private long ignored;

    @Override
    public void sip(SipPayload p) {
        List<SdpAnnouncement> found = SdpScan.scan(p);
        if (found.isEmpty()) {
            return;
        }
        for (SdpAnnouncement a : found) {
            announcements.add(a);
            if (a.media() != null && a.port() != 0) {
                Announced holder = announced.get(a.media());
                if (holder == null) {
                    announced.put(a.media(), new Announced(a));
                } else {
                    holder.current = a;
                }
            }
        }
        sdpVersion++;
    }

    @Override
    public void datagram(MediaPayload p) {
        byte[] b = p.bytes();
        int o = p.offset();
        int n = p.length();
        int second = b[o + 1] & 0xff;
        if (second >= 192 && second <= 223) {
            rtcpPackets++;
            if (rtcp.size() < MAX_RTCP_REPORTS) {
                RtcpReports.read(p, rtcp, MAX_RTCP_REPORTS);
            }
            return;
        }
        int header = 12 + 4 * (b[o] & 0x0f);
        if ((b[o] & 0x10) != 0 && header + 4 <= n) {
            header += 4 + 4 * (((b[o + header + 2] & 0xff) << 8) | (b[o + header + 3] & 0xff));
        }
        if (n < 12 || header > n) {
            ignored++;
            return;
        }
        int padding = (b[o] & 0x20) != 0 ? b[o + n - 1] & 0xff : 0;
        int payloadLength = Math.max(0, n - header - padding);
        int seq = ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
        long timestamp = u32(b, o + 4);
        long ssrc = u32(b, o + 8);
        StreamAccumulator s = find(p, ssrc);
        if (s == null) {
            ignored++;
            return;
        }
        if (s.sdpVersion != sdpVersion) {
            lookForAnnouncements(s);
        }
        rtpPackets++;
        s.packet(p.frame(), p.timestampMicros(), relativeMs(p.timestampMicros(), p.firstFrameMicros()), seq,
                timestamp, second & 0x7f, (second & 0x80) != 0, n, b, o + header, payloadLength);
    }

    /** Milliseconds since the capture's first frame, computed as Wireshark's nstime_to_msec does. */
    private static double relativeMs(long micros, long firstMicros) {
        long d = micros - firstMicros;
        long secs = Math.floorDiv(d, 1_000_000L);
        long nanos = Math.floorMod(d, 1_000_000L) * 1000L;
        return secs * 1000.0 + nanos / 1_000_000.0;
    }

    private void lookForAnnouncements(StreamAccumulator s) {
        boolean was = s.isAnnounced();
        s.sdpVersion = sdpVersion;
        s.dstSdp = announced.get(s.dst);
        s.srcSdp = announced.get(s.src);
        if (!was && s.isAnnounced() && s.counted() > 0) {
            s.restart();
        }
    }

    private StreamAccumulator find(MediaPayload p, long ssrc) {
        byte[] a = p.addressBytes();
        int len = p.addressLength();
        int srcAt = p.srcAddressAt();
        int dstAt = p.dstAddressAt();
        int sp = p.srcPort();
        int dp = p.dstPort();
        int h = hash(a, srcAt, dstAt, len, sp, dp, ssrc);
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            StreamAccumulator s = table[i];
            if (s == null) {
                break;
            }
            if (s.matches(h, ssrc, a, srcAt, dstAt, len, sp, dp)) {
                return s;
            }
        }
        return create(p, ssrc, h);
    }

    private StreamAccumulator create(MediaPayload p, long ssrc, int h) {
        Endpoint src = p.src();
        Endpoint dst = p.dst();
        Announced dstSdp = announced.get(dst);
        Announced srcSdp = announced.get(src);
        if (dstSdp == null && srcSdp == null) {
            if (p.srcPort() < 1024 || p.dstPort() < 1024 || unannounced >= MAX_UNANNOUNCED) {
                return null;
            }
            unannounced++;
        }
        byte[] a = p.addressBytes();
        int len = p.addressLength();
        byte[] srcAddress = java.util.Arrays.copyOfRange(a, p.srcAddressAt(), p.srcAddressAt() + len);
        byte[] dstAddress = java.util.Arrays.copyOfRange(a, p.dstAddressAt(), p.dstAddressAt() + len);
        StreamAccumulator s = new StreamAccumulator(h, srcAddress, dstAddress, p.srcPort(), p.dstPort(), ssrc, src, dst);
        s.dstSdp = dstSdp;
        s.srcSdp = srcSdp;
        s.sdpVersion = sdpVersion;
        if (++size * 2 > table.length) {
            rehash();
        }
        insert(s);
        streams.add(s);
        return s;
    }

    private void insert(StreamAccumulator s) {
        int mask = table.length - 1;
        int i = s.hash & mask;
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

    private static int hash(byte[] a, int srcAt, int dstAt, int len, int sp, int dp, long ssrc) {
        long h = ssrc * 0x9E3779B97F4A7C15L + ((long) sp << 16 | dp);
        for (int i = 0; i < len; i += 4) {
            h = h * 31 + u32(a, srcAt + i);
            h = h * 31 + u32(a, dstAt + i);
        }
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    static long u32(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }

    /** What was found, with streams bound to the legs whose SDP announced them. Call after the read. */
    public CaptureMedia result() {
        List<RtpStream> out = new ArrayList<>();
        StreamBinding binding = new StreamBinding(announcements);
        for (StreamAccumulator s : streams) {
            if (s.counted() == 0 || (!s.isAnnounced() && !s.plainlyRtp())) {
                continue;
            }
            SdpAnnouncement a = binding.announcementOf(s.src, s.dst, s.firstFrame);
            out.add(s.result(a == null ? null : a.callId(), a));
        }
        return new CaptureMedia(out, announcements, rtcp, rtpPackets, rtcpPackets);
    }
}
