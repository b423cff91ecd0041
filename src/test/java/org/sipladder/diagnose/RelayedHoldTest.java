package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;

/**
 * The carrier puts a call through Jambonz to LiveKit on hold: Jambonz passes the re-INVITE on and LiveKit answers
 * sendrecv, as it answers every re-INVITE. When Jambonz's answer to the carrier only relays LiveKit's, that is one
 * root cause, told on LiveKit's leg; the carrier's leg says so as information. When Jambonz answered on its own,
 * its answer is its own mismatch to fix.
 */
class RelayedHoldTest {

    private static final String CARRIER = "203.0.113.10";
    private static final String JAMBONZ = "198.51.100.20";
    private static final String LIVEKIT = "192.0.2.50";
    private static final String DID = "+4930123456";
    private static final long T0 = 1_795_011_787_000_000L;

    @TempDir
    Path dir;

    /** How Jambonz handles the carrier's hold re-INVITE at 5 s. */
    private enum Sbc { RELAYS, ANSWERS_FIRST, ANSWERS_ALONE }

    /**
     * A call carrier -> Jambonz -> LiveKit (X-CID joins the legs), answered sendrecv on both legs; at 5 s the carrier
     * holds with {@code hold}; LiveKit (when asked) answers {@code liveKitAnswer}, Jambonz answers the carrier
     * {@code sbcAnswer}.
     */
    private Diagnosis held(Sbc sbc, String hold, String liveKitAnswer, String sbcAnswer) throws Exception {
        Captures c = Captures.pcap();
        String aUri = "sip:" + DID + "@" + JAMBONZ;
        String bUri = "sip:" + DID + "@" + LIVEKIT;
        String aInvite = request("INVITE", aUri, "a-leg", CARRIER, 1, false, "", Rtp.sdp(CARRIER, 40000, "sendrecv"));
        String bInvite = request("INVITE", bUri, "b-leg", JAMBONZ, 1, false, "X-CID: a-leg\r\nUser-Agent: drachtio "
                + "0.8.26\r\n", Rtp.sdp(JAMBONZ, 40002, "sendrecv"));
        sip(c, 0, CARRIER, JAMBONZ, aInvite);
        sip(c, 0.01, JAMBONZ, CARRIER, SipTexts.response(aInvite, 100, "Trying"));
        sip(c, 0.02, JAMBONZ, LIVEKIT, bInvite);
        sip(c, 0.03, LIVEKIT, JAMBONZ, SipTexts.response(bInvite, 100, "Processing"));
        sip(c, 0.3, LIVEKIT, JAMBONZ, ok(bInvite, "Server: LiveKit", Rtp.sdp(LIVEKIT, 30000, "sendrecv")));
        sip(c, 0.31, JAMBONZ, LIVEKIT, request("ACK", bUri, "b-leg", JAMBONZ, 1, true, "", ""));
        sip(c, 0.32, JAMBONZ, CARRIER, ok(aInvite, "Server: drachtio 0.8.26", Rtp.sdp(JAMBONZ, 20000, "sendrecv")));
        sip(c, 0.33, CARRIER, JAMBONZ, request("ACK", aUri, "a-leg", CARRIER, 1, true, "", ""));

        String aHold = request("INVITE", aUri, "a-leg", CARRIER, 2, true, "", Rtp.sdp(CARRIER, 40000, hold));
        String bHold = request("INVITE", bUri, "b-leg", JAMBONZ, 2, true, "User-Agent: drachtio 0.8.26\r\n",
                Rtp.sdp(JAMBONZ, 40002, hold));
        String sbcOk = ok(aHold, "Server: drachtio 0.8.26", Rtp.sdp(JAMBONZ, 20000, sbcAnswer));
        sip(c, 5, CARRIER, JAMBONZ, aHold);
        if (sbc == Sbc.ANSWERS_FIRST) {
            sip(c, 5.005, JAMBONZ, CARRIER, sbcOk);
        }
        if (sbc != Sbc.ANSWERS_ALONE) {
            sip(c, 5.01, JAMBONZ, LIVEKIT, bHold);
            sip(c, 5.1, LIVEKIT, JAMBONZ, ok(bHold, "Server: LiveKit", Rtp.sdp(LIVEKIT, 30000, liveKitAnswer)));
            sip(c, 5.11, JAMBONZ, LIVEKIT, request("ACK", bUri, "b-leg", JAMBONZ, 2, true, "", ""));
        }
        if (sbc != Sbc.ANSWERS_FIRST) {
            sip(c, 5.12, JAMBONZ, CARRIER, sbcOk);
        }
        sip(c, 5.13, CARRIER, JAMBONZ, request("ACK", aUri, "a-leg", CARRIER, 2, true, "", ""));
        return MediaCase.diagnoseFile(c.write(dir.resolve("relayed-hold.pcap")), LiveKitConfig.empty(),
                new MediaCollector());
    }

