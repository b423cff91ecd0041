package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.LiveFlows;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * A final response whose top Via branch is another request's (SIPp's UAS answering the INVITE with the PRACK's Via,
 * kamailio passing it on): it matches no client transaction (RFC 3261 17.1.3: branch and CSeq method), so the call's
 * status stayed "no final response" and nothing said why, though the caller took it and ACKed.
 */
class UnmatchedResponseTest {

    /** The codes whose firing and silent cases are here. */
    static final List<FindingCode> CODES = List.of(FindingCode.SIP_RESPONSE_UNMATCHED);
    private static final long T0 = 1_795_011_787_000_000L;
    private static final String CALLER = "10.0.0.1:5060";
    private static final String CALLEE = "192.0.2.7:5060";
    private static final String URI = "sip:+15551234567@sip.example.com";
    private static final String ID = "wrong-via";

    @TempDir
    Path dir;

    private static String inDialog(String text) {
        return text.replace("To: <" + URI + ">\r\n", "To: <" + URI + ">;tag=b1\r\n");
    }

    /** INVITE, 183, PRACK (CSeq 2), its 200, then the INVITE's 200 carrying the PRACK's branch; ACK, BYE. */
    private Path capture(boolean ackAndBye) {
        return capture(ackAndBye, true);
    }

    private Path capture(boolean ackAndBye, boolean wrongBranch) {
        return capture(ackAndBye, wrongBranch, 0);
    }

    /** As above, with {@code infos} INFO requests and their 200s after the PRACK's (matched, each its own branch). */
    private Path capture(boolean ackAndBye, boolean wrongBranch, int infos) {
        String answer = SipText.response(200, "OK", "INVITE", ID, 1)
                .replace("branch=z9hG4bK-" + ID + "-1", "branch=z9hG4bK-" + ID + (wrongBranch ? "-2" : "-1"));
        Captures c = Captures.pcap()
                .udp(T0, CALLER, CALLEE, SipText.invite(ID))
                .udp(T0 + 100_000, CALLEE, CALLER, SipText.response(183, "Session Progress", "INVITE", ID, 1))
                .udp(T0 + 110_000, CALLER, CALLEE, inDialog(SipText.request("PRACK", URI, ID, 2, "")))
                .udp(T0 + 120_000, CALLEE, CALLER, SipText.response(200, "OK", "PRACK", ID, 2));
        for (int i = 0; i < infos; i++) {
            int cseq = 10 + i;
            c.udp(T0 + 200_000 + i * 1_000L, CALLER, CALLEE, inDialog(SipText.request("INFO", URI, ID, cseq, "")))
                    .udp(T0 + 200_500 + i * 1_000L, CALLEE, CALLER, SipText.response(200, "OK", "INFO", ID, cseq));
        }
        c.udp(T0 + 1_000_000, CALLEE, CALLER, answer);
        if (ackAndBye) {
            c.udp(T0 + 1_010_000, CALLER, CALLEE, inDialog(SipText.request("ACK", URI, ID, 1, "")))
                    .udp(T0 + 5_000_000, CALLER, CALLEE, inDialog(SipText.request("BYE", URI, ID, 3, "")))
                    .udp(T0 + 5_010_000, CALLEE, CALLER, SipText.response(200, "OK", "BYE", ID, 3));
        }
        return c.write(dir.resolve("unmatched.pcap"));
    }

    @Test
    void theCallKeepsTheAnswerAndTheFindingNamesWhatItCarries() throws Exception {
        Path file = capture(true);
        List<CallFlow> flows = flows(file);
        assertEquals(1, flows.size());
        assertEquals(200, flows.get(0).finalStatus(), "the caller took the answer and ACKed it");
        Diagnosis d = MediaCase.diagnoseFile(file, LiveKitConfig.empty(), new MediaCollector());
        List<Finding> found = d.withCode(FindingCode.SIP_RESPONSE_UNMATCHED);
        assertEquals(1, found.size(), d.findings().toString());
        Finding f = found.get(0);
        String all = f.title() + " " + f.explanation() + " " + f.evidence().facts();
        assertTrue(all.contains("CSeq 1 INVITE"), all);
        assertTrue(all.contains("z9hG4bK-" + ID + "-2"), all);
        assertTrue(all.contains("PRACK"), "names the request whose branch it carries: " + all);
        assertTrue(f.explanation().contains("ACK"), "says the caller took it: " + f.explanation());
        assertEquals(List.of(5L, 6L), f.evidence().frames().stream().filter(x -> x >= 5).toList());
    }

    @Test
    void withoutAnAckTheFindingIsAnErrorThatSaysTheCallerDroppedIt() throws Exception {
        Diagnosis d = MediaCase.diagnoseFile(capture(false), LiveKitConfig.empty(), new MediaCollector());
        List<Finding> found = d.withCode(FindingCode.SIP_RESPONSE_UNMATCHED);
        assertEquals(1, found.size(), d.findings().toString());
        assertEquals(Severity.ERROR, found.get(0).severity());
    }

