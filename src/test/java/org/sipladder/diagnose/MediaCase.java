package org.sipladder.diagnose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.MediaListener;
import org.sipladder.flow.LiveFlows;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;

/**
 * A call with media as a capture built in code: Jambonz (the caller) sends an INVITE with SDP to LiveKit, which
 * answers 200 OK with SDP; RTP, re-INVITEs and a BYE as the test adds them; then the capture is read and
 * diagnosed as the command line does.
 */
final class MediaCase {

    static final String JAMBONZ = TestCall.JAMBONZ;
    static final String LIVEKIT = TestCall.LIVEKIT;
    static final long T0 = 1_795_011_787_000_000L;

    /** A UDP datagram; with a {@code reporter}, that host's ICMP port-unreachable error about it instead. */
    private record Packet(long micros, String src, String dst, byte[] payload, String reporter) {
        Packet(long micros, String src, String dst, byte[] payload) {
            this(micros, src, dst, payload, null);
        }
    }

    private final List<Packet> packets = new ArrayList<>();
    private final String callId;
    private final String caller;
    private final String callee;
    private int cseq = 1;

    private MediaCase(String callId, String caller, String callee) {
        this.callId = callId;
        this.caller = caller;
        this.callee = callee;
    }

    /**
     * Jambonz calls LiveKit: INVITE at 0 s offering {@code offerAddress:offerPort}, 100 at 0.05 s, 200 OK at 0.3 s
     * answering {@code answerAddress:answerPort} (both sendrecv, PCMU/PCMA/telephone-event), ACK at 0.31 s.
     */
    static MediaCase jambonzToLiveKit(String offerAddress, int offerPort, String answerAddress, int answerPort) {
        return jambonzToLiveKit(offerAddress, offerPort, answerAddress, answerPort, true, "", "");
    }

    /**
     * As {@link #jambonzToLiveKit(String, int, String, int)} with a video section after the audio in both SDPs:
     * offered on {@code offerVideoPort}, answered on {@code answerVideoPort} (0 refuses it).
     */
    static MediaCase jambonzToLiveKitWithVideo(String offerAddress, int offerPort, int offerVideoPort,
                                               String answerAddress, int answerPort, int answerVideoPort) {
        return jambonzToLiveKit(offerAddress, offerPort, answerAddress, answerPort, true, video(offerVideoPort),
                video(answerVideoPort));
    }

    private static String video(int port) {
        return "m=video " + port + " RTP/AVP 103\r\na=rtpmap:103 VP8/90000\r\n";
    }

    /**
     * As {@link #jambonzToLiveKit(String, int, String, int)} but the 200 OK never gets its ACK: LiveKit sends it again
     * 0.5, 1.5 and 3.5 s later (T1 doubling).
     */
    static MediaCase jambonzToLiveKitUnacknowledged(String offerAddress, int offerPort, String answerAddress,
                                                    int answerPort) {
        return jambonzToLiveKit(offerAddress, offerPort, answerAddress, answerPort, false, "", "");
    }

    private static MediaCase jambonzToLiveKit(String offerAddress, int offerPort, String answerAddress, int answerPort,
                                              boolean acknowledged, String offerVideo, String answerVideo) {
        return jambonzToLiveKit(Rtp.sdp(offerAddress, offerPort, "sendrecv") + offerVideo,
                Rtp.sdp(answerAddress, answerPort, "sendrecv") + answerVideo, acknowledged);
    }

    /** As {@link #jambonzToLiveKit(String, int, String, int)} with the SDP bodies given: the offer, LiveKit's answer. */
    static MediaCase jambonzToLiveKit(String offer, String answer) {
        return jambonzToLiveKit(offer, answer, true);
    }

    private static MediaCase jambonzToLiveKit(String offer, String answer, boolean acknowledged) {
        MediaCase c = new MediaCase("media-call", JAMBONZ, LIVEKIT);
        c.sip(0, JAMBONZ, LIVEKIT, c.request(JAMBONZ, "INVITE", 1, offer));
        c.sip(0.05, LIVEKIT, JAMBONZ, c.response(LIVEKIT, 100, "Processing", "INVITE", 1, ""));
        String ok = c.response(LIVEKIT, 200, "OK", "INVITE", 1, answer);
        c.sip(0.3, LIVEKIT, JAMBONZ, ok);
        if (acknowledged) {
            c.sip(0.31, JAMBONZ, LIVEKIT, c.request(JAMBONZ, "ACK", 1, ""));
        } else {
            c.sip(0.8, LIVEKIT, JAMBONZ, ok).sip(1.8, LIVEKIT, JAMBONZ, ok).sip(3.8, LIVEKIT, JAMBONZ, ok);
        }
        return c;
    }

