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
 * A call between two phones through a host in the middle that handles the signalling only, as a capture built in
 * code: a proxy keeping one Call-ID, or a B2BUA with a dialog (Call-ID) per side joined by timing and the called
 * number. The middle passes each SDP on as it got it unless the test says otherwise, so that the phones' RTP goes
 * straight between them; the test adds RTP, re-INVITEs and the BYE.
 */
final class RelayedCall {

    static final String ALICE = "10.1.0.11";
    static final String BOB = "10.1.0.22";
    static final String PBX = "10.1.0.5";
    static final long T0 = 1_795_011_787_000_000L;
    private static final String NUMBER = "4930123456";

    private record Packet(long micros, String src, String dst, byte[] payload) {
    }

    /** One dialog: its Call-ID, the two hosts in the order of its INVITE, its next CSeq. */
    private static final class Dialog {
        final String callId;
        final String from;
        final String to;
        int cseq = 1;

        Dialog(String callId, String from, String to) {
            this.callId = callId;
            this.from = from;
            this.to = to;
        }
    }

    private final List<Packet> packets = new ArrayList<>();
    private final String agent;
    private final Dialog aLeg;
    private final Dialog bLeg;

    private RelayedCall(String agent, Dialog aLeg, Dialog bLeg) {
        this.agent = agent;
        this.aLeg = aLeg;
        this.bLeg = bLeg;
    }

    /**
     * Alice calls Bob through a proxy at {@link #PBX} (one Call-ID): INVITE with {@code offer} at 0 s, forwarded at
     * 0.01 s; 200 OK with {@code answer} at 0.3 s, forwarded at 0.31 s; ACK through the proxy.
     */
    static RelayedCall throughProxy(String offer, String answer) {
        return throughProxy(offer, offer, answer, answer);
    }

    /**
     * As {@link #throughProxy(String, String)}, the proxy rewriting each SDP as it passes it on (Kamailio or OpenSIPS
     * with rtpengine): Bob gets {@code bOffer}, Alice {@code aAnswer}.
     */
    static RelayedCall throughProxy(String offer, String bOffer, String answer, String aAnswer) {
        Dialog d = new Dialog("proxied-call", ALICE, PBX);
        RelayedCall c = new RelayedCall("", d, d);
        c.sip(0, ALICE, PBX, c.request(d, "INVITE", 1, false, offer));
        c.sip(0.01, PBX, BOB, c.request(d, "INVITE", 1, false, bOffer));
        c.sip(0.3, BOB, PBX, c.response(d, 200, "INVITE", 1, answer));
        c.sip(0.31, PBX, ALICE, c.response(d, 200, "INVITE", 1, aAnswer));
        c.sip(0.32, ALICE, PBX, c.request(d, "ACK", 1, true, ""));
        return c.sip(0.33, PBX, BOB, c.request(d, "ACK", 1, true, ""));
    }

    /**
     * Alice calls Bob through a B2BUA at {@link #PBX} whose User-Agent is {@code agent}: INVITE with {@code offer} on
     * the A-leg at 0 s, on the B-leg at 0.01 s with {@code bOffer}; Bob's 200 OK with {@code answer} at 0.3 s, passed
     * to Alice at 0.31 s as {@code aAnswer}; ACKs.
     */
    static RelayedCall throughB2bua(String agent, String offer, String bOffer, String answer, String aAnswer) {
        RelayedCall c = new RelayedCall(agent, new Dialog("a-leg", ALICE, PBX), new Dialog("b-leg", PBX, BOB));
        c.sip(0, ALICE, PBX, c.request(c.aLeg, "INVITE", 1, false, offer));
        c.sip(0.01, PBX, BOB, c.request(c.bLeg, "INVITE", 1, false, bOffer));
        c.sip(0.3, BOB, PBX, c.response(c.bLeg, 200, "INVITE", 1, answer));
        c.sip(0.31, PBX, ALICE, c.response(c.aLeg, 200, "INVITE", 1, aAnswer));
        c.sip(0.32, ALICE, PBX, c.request(c.aLeg, "ACK", 1, true, ""));
        return c.sip(0.33, PBX, BOB, c.request(c.bLeg, "ACK", 1, true, ""));
    }

