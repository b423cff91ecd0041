package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureReader;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.LiveFlows;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;

/**
 * In-dialog requests refused after the answer, read from a capture through the real reader and flow builder: a
 * re-INVITE or UPDATE refused (hold, codec change, session refresh) leaves the session as it was, so the call stays
 * answered 200 and the refusal is its own finding; a 481 is explained by what came before and after it.
 */
class InDialogRefusedTest {

    private static final String UAC = "198.51.100.10";
    private static final String UAS = "203.0.113.20";
    private static final long T0 = 1_795_011_787_000_000L;

    @TempDir
    Path dir;

    private final Captures capture = Captures.pcap();
    private long micros = T0;

    private static String sdp(String host, String codecs, String direction) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host
                + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP");
        String[] list = codecs.split(",");
        for (String c : list) {
            s.append(' ').append(c.split(" ")[0]);
        }
        s.append("\r\n");
        for (String c : list) {
            s.append("a=rtpmap:").append(c).append("\r\n");
        }
        return s.append("a=").append(direction).append("\r\n").toString();
    }

    /** A request of the dialog; {@code fromCaller}: the UAC sends it (else the UAS, From and To swapped). */
    private static String request(String method, int cseq, boolean fromCaller, boolean toTag, String extra, String body) {
        String src = fromCaller ? UAC : UAS;
        String caller = "<sip:4930111@" + UAC + ">;tag=fc";
        String callee = "<sip:4940222@" + UAS + ">" + (toTag ? ";tag=tc" : "");
        return method + " sip:" + (fromCaller ? "4940222@" + UAS : "4930111@" + UAC) + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + src + ":5060;branch=z9hG4bK" + method + cseq + (fromCaller ? "c" : "s") + "\r\n"
                + "Max-Forwards: 70\r\nFrom: " + (fromCaller ? caller : callee) + "\r\nTo: " + (fromCaller ? callee : caller)
                + "\r\nCall-ID: chg-1\r\nCSeq: " + cseq + " " + method + "\r\nContact: <sip:" + src + ":5060>\r\n" + extra
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    private static String response(String request, int status, String reason, String extra, String body) {
        StringBuilder s = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String line : request.substring(0, request.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                s.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                s.append(line).append(line.contains(";tag=") ? "" : ";tag=tc").append("\r\n");
            }
        }
        return s.append(extra).append(body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                .append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body).toString();
    }

    /** {@code text} sent {@code afterMillis} after the previous message, by the UAC when {@code fromCaller}. */
    private InDialogRefusedTest send(long afterMillis, boolean fromCaller, String text) {
        micros += afterMillis * 1000;
        capture.udp(micros, (fromCaller ? UAC : UAS) + ":5060", (fromCaller ? UAS : UAC) + ":5060", text);
        return this;
    }

    /** The UAC calls, the UAS answers 200 with PCMU, ACK: frames 1-3. */
    private InDialogRefusedTest answered() {
        String invite = request("INVITE", 1, true, false, "", sdp(UAC, "0 PCMU/8000", "sendrecv"));
        return send(0, true, invite).send(300, false, response(invite, 200, "OK", "Contact: <sip:" + UAS + ":5060>\r\n",
                sdp(UAS, "0 PCMU/8000", "sendrecv"))).send(10, true, request("ACK", 1, true, true, "", ""));
    }

    /** {@code method} CSeq {@code cseq} from the UAC with {@code body}, answered {@code status} (two frames, plus ACK for INVITE). */
    private InDialogRefusedTest change(String method, int cseq, String extra, String body, int status, String reason,
                                            String answerExtra) {
        String r = request(method, cseq, true, true, extra, body);
        send(2000, true, r).send(20, false, response(r, status, reason, answerExtra, ""));
        return "INVITE".equals(method) ? send(5, true, request("ACK", cseq, true, true, "", "")) : this;
    }

    private InDialogRefusedTest bye(long afterMillis, boolean fromCaller, int cseq) {
        String bye = request("BYE", cseq, fromCaller, true, "", "");
        return send(afterMillis, fromCaller, bye).send(10, !fromCaller, response(bye, 200, "OK", "", ""));
    }

    private record Result(CallFlow flow, Diagnosis diagnosis) {
        List<Finding> refused() {
            return diagnosis.withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED);
        }
    }

    private Result read() throws Exception {
        LiveFlows flows = new LiveFlows();
        new CaptureReader().read(capture.write(dir.resolve("change.pcap")), new ParsingListener(SipParser.Depth.SCAN) {
            @Override
            public void prepared(SipMessage m) {
                flows.add(m);
            }
        });
        List<CallFlow> all = flows.snapshot();
        assertEquals(1, all.size(), all.toString());
        return new Result(all.get(0), DiagnosisEngine.standard().diagnose(all, LiveKitConfig.empty()));
    }

    @Test
    void aHoldReInviteRefused488KeepsTheCallAnsweredAndIsItsOwnFinding() throws Exception {
        answered().change("INVITE", 2, "", sdp(UAC, "0 PCMU/8000", "sendonly"), 488, "Not Acceptable Here", "")
                .bye(20_000, true, 3);

        Result r = read();

        assertEquals(200, r.flow().finalStatus());
        assertFalse(r.diagnosis().failed(r.flow()));
        // the offer shares PCMU with the session: no codec is missing, the hold was refused
        assertEquals(List.of(), r.diagnosis().withCode(FindingCode.SIP_NO_COMMON_CODEC));
        assertEquals(1, r.refused().size(), r.diagnosis().findings().toString());
        Finding f = r.refused().get(0);
        assertEquals("hold re-INVITE (a=sendonly) refused by " + UAS + ": 488 Not Acceptable Here", f.title());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of(4L, 5L, 7L), f.evidence().frames());
        assertTrue(f.explanation().contains("leaves the session as it was") && f.explanation().contains("not put on hold")
                && f.explanation().contains("The call went on; " + UAC + " ended it 20.0 s later"), f.explanation());
    }

    @Test
    void anUpdateRefused491AndRetriedSuccessfullyIsInformation() throws Exception {
        answered().change("UPDATE", 2, "", sdp(UAC, "8 PCMA/8000", "sendrecv"), 491, "Request Pending", "")
                .change("UPDATE", 3, "", sdp(UAC, "8 PCMA/8000", "sendrecv"), 200, "OK", "").bye(5_000, true, 4);

        Result r = read();

        assertEquals(200, r.flow().finalStatus());
        Finding f = r.refused().get(0);
        assertEquals(1, r.refused().size(), r.refused().toString());
        assertEquals("media change UPDATE (offer: 8 PCMA/8000) refused by " + UAS + ": 491 Request Pending", f.title());
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.explanation().contains("glare") && f.explanation().contains("RFC 3311 5.1")
                && f.explanation().contains("so the change went through in the end"), f.explanation());
        // a 491 to an UPDATE is no re-INVITE glare
        assertEquals(List.of(), r.diagnosis().withCode(FindingCode.SIP_REINVITE_GLARE));
    }

    @Test
    void aRefusedT38SwitchFollowedByAudioIsNotCalledAChangeThatWentThrough() throws Exception {
        String t38 = "v=0\r\no=- 1 2 IN IP4 " + UAC + "\r\ns=-\r\nc=IN IP4 " + UAC + "\r\nt=0 0\r\n"
                + "m=image 40000 udptl t38\r\na=T38FaxVersion:0\r\na=T38FaxRateManagement:transferredTCF\r\n";
        answered().change("INVITE", 2, "", t38, 488, "Not Acceptable Here", "")
                .change("INVITE", 3, "", sdp(UAC, "8 PCMA/8000", "sendrecv"), 200, "OK", "").bye(30_000, true, 4);

        Result r = read();

        assertEquals(200, r.flow().finalStatus());
        assertEquals(1, r.refused().size(), r.refused().toString());
        Finding f = r.refused().get(0);
        assertEquals("T.38 fax re-INVITE (m=image udptl t38) refused by " + UAS + ": 488 Not Acceptable Here",
                f.title());
        // the fax fell back to audio: the switch did not go through
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.explanation().contains("it does not take T.38 fax")
                && f.explanation().contains("but it asked for something else: media change re-INVITE (offer: "
                + "8 PCMA/8000); the call stayed on audio, so a fax goes through as G.711 pass-through"),
                f.explanation());
        assertFalse(f.explanation().contains("went through"), f.explanation());
        assertTrue(f.fix().steps().get(0).startsWith("Enable T.38 on " + UAS), f.fix().steps().toString());
    }

    @Test
    void aRefusalPassedOnByAProxyIsOneFinding() throws Exception {
        String proxy = "192.0.2.50";
        String invite = request("INVITE", 1, true, false, "", sdp(UAC, "0 PCMU/8000", "sendrecv"));
        String ok = response(invite, 200, "OK", "Contact: <sip:" + UAS + ":5060>\r\n", sdp(UAS, "0 PCMU/8000", "sendrecv"));
        String hold = request("INVITE", 2, true, true, "", sdp(UAC, "0 PCMU/8000", "sendonly"));
        String refused = response(hold, 488, "Not Acceptable Here", "", "");
        // every message through the proxy, which keeps the Call-ID (one dialog on both hops)
        String[][] steps = {{UAC, invite}, {UAS, ok}, {UAC, request("ACK", 1, true, true, "", "")}, {UAC, hold},
                {UAS, refused}, {UAC, request("ACK", 2, true, true, "", "")}};
        for (String[] step : steps) {
            boolean fromCaller = step[0].equals(UAC);
            micros += 1_000_000;
            capture.udp(micros, step[0] + ":5060", proxy + ":5060", step[1]);
            capture.udp(micros + 5_000, proxy + ":5060", (fromCaller ? UAS : UAC) + ":5060", step[1]);
        }

        List<Finding> found = read().refused();

        assertEquals(1, found.size(), found.toString());
        assertEquals("hold re-INVITE (a=sendonly) refused by " + UAS + ": 488 Not Acceptable Here", found.get(0).title());
    }

    @Test
    void aHoldRefusedAndAskedAgainInAnotherFormWentThroughInThatForm() throws Exception {
        answered().change("INVITE", 2, "", sdp(UAC, "0 PCMU/8000", "inactive"), 488, "Not Acceptable Here", "")
                .change("INVITE", 3, "", sdp(UAC, "0 PCMU/8000", "sendonly"), 200, "OK", "").bye(30_000, true, 4);

        Finding f = read().refused().get(0);

        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.explanation().contains("(hold re-INVITE (a=sendonly)), so the change went through in that form"),
                f.explanation());
    }

    @Test
    void aSessionRefreshRefused422ThenTheRefuserHangingUpIsExplained() throws Exception {
        answered().change("UPDATE", 2, "Session-Expires: 60;refresher=uac\r\n", "", 422, "Session Interval Too Small",
                "Min-SE: 90\r\n").bye(300, false, 1);

        Result r = read();

        assertEquals(200, r.flow().finalStatus());
        Finding f = r.refused().get(0);
        assertEquals("session refresh UPDATE (RFC 4028) refused by " + UAS + ": 422 Session Interval Too Small", f.title());
        assertTrue(f.explanation().contains("Min-SE") && f.explanation().contains("Then the refuser ended the call 0.3 s "
                + "later (BYE, frame 6), right after the refusal"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("Session-Expires at least the Min-SE"), f.fix().steps().toString());
    }

    @Test
    void aChallengeAnsweredWithCredentialsIsNoRefusalButTheRefusalOfTheRetryIs() throws Exception {
        answered().change("INVITE", 2, "", sdp(UAC, "18 G729/8000", "sendrecv"), 407, "Proxy Authentication Required",
                        "Proxy-Authenticate: Digest realm=\"x\", nonce=\"n\"\r\n")
                .change("INVITE", 3, "Proxy-Authorization: Digest username=\"u\", realm=\"x\", nonce=\"n\", "
                        + "uri=\"sip:4940222@" + UAS + "\", response=\"0123456789abcdef0123456789abcdef\"\r\n",
                        sdp(UAC, "18 G729/8000", "sendrecv"), 606, "Not Acceptable", "");

        Result r = read();

        assertEquals(200, r.flow().finalStatus());
        assertEquals(1, r.refused().size(), r.refused().toString());
        Finding f = r.refused().get(0);
        assertEquals("media change re-INVITE (offer: 18 G729/8000) refused by " + UAS + ": 606 Not Acceptable", f.title());
        assertEquals(List.of(7L, 8L), f.evidence().frames());
        assertTrue(f.explanation().contains("The capture shows no BYE of this dialog after it: the call went on."),
                f.explanation());
    }

    @Test
    void theTestCallHelperKeepsAReInviteRefusalOutOfTheCallsFinalStatusAsTheFlowBuilderDoes() {
        CallFlow flow = FindingRulesTest.afterAnswer(FindingRulesTest.Mid.REINVITE_488);

        assertEquals(200, flow.finalStatus());
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        assertFalse(d.failed(flow));
        assertEquals(1, d.withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED).size(), d.findings().toString());
    }

    @Test
    void aSessionRefreshAnswered481AndTheByeAfterItAreExplained() throws Exception {
        answered().change("INVITE", 2, "Session-Expires: 90;refresher=uac\r\n", "", 481,
                "Call/Transaction Does Not Exist", "").bye(200, true, 3);

        Result r = read();

        assertEquals(200, r.flow().finalStatus());
        assertEquals(List.of(), r.refused(), "a 481 is SIP_DIALOG_NOT_FOUND's");
        Finding f = r.diagnosis().withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0);
        // the call was answered and ended with a BYE: the refused refresh did not fail it
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of(4L, 5L, 7L), f.evidence().frames());
        assertTrue(f.explanation().contains(UAC + " then ended the call (BYE, frame 7): RFC 3261 12.2.1.2"),
                f.explanation());
    }

    @Test
    void aByeAnswered481BecauseTheOtherSidesByeCrossedItIsInformation() throws Exception {
        answered();
        String theirs = request("BYE", 1, false, true, "", "");
        String ours = request("BYE", 2, true, true, "", "");
        send(5_000, false, theirs).send(2, true, ours).send(10, true, response(theirs, 200, "OK", "", ""))
                .send(10, false, response(ours, 481, "Call/Transaction Does Not Exist", "", ""));

        Result r = read();

        Finding f = r.diagnosis().withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals(List.of(4L, 5L, 7L), f.evidence().frames());
        assertTrue(f.explanation().contains(UAS + " ended the call with its own BYE (frame 4)")
                && f.explanation().contains("crossed"), f.explanation());
    }

    @Test
    void aByeLiveKitAnswered481SaysWhenLiveKitAnswersSo() {
        CallFlow flow = FindingRulesTest.afterAnswer(FindingRulesTest.Mid.BYE_481);

        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0);

        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("LiveKit answers 481 \"Call does not exist\" "
                + "to a BYE or NOTIFY whose To tag names no call of the node that got it")), f.evidence().facts().toString());
    }

    @Test
    void aReInviteAnswered481AndThenTheRefusersOwnByeSaysTheRefuserHadTheDialog() throws Exception {
        answered().change("INVITE", 2, "", sdp(UAC, "0 PCMU/8000", "sendonly"), 481, "Call/Transaction Does Not Exist",
                "").bye(300, false, 1);

        Finding f = read().diagnosis().withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0);

        assertTrue(f.explanation().contains(UAS + ", which had answered 481, then ended the call itself (BYE, frame 7)"),
                f.explanation());
    }

    @Test
    void aReInviteToLiveKitAnswered481SaysTheOpenSourceServerNeverAnswersAnInviteSo() {
        CallFlow flow = liveKitAnswered(FindingRulesTest.inDialog("INVITE", 2, TestCall.JAMBONZ, SipTexts.SDP_G711,
                "Content-Type: application/sdp"), 481, "Call/Transaction Does Not Exist");

        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0);

        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("The open-source LiveKit SIP server never "
                + "answers 481 to an INVITE")), f.evidence().facts().toString());
    }

    @Test
    void anUpdateLiveKitRefused405SaysLiveKitTakesNoUpdateAndToUseReInvite() {
        CallFlow flow = liveKitAnswered(FindingRulesTest.inDialog("UPDATE", 2, TestCall.JAMBONZ, "",
                "Session-Expires: 1800;refresher=uac"), 405, "Method Not Allowed");

        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED).get(0);

        assertEquals("session refresh UPDATE (RFC 4028) refused by LiveKit " + TestCall.LIVEKIT + ": 405 Method Not "
                + "Allowed", f.title());
        assertTrue(f.explanation().contains("LiveKit SIP handles only INVITE, ACK, CANCEL, BYE, OPTIONS and NOTIFY"),
                f.explanation());
        assertTrue(f.fix().steps().get(0).contains("with re-INVITE, not UPDATE"), f.fix().steps().toString());
    }

    /** Jambonz calls LiveKit, LiveKit answers 200, ACK; then Jambonz sends {@code request}, LiveKit answers {@code status}. */
    private static CallFlow liveKitAnswered(String request, int status, String reason) {
        String invite = SipTexts.invite("call-mid", "sip:4991874350352@" + TestCall.LIVEKIT, "+493023125417",
                TestCall.JAMBONZ, SipTexts.SDP_G711);
        return TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 200, "OK",
                        "Contact: <sip:" + TestCall.LIVEKIT + ":5060>", SipTexts.sdp(TestCall.LIVEKIT, "8 PCMA/8000")))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, FindingRulesTest.inDialog("ACK", 1, TestCall.JAMBONZ, ""))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, request)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(request, status, reason))
                .flow();
    }
}
