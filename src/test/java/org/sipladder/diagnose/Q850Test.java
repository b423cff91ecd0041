package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.SipMessage;

class Q850Test {

    /** A context of no call: the Reason header is read back from each message built in code. */
    private static final DiagnosisContext CONTEXT = new DiagnosisContext(List.of(), LiveKitConfig.empty(), List.of());

    @Test
    void aReasonNamingAQ850CauseIsTold() {
        assertEquals("Q.850 cause 21: call rejected", Q850.meaning("Q.850;cause=21;text=\"Call rejected\""));
        assertEquals("Q.850 cause 17: user busy", Q850.meaning("q.850 ; cause = 17"));
        assertNull(Q850.meaning("SIP;cause=480;text=\"Temporarily Unavailable\""), "a SIP cause is no Q.850 cause");
        assertNull(Q850.meaning("Q.850;cause=250"), "unknown");
        assertNull(Q850.meaning("Q.850;text=\"x\""));
    }

    @Test
    void theCalleesOutcomeIsReadFromAnyRejectionButAChallengeOrRefusalOfTheCaller() {
        String invite = SipTexts.invite("q850", "sip:+4930123456@" + TestCall.JAMBONZ, "+4917612345678",
                TestCall.CARRIER, "");
        for (int status : new int[] {401, 403, 407}) {
            // RFC 3398 maps these to cause 21 as well: there "call rejected" is the answerer's decision
            assertNull(Q850.calleeOutcome(CONTEXT, answer(invite, status, "Q.850;cause=21")), Integer.toString(status));
        }
        assertEquals("Q.850 cause 21: call rejected", Q850.calleeOutcome(CONTEXT, answer(invite, 603, "Q.850;cause=21")));
        assertEquals("Q.850 cause 19: no answer from user (user alerted)",
                Q850.calleeOutcome(CONTEXT, answer(invite, 480, "Q.850;cause=19")));
        assertNull(Q850.calleeOutcome(CONTEXT, answer(invite, 480, "Q.850;cause=3")), "no route is no callee's outcome");
        assertNull(Q850.calleeOutcome(CONTEXT, TestCall.parse(2, 0, new Endpoint(TestCall.JAMBONZ, 5060),
                new Endpoint(TestCall.CARRIER, 5060), SipTexts.response(invite, 480, "Temporarily Unavailable"))));
    }

    private static SipMessage answer(String invite, int status, String reason) {
        return TestCall.parse(2, 0, new Endpoint(TestCall.JAMBONZ, 5060), new Endpoint(TestCall.CARRIER, 5060),
                SipTexts.response(invite, status, "Rejected", "Reason: " + reason));
    }
}