    /**
     * Jambonz calls LiveKit offering {@code offer}: 100 at 0.05 s, 180 Ringing at 0.1 s, then {@code status} with an
     * empty reason phrase at 1 s (LiveKit refusing the offer or its media config) and Jambonz's ACK.
     */
    static MediaCase jambonzToLiveKitRefused(String offer, int status) {
        MediaCase c = new MediaCase("media-call", JAMBONZ, LIVEKIT);
        c.sip(0, JAMBONZ, LIVEKIT, c.request(JAMBONZ, "INVITE", 1, offer));
        c.sip(0.05, LIVEKIT, JAMBONZ, c.response(LIVEKIT, 100, "Processing", "INVITE", 1, ""));
        c.sip(0.1, LIVEKIT, JAMBONZ, c.response(LIVEKIT, 180, "Ringing", "INVITE", 1, ""));
        c.sip(1, LIVEKIT, JAMBONZ, c.response(LIVEKIT, status, "", "INVITE", 1, ""));
        return c.sip(1.01, JAMBONZ, LIVEKIT, c.request(JAMBONZ, "ACK", 1, ""));
    }

    /** RTP of {@code count} PCMU packets, 20 ms apart from {@code startSeconds}, leaving out the sequence numbers in {@code lost}. */
    MediaCase rtp(String src, String dst, double startSeconds, int count, long ssrc, Set<Integer> lost) {
        return rtp(src, dst, startSeconds, count, ssrc, lost, 0, 0);
    }

    /** As {@link #rtp(String, String, double, int, long, Set)}, every other packet {@code jitterMs} late, with payload type {@code pt}. */
    MediaCase rtp(String src, String dst, double startSeconds, int count, long ssrc, Set<Integer> lost, double jitterMs,
                  int pt) {
        for (int i = 0; i < count; i++) {
            if (lost.contains(i)) {
                continue;
            }
            double late = i % 2 == 1 ? jitterMs / 1000 : 0;
            add(startSeconds + i * 0.02 + late, src, dst, Rtp.packet(pt, i, 160L * i, ssrc, i == 0));
        }
        return this;
    }

    /**
     * {@code count} PCMU packets 20 ms apart from {@code startSeconds}, numbered (and timestamped) on from
     * {@code firstSeq}: a sender that paused and went on with the next number and timestamp, its clock not run on.
     */
    MediaCase rtpGoingOn(String src, String dst, double startSeconds, int firstSeq, int count, long ssrc) {
        for (int i = 0; i < count; i++) {
            add(startSeconds + i * 0.02, src, dst, Rtp.packet(0, firstSeq + i, 160L * (firstSeq + i), ssrc, false));
        }
        return this;
    }

    /**
     * As {@link #rtp(String, String, double, int, long, Set)} with packets of {@code ptimeMs} of PCMU audio each
     * ({@code ptimeMs} apart, the RTP timestamp 8 a millisecond further each).
     */
    MediaCase rtpWithPtime(String src, String dst, double startSeconds, int count, long ssrc, Set<Integer> lost,
                           int ptimeMs) {
        for (int i = 0; i < count; i++) {
            if (!lost.contains(i)) {
                add(startSeconds + i * ptimeMs / 1000.0, src, dst, Rtp.packet(0, i, 8L * ptimeMs * i, ssrc, i == 0));
            }
        }
        return this;
    }

    /**
     * RTP as {@link #rtp(String, String, double, int, long, Set)} without loss, carrying an RFC 4733 event (payload
     * type 101) for each of {@code events} in turn, one a second from 1 s into the stream: four packets of growing
     * duration, the last with the end bit, all with one RTP timestamp; the first carries the marker bit only when
     * {@code marker}.
     */
    MediaCase rtpWithDtmf(String src, String dst, double startSeconds, int count, long ssrc, int[] events,
                          boolean marker) {
        return rtpWithDtmf(src, dst, startSeconds, count, ssrc, events, marker, false);
    }