    /**
     * Alice calls the PBX (User-Agent {@code agent}), which answers for the far side: INVITE with {@code offer} at
     * 0 s, 200 OK with {@code answer} at 0.3 s, ACK; the PBX's other leg is not in the capture.
     */
    static RelayedCall toPbx(String agent, String offer, String answer) {
        RelayedCall c = new RelayedCall(agent, new Dialog("pbx-call", ALICE, PBX), null);
        c.sip(0, ALICE, PBX, c.request(c.aLeg, "INVITE", 1, false, offer));
        c.sip(0.3, PBX, ALICE, c.response(c.aLeg, 200, "INVITE", 1, answer));
        return c.sip(0.32, ALICE, PBX, c.request(c.aLeg, "ACK", 1, true, ""));
    }

    /** As {@link #throughB2bua(String, String, String, String, String)}, each SDP passed on as it came. */
    static RelayedCall throughB2bua(String agent, String offer, String answer) {
        return throughB2bua(agent, offer, offer, answer, answer);
    }

    /** The B2BUA moves the media off itself: re-INVITEs at {@code seconds} give each phone the other's SDP. */
    RelayedCall directMedia(double seconds, String aliceSdp, String bobSdp) {
        int b = ++bLeg.cseq;
        sip(seconds, PBX, BOB, request(bLeg, "INVITE", b, true, aliceSdp));
        int a = ++aLeg.cseq;
        sip(seconds + 0.01, PBX, ALICE, reversed(aLeg, request(aLeg, "INVITE", a, true, bobSdp)));
        sip(seconds + 0.05, ALICE, PBX, reversed(aLeg, response(aLeg, 200, "INVITE", a, aliceSdp)));
        sip(seconds + 0.06, PBX, ALICE, reversed(aLeg, request(aLeg, "ACK", a, true, "")));
        sip(seconds + 0.07, BOB, PBX, response(bLeg, 200, "INVITE", b, bobSdp));
        return sip(seconds + 0.08, PBX, BOB, request(bLeg, "ACK", b, true, ""));
    }

    /** Alice re-INVITEs the A-leg at {@code seconds} with {@code offer}; the B2BUA answers {@code answer}; ACK. */
    RelayedCall reinviteFromAlice(double seconds, String offer, String answer) {
        int a = ++aLeg.cseq;
        sip(seconds, ALICE, PBX, request(aLeg, "INVITE", a, true, offer));
        sip(seconds + 0.05, PBX, ALICE, response(aLeg, 200, "INVITE", a, answer));
        return sip(seconds + 0.06, ALICE, PBX, request(aLeg, "ACK", a, true, ""));
    }

    /** Alice hangs up at {@code seconds}: BYE and 200 OK on each dialog. */
    RelayedCall bye(double seconds) {
        int a = ++aLeg.cseq;
        sip(seconds, ALICE, PBX, request(aLeg, "BYE", a, true, ""));
        sip(seconds + 0.01, PBX, ALICE, response(aLeg, 200, "BYE", a, ""));
        if (bLeg == null) {
            return this;
        }
        if (bLeg != aLeg) {
            int b = ++bLeg.cseq;
            sip(seconds + 0.02, PBX, BOB, request(bLeg, "BYE", b, true, ""));
            sip(seconds + 0.03, BOB, PBX, response(bLeg, 200, "BYE", b, ""));
        } else {
            sip(seconds + 0.02, PBX, BOB, request(aLeg, "BYE", a, true, ""));
            sip(seconds + 0.03, BOB, PBX, response(aLeg, 200, "BYE", a, ""));
        }
        return this;
    }

    /** Bob hangs up at {@code seconds}: BYE and 200 OK on the B-leg, passed on by the B2BUA to Alice 0.02 s later. */
    RelayedCall byeFromBob(double seconds) {
        int b = ++bLeg.cseq;
        sip(seconds, BOB, PBX, reversed(bLeg, request(bLeg, "BYE", b, true, "")));
        sip(seconds + 0.01, PBX, BOB, reversed(bLeg, response(bLeg, 200, "BYE", b, "")));
        int a = ++aLeg.cseq;
        sip(seconds + 0.02, PBX, ALICE, reversed(aLeg, request(aLeg, "BYE", a, true, "")));
        return sip(seconds + 0.03, ALICE, PBX, reversed(aLeg, response(aLeg, 200, "BYE", a, "")));
    }

