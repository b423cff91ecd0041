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

/**
 * An in-dialog request after the answer that gets no response at all (RFC 3261 17.1.2.2, Timer F): a warning naming
 * its sendings, and the skipped proxy when it went around the route set; quiet when answered, information at most
 * when the capture ends before its sender gave up.
 */
class InDialogNoResponseTest {

    private static final long T0 = 1_795_011_787_000_000L;
    private static final String CALLER = "203.0.113.10";
    private static final String CALLEE = "198.51.100.20";
    /** Timer E over UDP: 500 ms doubling up to T2 (4 s), eleven sendings in 31.5 s. */
    private static final double[] RESENDS = {0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5};

    @TempDir
    Path dir;

    private static String message(String start, String branch, boolean fromCaller, boolean toTag, String cseq) {
        String caller = "<sip:4930111@" + CALLER + ">;tag=fc";
        String callee = "<sip:4940222@" + CALLEE + ">" + (toTag ? ";tag=tc" : "");
        String via = (fromCaller ? CALLER : CALLEE) + ":5060;branch=z9hG4bK" + branch;
        return start + "\r\nVia: SIP/2.0/UDP " + via + "\r\nMax-Forwards: 70\r\nFrom: " + (fromCaller ? caller : callee)
                + "\r\nTo: " + (fromCaller ? callee : caller) + "\r\nCall-ID: bye-1\r\nCSeq: " + cseq
                + "\r\nContact: <sip:" + (fromCaller ? "4930111@" + CALLER : CALLEE) + ":5060>\r\nContent-Length: 0\r\n\r\n";
    }

    /** An answered call, then the callee's BYE at 10 s sent {@code sendings} times, then another call at {@code endAt}. */
    private Diagnosis byeUnanswered(int sendings, double endAt, boolean answered) throws Exception {
        return byeUnanswered(sendings, endAt, answered, false);
    }

    /** {@code inviteBranch}: the BYE's 200 carries the INVITE's Via branch instead of the BYE's (a faulty stack). */
    private Diagnosis byeUnanswered(int sendings, double endAt, boolean answered, boolean inviteBranch)
            throws Exception {
        String bye = message("BYE sip:4930111@" + CALLER + ":5060 SIP/2.0", "b1", false, true, "5 BYE");
        String invite = message("INVITE sip:4940222@" + CALLEE + " SIP/2.0", "i1", true, false, "1 INVITE");
        Captures c = Captures.pcap().udp(T0, CALLER + ":5060", CALLEE + ":5060", invite)
                .udp(T0 + 1_000_000, CALLEE + ":5060", CALLER + ":5060", SipTexts.response(invite, 200, "OK"))
                .udp(T0 + 1_010_000, CALLER + ":5060", CALLEE + ":5060",
                        message("ACK sip:" + CALLEE + ":5060 SIP/2.0", "a1", true, true, "1 ACK"))
                .udp(T0 + 10_000_000, CALLEE + ":5060", CALLER + ":5060", bye);
        for (int i = 1; i < sendings; i++) {
            c.udp(T0 + 10_000_000 + Math.round(RESENDS[i - 1] * 1e6), CALLEE + ":5060", CALLER + ":5060", bye);
        }
        if (answered) {
            c.udp(T0 + 10_050_000, CALLER + ":5060", CALLEE + ":5060", SipTexts.response(bye, 200, "OK")
                    .replace("branch=z9hG4bKb1", inviteBranch ? "branch=z9hG4bKi1" : "branch=z9hG4bKb1"));
        }
        // the capture's last packet: another call's OPTIONS
        c.udp(T0 + Math.round(endAt * 1e6), CALLER + ":5060", "192.0.2.9:5060",
                message("OPTIONS sip:192.0.2.9 SIP/2.0", "o1", true, false, "1 OPTIONS").replace("bye-1", "other-1"));
        return MediaCase.diagnoseFile(c.write(dir.resolve("bye.pcap")), LiveKitConfig.empty(), new MediaCollector());
    }

    @Test
    void aByeResentElevenTimesAndNeverAnsweredIsAWarningOnAnAnsweredCall() throws Exception {
        Diagnosis d = byeUnanswered(11, 55, false);
        List<Finding> found = d.withCode(FindingCode.SIP_IN_DIALOG_NO_RESPONSE);
        assertEquals(1, found.size(), d.findings().toString());
        Finding f = found.get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("BYE to " + CALLER + ":5060 got no response", f.title());
        String facts = String.join("\n", f.evidence().facts());
        assertTrue(facts.contains("BYE frame 4 from " + CALLEE + ":5060 to " + CALLER + ":5060, sent 11 times over "
                + "31.5 s: no response at all"), facts);
        assertTrue(f.explanation().contains("Timer F"), f.explanation());
        assertFalse(f.fix().steps().isEmpty());
        assertFalse(d.failedAfterAnswer(f.flowId()), "the call was answered and stays so");
    }

