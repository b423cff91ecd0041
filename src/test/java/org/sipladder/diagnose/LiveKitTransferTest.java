package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A transfer LiveKit starts (REFER, then NOTIFYs with message/sipfrag) judged as LiveKit judges it (livekit/sip
 * pkg/sip/protocol.go, sendRefer and handleReferNotify): REFER accepted on 200 or 202 only; a sipfrag of 1xx is still
 * trying, exactly 200 is success, anything else fails the transfer, and the first that is not 1xx decides.
 */
class LiveKitTransferTest {

    @ParameterizedTest(name = "REFER {0}, NOTIFY {1}")
    @CsvSource(delimiter = '|', value = {
        "202 Accepted | SIP/2.0 100 Trying;SIP/2.0 202 Accepted | the NOTIFY reports 202 Accepted from the transfer target, and LiveKit takes only 'SIP/2.0 200' as success",
        "202 Accepted | SIP/2.0 180 Ringing;SIP/2.0 204 No Content | the NOTIFY reports 204 No Content",
        "200 OK       | SIP/2.0 183 Session Progress;SIP/2.0 299 Whatever | the NOTIFY reports 299 Whatever",
        "204 No Content | SIP/2.0 200 OK | the REFER was answered 204 No Content, and LiveKit takes only 200 or 202 as accepted",
        "202 Accepted | SIP/2.0 200 | LiveKit cannot read the NOTIFY's sipfrag \"SIP/2.0 200\""})
    void aTransferLiveKitCountsAsFailedIsReportedAsSuch(String referAnswer, String frags, String outcome) {
        CallFlow flow = FindingRulesTest.liveKitTransfer(referAnswer.trim(), sipfrags(frags));

        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_TRANSFER_FAILED);

        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).title().contains(outcome.trim()), found.get(0).title());
        assertTrue(found.get(0).fix().steps().stream().anyMatch(s -> s.contains("'SIP/2.0 200 OK'")), found.get(0).fix().toString());
    }

    @Test
    void theFirstSipfragThatIsNotProvisionalDecidesForLiveKit() {
        // LiveKit takes the 200 as success and stops listening: a later NOTIFY does not undo the transfer
        CallFlow flow = FindingRulesTest.liveKitTransfer("202 Accepted", "SIP/2.0 100 Trying\r\n", "SIP/2.0 200 OK\r\n",
                "SIP/2.0 487 Request Terminated\r\n");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        assertTrue(d.withCode(FindingCode.SIP_TRANSFER_FAILED).isEmpty(), d.findings().toString());
    }

    @Test
    void aReferSentToLiveKitIsExplainedAsOneLiveKitNeverTakes() {
        // livekit/sip has no REFER handler: OnNoRoute answers 405; only its own TransferSIPParticipant sends REFER
        String invite = SipTexts.invite("call-mid", FindingRulesTest.LK_URI, FindingRulesTest.CALLER, TestCall.JAMBONZ,
                SipTexts.SDP_G711);
        String refer = FindingRulesTest.inDialog("REFER", 2, TestCall.JAMBONZ, "", "Refer-To: <sip:+4930555@carrier>");
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 200, "OK",
                        SipTexts.sdp(TestCall.LIVEKIT, "8 PCMA/8000")))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, FindingRulesTest.inDialog("ACK", 1, TestCall.JAMBONZ, ""))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, refer)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(refer, 405, "Method Not Allowed")).flow();

        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_TRANSFER_FAILED);

        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertTrue(f.explanation().startsWith("LiveKit SIP takes no REFER"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("TransferSIPParticipant"), f.fix().steps().toString());
    }

    @ParameterizedTest(name = "REFER {0}, NOTIFY {1}")
    @CsvSource(delimiter = '|', value = {
        "403 Forbidden          |                                   | WARNING | enable call transfer (SIP REFER) on the trunk or account",
        "405 Method Not Allowed |                                   | WARNING | does not take REFER on this trunk",
        "501 Not Implemented    |                                   | WARNING | does not implement REFER",
        "202 Accepted | SIP/2.0 100 Trying;SIP/2.0 486 Busy Here    | INFO  | was busy: nothing is broken in signalling",
        "202 Accepted | SIP/2.0 603 Decline                         | INFO  | declined: nothing is broken in signalling",
        "202 Accepted | SIP/2.0 404 Not Found                       | WARNING | write the Refer-To target as the provider routes it",
        "202 Accepted | SIP/2.0 503 Service Unavailable             | WARNING | its route to the target"})
    void aFailedTransferIsFixedWhereItFailed(String referAnswer, String frags, String severity, String step) {
        // a refused REFER is the provider's transfer setting; a NOTIFY's failure is the target's call, which LiveKit's
        // REFER got through to: the REFER-support advice and the 'SIP/2.0 200 OK' rule do not apply there; the call
        // itself stays up with the agent (RFC 3515 2.4.5), answered and not failed: a warning at most
        CallFlow flow = FindingRulesTest.liveKitTransfer(referAnswer.trim(), frags == null ? new String[0] : sipfrags(frags));

        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_TRANSFER_FAILED);

        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals(Severity.valueOf(severity.trim()), f.severity());
        assertTrue(f.fix().steps().get(0).contains(step.trim()), f.fix().steps().toString());
        assertTrue(f.fix().steps().stream().noneMatch(s -> s.contains("'SIP/2.0 200 OK'")), f.fix().steps().toString());
        assertEquals(frags == null, f.fix().steps().stream().anyMatch(s -> s.contains("CreateSIPParticipant")),
                f.fix().steps().toString());
    }

    @ParameterizedTest(name = "NOTIFY {0}")
    @CsvSource(delimiter = '|', value = {"''", "SIP/2.0 100 Trying"})
    void aReferAcceptedButNeverDecidedFailsWhenLiveKitsWaitRunsOut(String frags) {
        // TransferCall waits on referDone, which only a NOTIFY fills, for TransferSIPParticipant's 30 s default
        // ringing timeout; the call going on past it means "refer canceled" and the caller left with the agent
        String[] notifies = frags.isEmpty() ? new String[0] : sipfrags(frags);
        CallFlow flow = FindingRulesTest.liveKitTransferCall("202 Accepted", notifies).after(40)
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, FindingRulesTest.inDialog("BYE", 3 + notifies.length,
                        TestCall.JAMBONZ, "")).flow();

        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_TRANSFER_FAILED);

        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        // the caller stayed with the agent until its BYE: the call did not fail
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.title().contains("no NOTIFY reported the outcome within LiveKit's 30 s wait"), f.title());
        assertTrue(f.explanation().contains("refer canceled") && f.explanation().contains("RFC 3515"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("message/sipfrag"), f.fix().steps().toString());
        long bye = flow.messages().get(flow.messages().size() - 1).message().frame();
        assertEquals(List.of(4L, 5L), f.evidence().frames().subList(0, 2), f.evidence().toString());
        assertTrue(f.evidence().frames().contains(bye), f.evidence().toString());
    }

    @Test
    void aCallThatEndsWithinLiveKitsWaitEndsTheTransferWithoutFailure() {
        // TransferCall returns nil on callDone: a peer that transfers and hangs up without NOTIFY fails nothing
        CallFlow flow = FindingRulesTest.liveKitTransferCall("202 Accepted").after(5)
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, FindingRulesTest.inDialog("BYE", 3, TestCall.JAMBONZ, ""))
                .flow();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        assertTrue(d.withCode(FindingCode.SIP_TRANSFER_FAILED).isEmpty(), d.findings().toString());
    }

    @Test
    void aCaptureThatEndsWithinLiveKitsWaitCannotTellWhatEndedIt() {
        CallFlow flow = FindingRulesTest.liveKitTransfer("202 Accepted");

        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_TRANSFER_FAILED);

        assertEquals(1, found.size(), found.toString());
        assertEquals(Severity.WARNING, found.get(0).severity());
        assertTrue(found.get(0).explanation().contains("cannot tell whether the call ended first"),
                found.get(0).explanation());
    }

    private static String[] sipfrags(String frags) {
        String[] lines = frags.trim().split(";");
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].trim() + "\r\n";
        }
        return lines;
    }
}