    /**
     * RTP of {@code count} packets of payload type {@code pt}, 20 ms apart from {@code startSeconds}, every other
     * one {@code jitterMs} late.
     */
    RelayedCall rtp(String src, String dst, double startSeconds, int count, long ssrc, int pt, double jitterMs) {
        for (int i = 0; i < count; i++) {
            double late = i % 2 == 1 ? jitterMs / 1000 : 0;
            add(startSeconds + i * 0.02 + late, src, dst, Rtp.packet(pt, i, 160L * i, ssrc, i == 0));
        }
        return this;
    }

    /** PCMU RTP both ways between two media addresses for {@code seconds} from 0.4 s. */
    RelayedCall rtpBothWays(String a, String b, double seconds) {
        int n = (int) (seconds / 0.02);
        rtp(a, b, 0.4, n, 0x1111, 0, 0);
        return rtp(b, a, 0.41, n, 0x2222, 0, 0);
    }

    /** An SDP with audio at {@code address:port} (PCMU, PCMA, telephone-event), sendrecv. */
    static String sdp(String address, int port) {
        return Rtp.sdp(address, port, "sendrecv");
    }

    /** Writes the capture, reads it and diagnoses it as the command line does, without a LiveKit config. */
    Diagnosis diagnose(Path dir) throws CaptureException {
        Captures capture = Captures.pcap();
        packets.stream().sorted(Comparator.comparingLong(Packet::micros))
                .forEach(p -> capture.udp(p.micros(), p.src(), p.dst(), p.payload()));
        return MediaCase.diagnoseFile(capture.write(dir.resolve("relayed-call.pcap")), LiveKitConfig.empty(),
                new MediaCollector());
    }

    /** A SIP message; the PBX's name its {@link #agent}. */
    private RelayedCall sip(double seconds, String src, String dst, String text) {
        if (src.equals(PBX) && !agent.isEmpty()) {
            text = text.replace("\r\nContent-Length:", "\r\nUser-Agent: " + agent + "\r\nContent-Length:");
        }
        return add(seconds, src + ":5060", dst + ":5060", text.getBytes(StandardCharsets.US_ASCII));
    }

    private RelayedCall add(double seconds, String src, String dst, byte[] payload) {
        packets.add(new Packet(T0 + Math.round(seconds * 1e6), src, dst, payload));
        return this;
    }

    private String request(Dialog d, String method, int cseq, boolean toTag, String sdp) {
        return message(method + " sip:" + NUMBER + "@" + d.to + " SIP/2.0", d, method, cseq, toTag, sdp);
    }

    private String response(Dialog d, int status, String method, int cseq, String sdp) {
        return message("SIP/2.0 " + status + " OK", d, method, cseq, true, sdp);
    }

    /** A request the called side of a dialog sends (From and To the other way round). */
    private static String reversed(Dialog d, String text) {
        String from = "From: <sip:alice@" + d.from + ">;tag=f-" + d.callId;
        String to = "To: <sip:" + NUMBER + "@" + d.to + ">;tag=t-" + d.callId;
        return text.replace(from, "\u0000").replace(to, "From:" + to.substring(3))
                .replace("\u0000", "To:" + from.substring(5));
    }

    private static String message(String start, Dialog d, String method, int cseq, boolean toTag, String sdp) {
        return start + "\r\nVia: SIP/2.0/UDP " + d.from + ":5060;branch=z9hG4bK-" + d.callId + method + cseq + "\r\n"
                + "From: <sip:alice@" + d.from + ">;tag=f-" + d.callId + "\r\n"
                + "To: <sip:" + NUMBER + "@" + d.to + ">" + (toTag ? ";tag=t-" + d.callId : "") + "\r\n"
                + "Call-ID: " + d.callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:" + d.from + ":5060>\r\n"
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }
}