    /**
     * {@link #rtpWithDtmf(String, String, double, int, long, int[], boolean)}, each event's packets carrying a new
     * RTP timestamp each when {@code movingTimestamp} (against RFC 4733 2.5), their duration growing as before.
     */
    MediaCase rtpWithDtmf(String src, String dst, double startSeconds, int count, long ssrc, int[] events,
                          boolean marker, boolean movingTimestamp) {
        for (int i = 0; i < count; i++) {
            int k = i / 50 - 1;
            int within = i % 50;
            byte[] packet = k >= 0 && k < events.length && within < 4
                    ? Rtp.packet(101, i, 160L * (movingTimestamp ? i : i - within), ssrc, marker && within == 0,
                    Rtp.event(events[k], within == 3, 160 * (within + 1)))
                    : Rtp.packet(0, i, 160L * i, ssrc, i == 0);
            add(startSeconds + i * 0.02, src, dst, packet);
        }
        return this;
    }

    /**
     * RTP as {@link #rtp(String, String, double, int, long, Set)}, each packet answered by an ICMP port-unreachable
     * error from the destination's host, at most one a second (as Linux rate-limits them).
     */
    MediaCase rtpRefused(String src, String dst, double startSeconds, int count, long ssrc) {
        String host = dst.substring(0, dst.lastIndexOf(':'));
        for (int i = 0; i < count; i++) {
            double t = startSeconds + i * 0.02;
            byte[] packet = Rtp.packet(0, i, 160L * i, ssrc, i == 0);
            add(t, src, dst, packet);
            if (i % 50 == 0) {
                packets.add(new Packet(T0 + Math.round((t + 0.0002) * 1_000_000), src, dst, packet, host));
            }
        }
        return this;
    }

    /**
     * RTP as {@link #rtp(String, String, double, int, long, Set)} whose sender suppresses silence: the 40 packets
     * after every 100th are a pause, sent as one comfort noise packet (RFC 3389, payload type 13) at its start.
     */
    MediaCase rtpWithComfortNoise(String src, String dst, double startSeconds, int count, long ssrc) {
        int seq = 0;
        for (int i = 0; i < count; i++) {
            int inCycle = i % 140;
            if (inCycle <= 100) {
                boolean noise = inCycle == 100;
                add(startSeconds + i * 0.02, src, dst, noise ? Rtp.packet(13, seq++, 160L * i, ssrc, false,
                        new byte[] {40}) : Rtp.packet(0, seq++, 160L * i, ssrc, i == 0 || inCycle == 0));
            }
        }
        return this;
    }

    /**
     * RTP as {@link #rtp(String, String, double, int, long, Set)} whose sequence numbers start from {@code firstSeq}
     * and, from packet {@code restart} on, from {@code restartSeq} (the sender restarted its numbering, as a B2BUA
     * switching its media source under one SSRC does); the timestamps go on.
     */
    MediaCase rtpRestartingSequence(String src, String dst, double startSeconds, int count, long ssrc, Set<Integer> lost,
                                    int firstSeq, int restart, int restartSeq) {
        for (int i = 0; i < count; i++) {
            if (!lost.contains(i)) {
                int seq = (i < restart ? firstSeq + i : restartSeq + i - restart) & 0xffff;
                add(startSeconds + i * 0.02, src, dst, Rtp.packet(0, seq, 160L * i, ssrc, i == 0));
            }
        }
        return this;
    }

    /**
     * RTP of {@code count} PCMU packets 20 ms apart whose sender restarts its RTP clock at packet {@code restart}: the
     * sequence goes on, the timestamps start again from 0, below the first packet's (16,000).
     */
    MediaCase rtpRestartingClock(String src, String dst, double startSeconds, int count, long ssrc, int restart) {
        for (int i = 0; i < count; i++) {
            long timestamp = i < restart ? 16_000 + 160L * i : 160L * (i - restart);
            add(startSeconds + i * 0.02, src, dst, Rtp.packet(0, i, timestamp, ssrc, i == 0));
        }
        return this;
    }

    /**
     * {@code count} packets 20 ms apart, sequence numbers in order; from packet {@code at} on (which has the marker
     * bit) the timestamps are {@code shift} samples off the 160 a packet, and the packets {@code pauseSeconds} later:
     * a sender that moved its RTP clock, or paused without moving it, after a hold.
     */
    MediaCase rtpShiftingClock(String src, String dst, double startSeconds, int count, long ssrc, int at, long shift,
                               double pauseSeconds) {
        return rtpShiftingClock(src, dst, startSeconds, count, ssrc, at, shift, pauseSeconds, 0);
    }