    @Test
    void anUnmatchedRefusalIsAWarningBesideTheRefusal() throws Exception {
        String busy = SipText.response(486, "Busy Here", "INVITE", ID, 1)
                .replace("branch=z9hG4bK-" + ID + "-1", "branch=z9hG4bK-" + ID + "-9");
        Path file = Captures.pcap()
                .udp(T0, CALLER, CALLEE, SipText.invite(ID))
                .udp(T0 + 1_000_000, CALLEE, CALLER, busy).write(dir.resolve("busy.pcap"));
        Diagnosis d = MediaCase.diagnoseFile(file, LiveKitConfig.empty(), new MediaCollector());
        List<Finding> found = d.withCode(FindingCode.SIP_RESPONSE_UNMATCHED);
        assertEquals(1, found.size(), d.findings().toString());
        assertEquals(Severity.WARNING, found.get(0).severity());
        assertTrue(found.get(0).explanation().contains("that of no request the capture shows"),
                found.get(0).explanation());
    }

    /** A call of more messages than the check walks through per response is indexed first: the same findings. */
    @Test
    void aLongCallIsJudgedAsAShortOne() throws Exception {
        Diagnosis wrong = MediaCase.diagnoseFile(capture(true, true, 40), LiveKitConfig.empty(), new MediaCollector());
        List<Finding> found = wrong.withCode(FindingCode.SIP_RESPONSE_UNMATCHED);
        assertEquals(1, found.size(), wrong.findings().toString());
        assertTrue(found.get(0).explanation().contains("that of PRACK CSeq 2"), found.get(0).explanation());
        assertEquals(List.of(85L, 86L), found.get(0).evidence().frames().stream().filter(x -> x >= 85).toList());
        Diagnosis right = MediaCase.diagnoseFile(capture(true, false, 40), LiveKitConfig.empty(), new MediaCollector());
        assertTrue(right.withCode(FindingCode.SIP_RESPONSE_UNMATCHED).isEmpty(), right.findings().toString());
    }

    @Test
    void theInvitesOwnBranchIsNoFinding() throws Exception {
        Diagnosis d = MediaCase.diagnoseFile(capture(true, false), LiveKitConfig.empty(), new MediaCollector());
        assertTrue(d.withCode(FindingCode.SIP_RESPONSE_UNMATCHED).isEmpty(), d.findings().toString());
    }

    /** An answered call whose BYE's 200 carries the INVITE's branch; with {@code byeAgain} the caller resends the BYE. */
    private Path byeAnsweredWithTheInvitesBranch(boolean byeAgain) {
        String byeOk = SipText.response(200, "OK", "BYE", ID, 3)
                .replace("branch=z9hG4bK-" + ID + "-3", "branch=z9hG4bK-" + ID + "-1");
        String bye = inDialog(SipText.request("BYE", URI, ID, 3, ""));
        Captures c = Captures.pcap()
                .udp(T0, CALLER, CALLEE, SipText.invite(ID))
                .udp(T0 + 1_000_000, CALLEE, CALLER, inDialog(SipText.response(200, "OK", "INVITE", ID, 1)))
                .udp(T0 + 1_010_000, CALLER, CALLEE, inDialog(SipText.request("ACK", URI, ID, 1, "")))
                .udp(T0 + 5_000_000, CALLER, CALLEE, bye)
                .udp(T0 + 5_010_000, CALLEE, CALLER, byeOk);
        if (byeAgain) {
            c.udp(T0 + 5_500_000, CALLER, CALLEE, bye);
        }
        return c.write(dir.resolve("bye-branch-" + byeAgain + ".pcap"));
    }

    @Test
    void aByesAnswerWithAnotherBranchThatTheCallerTookIsNoFinding() throws Exception {
        // a benchmark generator's 200 to every BYE carried the INVITE's branch: 45,000 warnings about nothing that
        // happened, the caller never sent its BYE again
        Diagnosis d = MediaCase.diagnoseFile(byeAnsweredWithTheInvitesBranch(false), LiveKitConfig.empty(),
                new MediaCollector());
        assertTrue(d.withCode(FindingCode.SIP_RESPONSE_UNMATCHED).isEmpty(), d.findings().toString());
    }

    @Test
    void aByesAnswerWithAnotherBranchIsAFindingWhenTheCallerSendsTheByeAgain() throws Exception {
        Diagnosis d = MediaCase.diagnoseFile(byeAnsweredWithTheInvitesBranch(true), LiveKitConfig.empty(),
                new MediaCollector());
        List<Finding> found = d.withCode(FindingCode.SIP_RESPONSE_UNMATCHED);
        assertEquals(1, found.size(), d.findings().toString());
        assertEquals(Severity.WARNING, found.get(0).severity());
    }

    private static List<CallFlow> flows(Path file) throws Exception {
        LiveFlows flows = new LiveFlows();
        new org.sipladder.capture.CaptureReader().read(file,
                new org.sipladder.sip.ParsingListener(SipParser.Depth.SCAN) {
                    @Override
                    public void prepared(SipMessage m) {
                        flows.add(m);
                    }
                });
        return flows.snapshot();
    }
}
