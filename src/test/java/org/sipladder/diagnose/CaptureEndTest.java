package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/** An INVITE without a final response says how long the capture went on after it: it may only have ended early. */
class CaptureEndTest {

    private static final long T0 = 1_795_011_787_000_000L;
    private static final String CALLER = "10.0.0.1:5060";
    private static final String CALLEE = "192.0.2.7:5060";

    @TempDir
    Path dir;

    /** {@code capture} written to a file of that name and diagnosed without a config. */
    private Diagnosis diagnose(Captures capture, String name) throws Exception {
        return MediaCase.diagnoseFile(capture.write(dir.resolve(name)), LiveKitConfig.empty(), new MediaCollector());
    }

    private Finding noFinalResponse(Captures capture) throws Exception {
        Diagnosis d = diagnose(capture, "capture-end.pcap");
        // the INVITE's (the other call's OPTIONS, the capture's last packet, has one of its own)
        List<Finding> found = d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE).stream()
                .filter(f -> f.title().startsWith("INVITE ")).toList();
        assertEquals(1, found.size(), d.findings().toString());
        return found.get(0);
    }

    @Test
    void aCallStillRingingWhenTheCaptureEndsSaysSo() throws Exception {
        String invite = SipText.invite("ringing-1");
        // the last packet of the capture is another call's OPTIONS, 9.9 s after the 180
        Finding f = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, invite)
                .udp(T0 + 100_000, CALLEE, CALLER, SipText.response(180, "Ringing", "INVITE", "ringing-1", 1))
                .udp(T0 + 10_000_000, CALLER, "192.0.2.9:5060",
                        SipText.request("OPTIONS", "sip:192.0.2.9", "other-1", 1, "")));
        assertTrue(f.evidence().facts().contains("The capture ends 9.9 s after the call's last message (180 Ringing, "
                + "frame 2)"), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("it may still have been ringing"), f.explanation());
        assertEquals(Severity.WARNING, f.severity(), "the capture stopped before the outcome was due");
        // 40 s of silence after the 180 while the capture went on: the call failed
        Finding silent = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, invite)
                .udp(T0 + 100_000, CALLEE, CALLER, SipText.response(180, "Ringing", "INVITE", "ringing-1", 1))
                .udp(T0 + 40_100_000, CALLER, "192.0.2.9:5060",
                        SipText.request("OPTIONS", "sip:192.0.2.9", "other-1", 1, "")));
        assertEquals(Severity.ERROR, silent.severity());
        // minutes of capture after the 180: no longer "may still have been ringing"
        Finding gone = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, invite)
                .udp(T0 + 100_000, CALLEE, CALLER, SipText.response(180, "Ringing", "INVITE", "ringing-1", 1))
                .udp(T0 + 200_100_000, CALLER, "192.0.2.9:5060",
                        SipText.request("OPTIONS", "sip:192.0.2.9", "other-1", 1, "")));
        assertFalse(gone.explanation().contains("may still have been ringing"), gone.explanation());
        assertTrue(gone.explanation().contains("The capture goes on 200.0 s after the call's last message, longer than "
                + "a proxy lets an INVITE ring (Timer C, over 3 minutes): the final response was never sent, or it was "
                + "lost on the way back."), gone.explanation());
        assertEquals(Severity.ERROR, gone.severity());
        // two captures of different days read as one: the span in days, not in millions of seconds
        Finding days = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, invite)
                .udp(T0 + 100_000, CALLEE, CALLER, SipText.response(180, "Ringing", "INVITE", "ringing-1", 1))
                .udp(T0 + 100_000 + 3 * 86_400_000_000L, CALLER, "192.0.2.9:5060",
                        SipText.request("OPTIONS", "sip:192.0.2.9", "other-1", 1, "")));
        assertTrue(days.evidence().facts().contains("The capture ends 3.0 days after the call's last message (180 "
                + "Ringing, frame 2)"), days.evidence().facts().toString());
        assertEquals("2.0 h", NoFinalResponseCheck.span(7_200_000_000L));
    }

    /** A capture whose INVITE with Call-ID {@code callId} is answered 180 Ringing 0.1 s later. */
    private static Captures ringing(String callId) {
        return Captures.pcap().udp(T0, CALLER, CALLEE, SipText.invite(callId))
                .udp(T0 + 100_000, CALLEE, CALLER, SipText.response(180, "Ringing", "INVITE", callId, 1));
    }

    @Test
    void aCancelAnswered200WithNo487SaysThe487IsMissingNotThatItMayStillRing() throws Exception {
        // the caller cancels after 2 s of ringing, the callee accepts the CANCEL and never answers the INVITE 487
        Finding f = noFinalResponse(ringing("cancelled-1")
                .udp(T0 + 2_000_000, CALLER, CALLEE, SipText.request("CANCEL", "sip:bob@192.0.2.7", "cancelled-1", 1, ""))
                .udp(T0 + 2_050_000, CALLEE, CALLER, SipText.response(200, "OK", "CANCEL", "cancelled-1", 1))
                .udp(T0 + 40_000_000, CALLER, "192.0.2.9:5060",
                        SipText.request("OPTIONS", "sip:192.0.2.9", "other-1", 1, "")));
        assertFalse(f.explanation().contains("may still have been ringing"),
                f.explanation());
        assertTrue(f.explanation().contains("must answer the INVITE 487 Request Terminated (RFC 3261 9.2), and no 487"
                + " shows"), f.explanation());
        assertTrue(f.explanation().contains("the 487 was lost on the way back or fell outside the capture"),
                f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("CANCEL frame 3 was answered 200 OK"
                + " (frame 4), and no 487")), f.evidence().facts().toString());
        assertTrue(f.fix().steps().get(0).contains("whether it sent 487 Request Terminated"), f.fix().steps().toString());
        assertTrue(f.fix().steps().stream().noneMatch(x -> x.contains("ringing") || x.contains("never cancelled")),
                f.fix().steps().toString());
    }

    @Test
    void aCancelNobodyAnsweredSaysTheCallerGaveUpNotThatItMayStillRing() throws Exception {
        // the caller cancels after 2 s of ringing and sends its CANCEL three times: nothing answers either request
        String cancel = SipText.request("CANCEL", "sip:bob@192.0.2.7", "unanswered-1", 1, "");
        Finding f = noFinalResponse(ringing("unanswered-1")
                .udp(T0 + 2_000_000, CALLER, CALLEE, cancel)
                .udp(T0 + 2_500_000, CALLER, CALLEE, cancel)
                .udp(T0 + 3_500_000, CALLER, CALLEE, cancel)
                .udp(T0 + 40_000_000, CALLER, "192.0.2.9:5060",
                        SipText.request("OPTIONS", "sip:192.0.2.9", "other-1", 1, "")));
        assertFalse(f.explanation().contains("may still have been ringing"), f.explanation());
        assertFalse(f.explanation().contains("Capture until the call ends"), f.explanation());
        assertTrue(f.explanation().contains("The caller cancelled 2.0 s after the INVITE (frame 3), and the CANCEL got no"
                + " response either (sent 3 times, the capture going on 38.0 s after the first): 192.0.2.7:5060 had"
                + " dropped the call without a final response, or the CANCEL did not reach it."), f.explanation());
        assertTrue(f.evidence().facts().contains("CANCEL frame 3, 2.0 s after the INVITE, got no response (sent 3 times)"),
                f.evidence().facts().toString());
        assertTrue(f.fix().steps().stream().noneMatch(x -> x.contains("never cancelled") || x.contains("still have been"
                + " ringing")), f.fix().steps().toString());
        assertTrue(f.fix().steps().get(0).contains("answered neither the INVITE nor the CANCEL"), f.fix().steps().toString());
        assertEquals(Severity.ERROR, f.severity());
        // sent once as the capture ends: its answer may simply not be in the capture yet
        Finding early = noFinalResponse(ringing("unanswered-2")
                .udp(T0 + 2_000_000, CALLER, CALLEE, SipText.request("CANCEL", "sip:bob@192.0.2.7", "unanswered-2", 1, "")));
        assertTrue(early.explanation().contains("the capture ends 0.0 s after it, so an answer may have come later."),
                early.explanation());
        assertEquals(Severity.WARNING, early.severity());
    }

    @Test
    void liveKitRingingAndThenSilentWhileTheCaptureGoesOnDroppedTheCall() throws Exception {
        // open-source LiveKit with no dispatch rule for the call: 100 Processing, 180 Ringing, then nothing
        String uri = "sip:+4991874350352@project-1z3kctsj.sip.livekit.cloud";
        String invite = SipText.request("INVITE", uri, "drop-1", 1, "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
                + "c=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
        String liveKit = "129.158.233.108:5060";
        Captures dropped = Captures.pcap().udp(T0, CALLER, liveKit, invite)
                .udp(T0 + 50_000, liveKit, CALLER, SipText.response(100, "Processing", "INVITE", "drop-1", 1))
                .udp(T0 + 300_000, liveKit, CALLER, SipText.response(180, "Ringing", "INVITE", "drop-1", 1)
                        .replace("tag=b1", "tag=SCL_x1"))
                .udp(T0 + 10_000_000, CALLER, "192.0.2.9:5060", SipText.request("OPTIONS", "sip:192.0.2.9", "o-1", 1, ""));
        Diagnosis d = diagnose(dropped, "drop.pcap");
        Finding primary = d.primaryFor("drop-1").orElseThrow(() -> new AssertionError(d.findings().toString()));
        assertEquals(FindingCode.LK_SILENT_DROP, primary.code(), d.findings().toString());
        assertTrue(primary.evidence().facts().stream().anyMatch(f -> f.contains("it stopped ringing")),
                primary.evidence().facts().toString());
        // still ringing every second when the capture ends: nothing shows a drop yet
        Captures ringing = Captures.pcap().udp(T0, CALLER, liveKit, invite)
                .udp(T0 + 50_000, liveKit, CALLER, SipText.response(100, "Processing", "INVITE", "drop-1", 1));
        for (int s = 0; s < 10; s++) {
            ringing.udp(T0 + 300_000 + s * 1_000_000L, liveKit, CALLER,
                    SipText.response(180, "Ringing", "INVITE", "drop-1", 1).replace("tag=b1", "tag=SCL_x1"));
        }
        Diagnosis stillRinging = diagnose(ringing, "ringing.pcap");
        assertTrue(stillRinging.withCode(FindingCode.LK_SILENT_DROP).isEmpty(), stillRinging.findings().toString());
    }

    @Test
    void aRequestSentOnceAsTheCaptureEndsIsOnlyAWarning() throws Exception {
        Diagnosis d = diagnose(Captures.pcap()
                .udp(T0, CALLER, "192.0.2.9:5060", SipText.request("OPTIONS", "sip:192.0.2.9", "late-1", 1, "")),
                "late.pcap");
        Finding f = d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE).get(0);
        assertEquals(Severity.WARNING, f.severity(), f.toString());
        assertTrue(f.explanation().contains("a response may have come later"), f.explanation());
    }

    @Test
    void anInviteUnansweredForLessThanItsTimeoutSaysAResponseMayHaveComeLater() throws Exception {
        String invite = SipText.invite("silent-1");
        Finding f = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, invite)
                .udp(T0 + 500_000, CALLER, CALLEE, invite)
                .udp(T0 + 1_500_000, CALLER, CALLEE, invite));
        assertTrue(f.evidence().facts().contains("Sent 3 times; the capture ends 1.5 s after the first"),
                f.evidence().facts().toString());
        assertTrue(f.explanation().contains("before the 32 s its sender waits for an answer (Timer B)"), f.explanation());
        // the same INVITE unanswered for 40 s: the timeout passed, nothing to add about the capture's end
        Finding late = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, invite)
                .udp(T0 + 500_000, CALLER, CALLEE, invite)
                .udp(T0 + 40_000_000, CALLER, "192.0.2.9:5060",
                        SipText.request("OPTIONS", "sip:192.0.2.9", "other-2", 1, "")));
        assertTrue(late.evidence().facts().contains("Sent 2 times; the capture ends 40.0 s after the first"),
                late.evidence().facts().toString());
        assertTrue(!late.explanation().contains("Timer B"), late.explanation());
    }

    @Test
    void forksOfOneInviteToOnePeerCountTheirCopiesEachByItself() throws Exception {
        // a proxy forks one INVITE (one Call-ID and CSeq) to two contacts at the same peer, each fork its own branch,
        // and sends each three times; nothing answers
        String first = SipText.invite("forked-1").replace("+15551234567@sip.example.com", "fork-a@192.0.2.7");
        String second = first.replace("fork-a@", "fork-b@").replace("branch=z9hG4bK-forked-1-1", "branch=z9hG4bK-fork-b");
        Captures capture = Captures.pcap();
        for (int copy = 0; copy < 3; copy++) {
            capture.udp(T0 + copy * 500_000L, CALLER, CALLEE, first).udp(T0 + 100_000 + copy * 500_000L, CALLER, CALLEE, second);
        }
        Diagnosis d = diagnose(capture, "forks.pcap");
        List<Finding> found = d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE);
        assertEquals(2, found.size(), d.findings().toString());
        for (Finding f : found) {
            assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("Sent 3 times;")), f.evidence().facts().toString());
        }
    }

    @Test
    void aPeerThatRangIsReachableAndTheFixSaysSo() throws Exception {
        String invite = SipText.invite("rang-1");
        Finding f = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, invite)
                .udp(T0 + 100_000, CALLEE, CALLER, SipText.response(180, "Ringing", "INVITE", "rang-1", 1)));
        List<String> steps = f.fix().steps();
        assertTrue(steps.stream().noneMatch(s -> s.contains("is reachable from the sender")), steps.toString());
        assertTrue(steps.get(0).startsWith("Capture until the call ends: the capture stops 0.0 s after"), steps.toString());
        assertTrue(steps.get(1).startsWith(CALLEE + " answered 180 Ringing, so it is reachable"), steps.toString());
        // a peer that never answered at all is the one whose reachability is in question
        Finding silent = noFinalResponse(Captures.pcap().udp(T0, CALLER, CALLEE, invite));
        assertEquals(List.of("Check that " + CALLEE + " is reachable from the sender (firewall, security groups, transport"
                + " and port)."), silent.fix().steps());
    }

    @Test
    void aRegisterWithCredentialsCutOffByTheCaptureEndIsNotARejection() throws Exception {
        String registrar = "192.0.2.50:5060";
        String register = SipText.request("REGISTER", "sip:registrar.example", "reg-cut", 1, "");
        String again = SipText.request("REGISTER", "sip:registrar.example", "reg-cut", 2, "")
                .replace("Content-Length", "Authorization: Digest username=\"alice\", realm=\"registrar.example\", "
                        + "nonce=\"n1\", uri=\"sip:registrar.example\", response=\"00\"\r\nContent-Length");
        // the REGISTER with credentials is the capture's last packet, 8 us after the challenge
        Diagnosis d = diagnose(Captures.pcap()
                .udp(T0, CALLER, registrar, register)
                .udp(T0 + 168_000, registrar, CALLER, SipText.response(401, "Unauthorized", "REGISTER", "reg-cut", 1))
                .udp(T0 + 168_008, CALLER, registrar, again), "register-cut.pcap");
        assertTrue(d.withCode(FindingCode.SIP_REGISTER_REJECTED).isEmpty(), d.findings().toString());
        Finding f = d.primaryFor("reg-cut").orElseThrow(() -> new AssertionError(d.findings().toString()));
        assertEquals(FindingCode.SIP_NO_FINAL_RESPONSE, f.code());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("REGISTER to " + registrar + " got no final response", f.title());
        assertTrue(f.evidence().facts().contains("The REGISTER before it was answered 401 Unauthorized (frame 2); this one"
                + " carries credentials"), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("so it is reachable") && f.explanation().contains("a response may have come"
                + " later"), f.explanation());
        assertTrue(f.fix().steps().get(0).startsWith("Capture for longer"), f.fix().steps().toString());
    }

    @Test
    void anEarlierAttemptThatTimedOutShowsTheSilenceBeforeTheCaptureEnds() throws Exception {
        String registrar = "192.0.2.50:5060";
        String first = SipText.request("REGISTER", "sip:registrar.example", "reg-silent", 4, "");
        String next = SipText.request("REGISTER", "sip:registrar.example", "reg-silent", 5, "");
        // CSeq 4 sent three times over 32 s, no answer; CSeq 5 at 40 s, the capture ends 20 s later
        Diagnosis d = diagnose(Captures.pcap()
                .udp(T0, CALLER, registrar, first).udp(T0 + 4_000_000, CALLER, registrar, first)
                .udp(T0 + 32_000_000, CALLER, registrar, first).udp(T0 + 40_000_000, CALLER, registrar, next)
                .udp(T0 + 60_000_000, CALLER, "192.0.2.9:5060", SipText.request("OPTIONS", "sip:192.0.2.9", "other-2", 1,
                        "")), "register-silent.pcap");
        Finding f = d.primaryFor("reg-silent").orElseThrow(() -> new AssertionError(d.findings().toString()));
        assertEquals(FindingCode.SIP_NO_FINAL_RESPONSE, f.code());
        assertEquals(Severity.ERROR, f.severity(), "the capture's end does not leave it open");
        assertTrue(f.evidence().facts().contains("The REGISTER before it (frame 1) was sent 3 times and got no answer in "
                + "the 40.0 s before this one"), f.evidence().facts().toString());
        assertFalse(f.explanation().contains("a response may have come later"), f.explanation());
    }

    @Test
    void aRequestCapturedThreeTimesAtOnceWasSentOnce() throws Exception {
        // a REGISTER seen three times in the same millisecond (three capture agents), the capture over 2 s later
        String register = SipText.request("REGISTER", "sip:192.0.2.7", "reg-1", 1, "");
        Diagnosis d = diagnose(Captures.pcap()
                .udp(T0, CALLER, CALLEE, register)
                .udp(T0 + 50, CALLER, CALLEE, register)
                .udp(T0 + 120, CALLER, CALLEE, register)
                .udp(T0 + 2_000_000, CALLER, "192.0.2.9:5060", SipText.request("OPTIONS", "sip:192.0.2.9", "o-1", 1, "")),
                "copies.pcap");
        Finding f = d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE).stream()
                .filter(x -> x.title().startsWith("REGISTER ")).findFirst().orElseThrow(() -> new AssertionError(d.findings()));
        assertTrue(f.evidence().facts().get(0).endsWith("sent 1 time"), f.evidence().facts().toString());
        assertEquals(Severity.WARNING, f.severity(), "sent once and the capture soon over");
    }
}