    /**
     * As {@link #rtpShiftingClock(String, String, double, int, long, int, long, double)}, every other packet
     * {@code jitterMs} late but the one before packet {@code at}: none of the old clock arrives after the first of the
     * new one.
     */
    MediaCase rtpShiftingClock(String src, String dst, double startSeconds, int count, long ssrc, int at, long shift,
                               double pauseSeconds, double jitterMs) {
        for (int i = 0; i < count; i++) {
            long timestamp = 160L * i + (i < at ? 0 : shift);
            double late = i % 2 == 1 && i != at - 1 ? jitterMs / 1000 : 0;
            double t = startSeconds + i * 0.02 + late + (i < at ? 0 : pauseSeconds);
            add(t, src, dst, Rtp.packet(0, i, timestamp & 0xffffffffL, ssrc, i == 0 || i == at));
        }
        return this;
    }

    /**
     * A call between two SIP endpoints on one host ({@code address}, SIP ports 5070 calling 5080): INVITE at 0 s
     * offering media port {@code offerPort}, 200 OK at 0.3 s answering {@code answerPort}, ACK at 0.31 s; the media
     * of both on that address too.
     */
    static MediaCase oneHost(String address, int offerPort, int answerPort) {
        MediaCase c = new MediaCase("one-host-call", address, address);
        String caller = address + ":5070";
        String callee = address + ":5080";
        String invite = org.sipladder.testkit.SipText.request("INVITE", "sip:bob@" + callee, "one-host-call", 1,
                Rtp.sdp(address, offerPort, "sendrecv"));
        String ok = org.sipladder.testkit.SipText.response(200, "OK", "INVITE", "one-host-call", 1)
                .replace("Content-Length: 0\r\n\r\n", "");
        String answer = Rtp.sdp(address, answerPort, "sendrecv");
        ok += "Content-Type: application/sdp\r\nContent-Length: " + answer.length() + "\r\n\r\n" + answer;
        c.add(0, caller, callee, bytes(invite));
        c.add(0.3, callee, caller, bytes(ok));
        c.add(0.31, caller, callee, bytes(org.sipladder.testkit.SipText.request("ACK", "sip:bob@" + callee,
                "one-host-call", 1, "")));
        return c;
    }

