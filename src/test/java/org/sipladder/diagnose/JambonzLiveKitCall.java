package org.sipladder.diagnose;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sipladder.capture.CaptureException;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;

/**
 * A call from a carrier through Jambonz (a B2BUA anchoring the media of both legs with rtpengine) to LiveKit, as a
 * capture built in code: the carrier's leg "a-leg" (Jambonz's RTP end 40000 there) and LiveKit's leg "b-leg"
 * (X-CID: a-leg; Jambonz's RTP end 40002 there); the test adds the RTP, holds and the BYE.
 */
final class JambonzLiveKitCall {

    static final String CARRIER = "203.0.113.10";
    static final String JAMBONZ = "198.51.100.20";
    static final String LIVEKIT = "35.200.10.5";
    static final String CARRIER_RTP = CARRIER + ":30000";
    static final String JAMBONZ_A = JAMBONZ + ":40000";
    static final String JAMBONZ_B = JAMBONZ + ":40002";
    static final String LIVEKIT_RTP = LIVEKIT + ":50000";
    /** When LiveKit's 200 OK is sent; Jambonz answers the carrier 20 ms later. */
    static final double ANSWER = 0.3;
    private static final long T0 = 1_795_011_787_000_000L;
    private static final String DID = "+15557650002";
    private static final String JAMBONZ_AGENT = "User-Agent: drachtio 0.8.26";

    private record Packet(long micros, String src, String dst, byte[] payload) {
    }

    private final List<Packet> packets = new ArrayList<>();
    private final String aInvite;
    private final String bInvite;
    private int aCseq = 1;
    private int bCseq = 1;

    private JambonzLiveKitCall(String carrierOffer, String jambonzOffer) {
        aInvite = request("INVITE", "a-leg", CARRIER, JAMBONZ, 1, false, "", carrierOffer);
        bInvite = request("INVITE", "b-leg", JAMBONZ, LIVEKIT, 1, false, "X-CID: a-leg\r\n" + JAMBONZ_AGENT + "\r\n",
                jambonzOffer);
        sip(0, CARRIER, JAMBONZ, aInvite);
        sip(0.01, JAMBONZ, CARRIER, SipTexts.response(aInvite, 100, "Trying"));
        sip(0.05, JAMBONZ, LIVEKIT, bInvite);
        sip(0.06, LIVEKIT, JAMBONZ, SipTexts.response(bInvite, 100, "Processing"));
        sip(0.1, LIVEKIT, JAMBONZ, SipTexts.response(bInvite, 180, "Ringing").replace(";tag=t180", ";tag=t200"));
    }

    /** The call answered by LiveKit at {@link #ANSWER} and by Jambonz toward the carrier, all sendrecv G.711. */
    static JambonzLiveKitCall answered() {
        JambonzLiveKitCall c = new JambonzLiveKitCall(Rtp.sdp(CARRIER, 30000, "sendrecv"),
                Rtp.sdp(JAMBONZ, 40002, "sendrecv"));
        c.sip(ANSWER, LIVEKIT, JAMBONZ, SipTexts.response(c.bInvite, 200, "OK", Rtp.sdp(LIVEKIT, 50000, "sendrecv")));
        c.sip(ANSWER + 0.01, JAMBONZ, LIVEKIT, c.inDialog("ACK", "b-leg", JAMBONZ, LIVEKIT, 1, ""));
        c.sip(ANSWER + 0.02, JAMBONZ, CARRIER, SipTexts.response(c.aInvite, 200, "OK", JAMBONZ_AGENT,
                Rtp.sdp(JAMBONZ, 40000, "sendrecv")));
        return c.sip(ANSWER + 0.05, CARRIER, JAMBONZ, c.inDialog("ACK", "a-leg", CARRIER, JAMBONZ, 1, ""));
    }

    /**
     * The carrier offers {@code offer}, Jambonz passes it on to LiveKit, which refuses it at 1 s with {@code status}
     * and an empty reason phrase; Jambonz answers the carrier {@code carrierStatus} {@code reason} 50 ms later.
     */
    static JambonzLiveKitCall refusedByLiveKit(String carrierOffer, String jambonzOffer, int status,
                                               int carrierStatus, String reason) {
        JambonzLiveKitCall c = new JambonzLiveKitCall(carrierOffer, jambonzOffer);
        c.sip(1, LIVEKIT, JAMBONZ, SipTexts.response(c.bInvite, status, ""));
        c.sip(1.01, JAMBONZ, LIVEKIT, c.inDialog("ACK", "b-leg", JAMBONZ, LIVEKIT, 1, "").replace(";tag=t200",
                ";tag=t" + status));
        c.sip(1.05, JAMBONZ, CARRIER, SipTexts.response(c.aInvite, carrierStatus, reason, JAMBONZ_AGENT));
        return c.sip(1.06, CARRIER, JAMBONZ, c.inDialog("ACK", "a-leg", CARRIER, JAMBONZ, 1, "")
                .replace(";tag=t200", ";tag=t" + carrierStatus));
    }

    /** PCMU RTP from {@code src} to {@code dst}, 20 ms apart from {@code from} while before {@code to} (seconds). */
    JambonzLiveKitCall rtp(String src, String dst, double from, double to, long ssrc) {
        int n = count(from, to);
        for (int i = 0; i < n; i++) {
            add(from + i * 0.02, src, dst, Rtp.packet(0, i, 160L * i, ssrc, i == 0));
        }
        return this;
    }