    private static String request(String method, String uri, String callId, String from, int cseq, boolean toTag,
                                  String extra, String sdp) {
        return method + " " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + from + ":5060;branch=z9hG4bK" + callId + method
                + cseq + "\r\nMax-Forwards: 70\r\nFrom: <sip:+4917612345678@" + from + ">;tag=f" + callId + "\r\nTo: <"
                + uri + ">" + (toTag ? ";tag=t200" : "") + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " " + method
                + "\r\nContact: <sip:" + from + ":5060>\r\n" + extra
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + sdp.length()
                + "\r\n\r\n" + sdp;
    }

    private static String ok(String request, String agent, String sdp) {
        return SipTexts.response(request.replace(";tag=t200", ""), 200, "OK", agent, sdp);
    }

    private static void sip(Captures c, double seconds, String src, String dst, String text) {
        c.udp(T0 + Math.round(seconds * 1e6), src + ":5060", dst + ":5060", text.getBytes(StandardCharsets.US_ASCII));
    }

    private static Finding on(Diagnosis d, String callId) {
        List<Finding> holds = d.withCode(FindingCode.MEDIA_HOLD_MISMATCH).stream()
                .filter(f -> callId.equals(f.callId())).toList();
        assertEquals(1, holds.size(), d.findings().toString());
        return holds.get(0);
    }

    @Test
    void anSbcPassingOnLiveKitsAnswerToAHoldIsInformationNamingLiveKitsLeg() throws Exception {
        Diagnosis d = held(Sbc.RELAYS, "inactive", "sendrecv", "sendrecv");

        Finding atLiveKit = on(d, "b-leg");
        assertEquals(Severity.WARNING, atLiveKit.severity());
        assertTrue(atLiveKit.title().startsWith("LiveKit does not take hold"), atLiveKit.title());
        Finding carrierLeg = on(d, "a-leg");
        assertEquals(Severity.INFO, carrierLeg.severity(), carrierLeg.toString());
        assertTrue(carrierLeg.explanation().contains(JAMBONZ + " did not answer this on its own")
                && carrierLeg.explanation().contains("MEDIA_HOLD_MISMATCH on leg b-leg: " + atLiveKit.title()),
                carrierLeg.explanation());
        String steps = carrierLeg.fix().steps().toString();
        assertTrue(steps.startsWith("[Nothing to fix at " + JAMBONZ), steps);
        assertEquals(4, carrierLeg.evidence().frames().size(), carrierLeg.evidence().toString());
    }

    @Test
    void anSbcThatAnsweredTheHoldOnItsOwnIsStillToldToMirrorIt() throws Exception {
        // no re-INVITE to LiveKit, or one sent only after Jambonz had answered: Jambonz's own answer
        for (Sbc sbc : List.of(Sbc.ANSWERS_ALONE, Sbc.ANSWERS_FIRST)) {
            Finding carrierLeg = on(held(sbc, "sendonly", "sendrecv", "sendrecv"), "a-leg");
            assertEquals(Severity.WARNING, carrierLeg.severity(), sbc + " " + carrierLeg);
            assertTrue(carrierLeg.fix().steps().get(0).startsWith("Make " + JAMBONZ + " answer a hold offer"),
                    carrierLeg.fix().steps().toString());
        }
    }

    @Test
    void anSbcAnsweringSendrecvWhereLiveKitsAnswerHeldIsItsOwnMismatch() throws Exception {
        // LiveKit's answer mirrored the hold (no finding there): Jambonz's sendrecv is not LiveKit's
        Diagnosis d = held(Sbc.RELAYS, "sendonly", "recvonly", "sendrecv");

        assertEquals(1, d.withCode(FindingCode.MEDIA_HOLD_MISMATCH).size(), d.findings().toString());
        assertEquals(Severity.WARNING, on(d, "a-leg").severity());
    }
}
