package org.sipladder.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.Limits;
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

    static final int MAX_UNANNOUNCED = Limits.UNANNOUNCED_RTP_STREAMS;
    static final int MAX_RTCP_REPORTS = Limits.RTCP_REPORTS;

    private StreamAccumulator[] table = new StreamAccumulator[1024];
    private int size;
    private final List<StreamAccumulator> streams = new ArrayList<>();
    private final Map<Endpoint, Announced> announced = new HashMap<>();
    /** Streams by their sender and by their receiver, to attach an SDP that announces one of them later. */
    private final Map<Endpoint, List<StreamAccumulator>> streamsByEndpoint = new HashMap<>();
    private final List<SdpAnnouncement> announcements = new ArrayList<>();
    private final List<RtcpReport> rtcp = new ArrayList<>();
    private int unannounced;
    private long rtpPackets;
    private long rtcpPackets;
    private long ignored;
    /** The second of capture time (micros since the first frame) that {@link #relativeMs} last divided out. */
    private long secondStart = Long.MIN_VALUE / 2;
    private double secondMs;

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
                    holder = new Announced(a);
                    announced.put(a.media(), holder);
                    attach(a.media(), holder);
                } else {
                    holder.current = a; // the streams holding it see the re-INVITE's payload types from now on
                    sdpChanged(a.media());
                }
            }
        }
    }

    /** Tells the streams sending to or from {@code endpoint} that the SDP announcing it changed. */
    private void sdpChanged(Endpoint endpoint) {
        List<StreamAccumulator> known = streamsByEndpoint.get(endpoint);
        if (known != null) {
            for (StreamAccumulator s : known) {
                s.sdpChanged();
            }
        }
    }

    /**
     * Gives a newly announced address's SDP to the streams already sending to or from it; a stream no SDP had
     * announced starts its statistics afresh with its next packet, as Wireshark decodes it from here on.
     */
    private void attach(Endpoint endpoint, Announced holder) {
        List<StreamAccumulator> known = streamsByEndpoint.get(endpoint);
        if (known == null) {
            return;
        }
        for (StreamAccumulator s : known) {
            boolean was = s.isAnnounced();
            if (s.dst.equals(endpoint)) {
                s.dstSdp = holder;
            }
            if (s.src.equals(endpoint)) {
                s.srcSdp = holder;
            }
            s.sdpChanged();
            if (!was && s.counted() > 0) {
                s.restart();
            }
        }
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
        rtpPackets++;
        s.packet(p.frame(), p.timestampMicros(), relativeMs(p.timestampMicros(), p.firstFrameMicros()), seq,
                timestamp, second & 0x7f, (second & 0x80) != 0, n, b, o + header, payloadLength);
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

    private StreamAccumulator find(MediaPayload p, long ssrc) {
        byte[] a = p.addressBytes();
        int len = p.addressLength();
        int srcAt = p.srcAddressAt();
        int dstAt = p.dstAddressAt();
        int srcKey = addressKey(a, srcAt, len);
        int dstKey = addressKey(a, dstAt, len);
        int ports = p.srcPort() << 16 | p.dstPort();
        int h = hash(srcKey, dstKey, ports, (int) ssrc);
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            StreamAccumulator s = table[i];
            if (s == null) {
                break;
            }
            if (s.hash == h && s.ssrc == ssrc && s.ports == ports && s.srcKey == srcKey && s.dstKey == dstKey
                    && (len == 4 || s.sameAddresses(a, srcAt, dstAt, len))) {
                return s;
            }
        }
        return create(p, ssrc, h, srcKey, dstKey);
    }

    /** An IPv4 address as its int; an IPv6 address folded into one (compared in full on a match). */
    private static int addressKey(byte[] a, int at, int len) {
        int k = (int) u32(a, at);
        for (int i = 4; i < len; i += 4) {
            k = k * 31 + (int) u32(a, at + i);
        }
        return k;
    }

    private static int hash(int srcKey, int dstKey, int ports, int ssrc) {
        int h = srcKey * 0x9E3779B1 + dstKey * 0x85EBCA77 + ports * 0xC2B2AE3D + ssrc * 0x27D4EB2F;
        return h ^ (h >>> 15);
    }

    private StreamAccumulator create(MediaPayload p, long ssrc, int h, int srcKey, int dstKey) {
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
        StreamAccumulator s = new StreamAccumulator(h, srcKey, dstKey, srcAddress, dstAddress, p.srcPort(), p.dstPort(),
                ssrc, src, dst);
        s.dstSdp = dstSdp;
        s.srcSdp = srcSdp;
        streamsByEndpoint.computeIfAbsent(src, k -> new ArrayList<>(2)).add(s);
        streamsByEndpoint.computeIfAbsent(dst, k -> new ArrayList<>(2)).add(s);
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