    @Test
    void aByeAnswered200IsQuiet() throws Exception {
        Diagnosis d = byeUnanswered(1, 55, true);
        assertTrue(d.withCode(FindingCode.SIP_IN_DIALOG_NO_RESPONSE).isEmpty(), d.findings().toString());
    }

    @Test
    void aByeAnswered200UnderTheInvitesBranchWasAnsweredAllTheSame() throws Exception {
        // the 200 matches no BYE transaction by RFC 3261 17.1.3, but it came back and shows the BYE arrived
        Diagnosis d = byeUnanswered(1, 55, true, true);
        assertTrue(d.withCode(FindingCode.SIP_IN_DIALOG_NO_RESPONSE).isEmpty(), d.findings().toString());
    }

    @Test
    void aByeNearTheCaptureEndIsInformationWhenResentAndQuietWhenSentOnce() throws Exception {
        // resent three times and the capture ends 4 s after the first: its sender was still waiting (Timer F, 32 s)
        List<Finding> resent = byeUnanswered(3, 14, false).withCode(FindingCode.SIP_IN_DIALOG_NO_RESPONSE);
        assertEquals(1, resent.size());
        assertEquals(Severity.INFO, resent.get(0).severity());
        assertTrue(resent.get(0).explanation().contains("a response may have come later"), resent.get(0).explanation());
        // sent once, the capture over 0.3 s later before any resend was due: nothing shows it went unanswered
        assertTrue(byeUnanswered(1, 10.3, false).withCode(FindingCode.SIP_IN_DIALOG_NO_RESPONSE).isEmpty());
    }

    /**
     * An answered call whose callee then sends {@code count} INFOs, 0.5 s apart, each a new CSeq: those up to half way
     * with a number divisible by 5 are answered 200, the others get nothing.
     */
    private Diagnosis infos(int count) throws Exception {
        String invite = message("INVITE sip:4940222@" + CALLEE + " SIP/2.0", "i1", true, false, "1 INVITE");
        Captures c = Captures.pcap().udp(T0, CALLER + ":5060", CALLEE + ":5060", invite)
                .udp(T0 + 1_000_000, CALLEE + ":5060", CALLER + ":5060", SipTexts.response(invite, 200, "OK"))
                .udp(T0 + 1_010_000, CALLER + ":5060", CALLEE + ":5060",
                        message("ACK sip:" + CALLEE + ":5060 SIP/2.0", "a1", true, true, "1 ACK"));
        long at = T0 + 2_000_000;
        for (int i = 1; i <= count; i++, at += 500_000) {
            String info = message("INFO sip:4930111@" + CALLER + ":5060 SIP/2.0", "n" + i, false, true,
                    (10 + i) + " INFO");
            c.udp(at, CALLEE + ":5060", CALLER + ":5060", info);
            if (i <= count / 2 && i % 5 == 0) {
                c.udp(at + 20_000, CALLER + ":5060", CALLEE + ":5060", SipTexts.response(info, 200, "OK"));
            }
        }
        c.udp(at + 60_000_000, CALLER + ":5060", "192.0.2.9:5060",
                message("OPTIONS sip:192.0.2.9 SIP/2.0", "o1", true, false, "1 OPTIONS").replace("bye-1", "other-1"));
        return MediaCase.diagnoseFile(c.write(dir.resolve("infos" + count + ".pcap")), LiveKitConfig.empty(),
                new MediaCollector());
    }

    @Test
    void inALongDialogOnlyTheRequestsAfterTheLastAnsweredOneAreUnansweredAsInAShortOne() throws Exception {
        // 40 INFOs are walked, 200 are looked up in tables made once per list (InDialogNoResponseCheck.WALKED):
        // the same rule either way, an INFO answered later by the same sender covers the silent ones before it
        for (int count : new int[] {40, 200}) {
            List<Finding> found = infos(count).withCode(FindingCode.SIP_IN_DIALOG_NO_RESPONSE);
            assertEquals(count - count / 2, found.size(), count + " INFOs: " + found);
            for (Finding f : found) {
                assertTrue(f.evidence().frames().get(0) > 3 + count / 2 + count / 10, count + ": " + f.evidence());
            }
        }
    }
}