    /** A BYE of the {@link #oneHost} call from {@code from} to {@code to} (address:port) at {@code seconds}. */
    MediaCase oneHostBye(String from, String to, double seconds) {
        return add(seconds, from, to, bytes(org.sipladder.testkit.SipText.request("BYE", "sip:bob@" + to,
                "one-host-call", 2, "")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** RTP both ways between the SDP addresses for {@code seconds} from 0.4 s: the clean call. */
    MediaCase rtpBothWays(String jambonzMedia, String liveKitMedia, double seconds) {
        int n = (int) (seconds / 0.02);
        rtp(jambonzMedia, liveKitMedia, 0.4, n, 0x1111, Set.of());
        return rtp(liveKitMedia, jambonzMedia, 0.41, n, 0x2222, Set.of());
    }

    /** An RTCP packet (or compound packet) from {@code src} to {@code dst} at {@code seconds}. */
    MediaCase rtcp(double seconds, String src, String dst, byte[] packet) {
        return add(seconds, src, dst, packet);
    }

    /** The middle 32 bits of the NTP timestamp of {@code seconds} into the capture (what an RR's LSR repeats). */
    static long ntpMiddle(double seconds) {
        long micros = T0 + Math.round(seconds * 1e6);
        long ntpSeconds = micros / 1_000_000 + 2_208_988_800L;
        return (ntpSeconds & 0xffff) << 16 | ((micros % 1_000_000) << 16) / 1_000_000;
    }

    /** A BYE from {@code from} at {@code seconds}, and its 200 OK. */
    MediaCase bye(String from, double seconds) {
        String to = from.equals(caller) ? callee : caller;
        int n = ++cseq;
        sip(seconds, from, to, request(from, "BYE", n, ""));
        return sip(seconds + 0.02, to, from, response(to, 200, "OK", "BYE", n, ""));
    }

    /** A BYE from {@code from} at {@code seconds}, sent {@code times} times (T1 doubling from 0.5 s) and never answered. */
    MediaCase byeUnanswered(String from, double seconds, int times) {
        String to = from.equals(caller) ? callee : caller;
        int n = ++cseq;
        String bye = request(from, "BYE", n, "");
        double at = seconds;
        for (int i = 0; i < times; i++) {
            sip(at, from, to, bye);
            at += 0.5 * (1 << i);
        }
        return this;
    }

    /**
     * A BYE from {@code from} at {@code seconds} carrying the header line {@code header} (empty: none), answered
     * {@code status} {@code reason} 20 ms later.
     */
    MediaCase bye(String from, double seconds, String header, int status, String reason) {
        String to = from.equals(caller) ? callee : caller;
        int n = ++cseq;
        String agent = "User-Agent: " + agent(from) + (header.isEmpty() ? "" : "\r\n" + header);
        String uri = from.equals(callee) ? "sip:" + caller + ":5060" : "sip:4991874350352@project-1z3kctsj.sip.livekit.cloud";
        sip(seconds, from, to, swapped(from.equals(callee), message("BYE " + uri + " SIP/2.0", "BYE", n, agent, "")));
        return sip(seconds + 0.02, to, from, response(to, status, reason, "BYE", n, ""));
    }

    /**
     * An INFO from Jambonz at {@code seconds} with a body of {@code contentType}, answered {@code status} by LiveKit
     * 20 ms later (0: no answer captured).
     */
    MediaCase info(double seconds, String contentType, String body, int status, String reason) {
        int n = ++cseq;
        sip(seconds, caller, callee, swapped(false, message("INFO sip:" + callee + ":5060 SIP/2.0", "INFO", n,
                "User-Agent: " + agent(caller), contentType, body)));
        return status == 0 ? this : sip(seconds + 0.02, callee, caller, response(callee, status, reason, "INFO", n, ""));
    }

    /** A sendrecv re-INVITE from Jambonz at {@code seconds}, answered 200 OK by LiveKit 0.1 s later and never ACKed. */
    MediaCase reInviteUnacknowledged(double seconds) {
        int n = ++cseq;
        sip(seconds, caller, callee, request(caller, "INVITE", n, Rtp.sdp(MediaFindingsTest.SBC_MEDIA, 40000, "sendrecv")));
        return sip(seconds + 0.1, callee, caller, response(callee, 200, "OK", "INVITE", n,
                Rtp.sdp(LIVEKIT, 30000, "sendrecv")));
    }

    /**
     * A BYE from Jambonz at {@code seconds} whose To tag is {@code toTag} instead of LiveKit's, answered {@code status}
     * {@code reason} 20 ms later.
     */
    MediaCase byeWithToTag(double seconds, String toTag, int status, String reason) {
        int n = ++cseq;
        sip(seconds, caller, callee, request(caller, "BYE", n, "").replace(";tag=SCL_t1", ";tag=" + toTag));
        return sip(seconds + 0.02, callee, caller, response(callee, status, reason, "BYE", n, "")
                .replace(";tag=SCL_t1", ";tag=" + toTag));
    }

    /** A re-INVITE from Jambonz at {@code seconds} with the SDP {@code offer}, answered 200 OK with {@code answer}. */
    MediaCase reInvite(double seconds, String offer, String answer) {
        int n = ++cseq;
        sip(seconds, caller, callee, request(caller, "INVITE", n, offer));
        sip(seconds + 0.1, callee, caller, response(callee, 200, "OK", "INVITE", n, answer));
        return sip(seconds + 0.11, caller, callee, request(caller, "ACK", n, ""));
    }

    /** A re-INVITE from Jambonz at {@code seconds} offering {@code offerDirection}, answered with {@code answerDirection}. */
    MediaCase reInvite(double seconds, String offer, int offerPort, String offerDirection, String answer, int answerPort,
                       String answerDirection) {
        int n = ++cseq;
        sip(seconds, caller, callee, request(caller, "INVITE", n, Rtp.sdp(offer, offerPort, offerDirection)));
        sip(seconds + 0.1, callee, caller, response(callee, 200, "OK", "INVITE", n,
                Rtp.sdp(answer, answerPort, answerDirection)));
        return sip(seconds + 0.11, caller, callee, request(caller, "ACK", n, ""));
    }

    private MediaCase sip(double seconds, String src, String dst, String text) {
        return add(seconds, src + ":5060", dst + ":5060", text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private MediaCase add(double seconds, String src, String dst, byte[] payload) {
        packets.add(new Packet(T0 + Math.round(seconds * 1e6), src, dst, payload));
        return this;
    }

    private String request(String sender, String method, int n, String sdp) {
        String uri = sender.equals(callee) ? "sip:" + caller + ":5060"
                : "sip:4991874350352@project-1z3kctsj.sip.livekit.cloud";
        return swapped(sender.equals(callee), message(method + " " + uri + " SIP/2.0", method, n,
                "User-Agent: " + agent(sender), sdp));
    }

    private String response(String sender, int status, String reason, String method, int n, String sdp) {
        return swapped(sender.equals(caller), message("SIP/2.0 " + status + " " + reason, method, n,
                "Server: " + agent(sender), sdp));
    }

    /** A transaction the callee started (its BYE) has From and To the other way round. */
    private String swapped(boolean swap, String text) {
        if (!swap) {
            return text;
        }
        String from = "From: <sip:+493023125417@" + caller + ">;tag=f1";
        String to = "To: <sip:4991874350352@project-1z3kctsj.sip.livekit.cloud>;tag=SCL_t1";
        return text.replace(from, "\u0000").replace(to, "From:" + to.substring(3)).replace("\u0000", "To:" + from.substring(5));
    }

    private static String agent(String sender) {
        return sender.equals(LIVEKIT) ? "LiveKit" : "Jambonz";
    }

    private String message(String start, String method, int n, String agent, String sdp) {
        return message(start, method, n, agent, "application/sdp", sdp);
    }

    private String message(String start, String method, int n, String agent, String contentType, String body) {
        String sdp = body;
        boolean toTag = !(start.startsWith("INVITE") && n == 1) && !start.startsWith("SIP/2.0 100");
        return start + "\r\nVia: SIP/2.0/UDP " + caller + ":5060;branch=z9hG4bK-" + method + n + "\r\n"
                + "From: <sip:+493023125417@" + caller + ">;tag=f1\r\n"
                + "To: <sip:4991874350352@project-1z3kctsj.sip.livekit.cloud>" + (toTag ? ";tag=SCL_t1" : "") + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + n + " " + method + "\r\n"
                + "Contact: <sip:" + caller + ":5060>\r\n" + agent + "\r\n"
                + (sdp.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** Writes the capture to {@code dir}, for the command line to read. */
    Path write(Path dir) {
        Captures capture = Captures.pcap();
        packets.stream().sorted(Comparator.comparingLong(Packet::micros))
                .forEach(p -> {
                    if (p.reporter() == null) {
                        capture.udp(p.micros(), p.src(), p.dst(), p.payload());
                    } else {
                        capture.unreachable(p.micros(), p.reporter(), p.src(), p.dst(), 3, p.payload());
                    }
                });
        return capture.write(dir.resolve("media-case.pcap"));
    }

    /** Writes the capture, reads it for calls and media, and diagnoses it without a LiveKit config. */
    Diagnosis diagnose(Path dir) throws CaptureException {
        return diagnose(dir, LiveKitConfig.empty());
    }

    /** As {@link #diagnose(Path)}, with a LiveKit config. */
    Diagnosis diagnose(Path dir, LiveKitConfig config) throws CaptureException {
        return diagnose(dir, config, new MediaCollector());
    }

    /** As {@link #diagnose(Path, LiveKitConfig)}, reading the media with {@code media}. */
    Diagnosis diagnose(Path dir, LiveKitConfig config, MediaCollector media) throws CaptureException {
        return diagnoseFile(write(dir), config, media);
    }

    /** Reads a capture file for calls and media, as the command line does, and diagnoses it with {@code config}. */
    static Diagnosis diagnoseFile(Path file, LiveKitConfig config, MediaCollector media) throws CaptureException {
        LiveFlows flows = new LiveFlows();
        new CaptureReader().read(file, new ParsingListener(SipParser.Depth.SCAN) {
            @Override
            public void prepared(SipMessage m) {
                flows.add(m);
            }

            @Override
            public MediaListener media() {
                return media;
            }
        });
        return DiagnosisEngine.standard().diagnose(flows.snapshot(), config, media.result());
    }

    /** The flow ids of the capture, for {@link Diagnosis#failed}. */
    static String flowId() {
        return "media-call";
    }
}