    /** When the last packet of {@link #rtp} from {@code from} to {@code to} is sent. */
    static double last(double from, double to) {
        return from + (count(from, to) - 1) * 0.02;
    }

    private static int count(double from, double to) {
        return (int) Math.ceil((to - from) / 0.02 - 1e-9);
    }

    /** The carrier re-INVITEs its leg at {@code seconds} with {@code direction}; Jambonz answers it in kind. */
    JambonzLiveKitCall carrierHold(double seconds, String direction) {
        int cseq = ++aCseq;
        String hold = inDialog("INVITE", "a-leg", CARRIER, JAMBONZ, cseq, Rtp.sdp(CARRIER, 30000, direction));
        sip(seconds, CARRIER, JAMBONZ, hold);
        String answer = direction.equals("sendonly") ? "recvonly" : direction.equals("recvonly") ? "sendonly"
                : direction;
        sip(seconds + 0.02, JAMBONZ, CARRIER, inDialogResponse(hold, 200, JAMBONZ_AGENT,
                Rtp.sdp(JAMBONZ, 40000, answer)));
        return sip(seconds + 0.03, CARRIER, JAMBONZ, inDialog("ACK", "a-leg", CARRIER, JAMBONZ, cseq, ""));
    }

    /** LiveKit hangs up at {@code seconds}: BYE and 200 on its leg, Jambonz's BYE to the carrier 10 ms later. */
    JambonzLiveKitCall byeFromLiveKit(double seconds) {
        String bye = inDialog("BYE", "b-leg", LIVEKIT, JAMBONZ, 1, "");
        sip(seconds, LIVEKIT, JAMBONZ, bye);
        sip(seconds + 0.005, JAMBONZ, LIVEKIT, inDialogResponse(bye, 200));
        String aBye = inDialog("BYE", "a-leg", JAMBONZ, CARRIER, 1, "");
        sip(seconds + 0.01, JAMBONZ, CARRIER, aBye);
        return sip(seconds + 0.02, CARRIER, JAMBONZ, inDialogResponse(aBye, 200));
    }

    /** Diagnoses the capture as the command line does, without a LiveKit config. */
    Diagnosis diagnose(Path dir) throws CaptureException {
        return diagnose(dir, LiveKitConfig.empty());
    }

    /** Diagnoses the capture as the command line does, with {@code config}. */
    Diagnosis diagnose(Path dir, LiveKitConfig config) throws CaptureException {
        Captures capture = Captures.pcap();
        packets.stream().sorted(Comparator.comparingLong(Packet::micros))
                .forEach(p -> capture.udp(p.micros(), p.src(), p.dst(), p.payload()));
        return MediaCase.diagnoseFile(capture.write(dir.resolve("jambonz-livekit.pcap")), config,
                new MediaCollector());
    }

    /**
     * A request within the dialog {@code callId} from {@code from} (the caller's side when it sent the INVITE) to
     * {@code to}, CSeq {@code cseq}.
     */
    private String inDialog(String method, String callId, String from, String to, int cseq, String sdp) {
        boolean caller = from.equals(callId.equals("a-leg") ? CARRIER : JAMBONZ);
        int number = caller ? cseq : 100 + cseq;
        String text = request(method, callId, from, to, number, true, from.equals(JAMBONZ) ? JAMBONZ_AGENT + "\r\n"
                : "", sdp);
        if (caller) {
            return text;
        }
        // the callee's request: From and To the other way round
        String fromLine = text.substring(text.indexOf("\r\nFrom: ") + 2, text.indexOf("\r\n", text.indexOf("\r\nFrom: ") + 2));
        String toLine = text.substring(text.indexOf("\r\nTo: ") + 2, text.indexOf("\r\n", text.indexOf("\r\nTo: ") + 2));
        return text.replace(fromLine, "\u0000").replace(toLine, "From:" + toLine.substring(3))
                .replace("\u0000", "To:" + fromLine.substring(5));
    }

    /** A response to a request within a dialog: its To keeps the tag it has. */
    private static String inDialogResponse(String request, int status, String... extra) {
        String text = SipTexts.response(request, status, "OK", extra);
        return text.replaceFirst(";tag=t" + status + "\r\n", "\r\n");
    }

    private static String request(String method, String callId, String from, String to, int cseq, boolean toTag,
                                  String extra, String sdp) {
        String caller = callId.equals("a-leg") ? CARRIER : JAMBONZ;
        String callee = callId.equals("a-leg") ? JAMBONZ : LIVEKIT;
        String uri = "sip:" + DID + "@" + callee;
        return method + " sip:" + DID + "@" + to + " SIP/2.0\r\nVia: SIP/2.0/UDP " + from + ":5060;branch=z9hG4bK-"
                + callId + method + cseq + "\r\nMax-Forwards: 70\r\nFrom: <sip:+15551230001@" + caller + ">;tag=f-"
                + callId + "\r\nTo: <" + uri + ">" + (toTag ? ";tag=t200" : "") + "\r\nCall-ID: " + callId
                + "\r\nCSeq: " + cseq + " " + method + "\r\nContact: <sip:" + from + ":5060>\r\n" + extra
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + sdp.length()
                + "\r\n\r\n" + sdp;
    }

    private JambonzLiveKitCall sip(double seconds, String src, String dst, String text) {
        return add(seconds, src + ":5060", dst + ":5060", text.getBytes(StandardCharsets.US_ASCII));
    }

    private JambonzLiveKitCall add(double seconds, String src, String dst, byte[] payload) {
        packets.add(new Packet(T0 + Math.round(seconds * 1e6), src, dst, payload));
        return this;
    }
}
