package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.inDialog;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;

/**
 * A call of a day with an in-dialog INFO every second: each request is matched with the messages of its own CSeq
 * number, not with every message of the call (after the INVITEs, the last check that was quadratic in a long call).
 */
class LongCallRequestsTest {

    private static final String LK_URI = "sip:4991874350352@project-1z3kctsj.sip.livekit.cloud";

    private static CallFlow informed(int count) {
        String invite = SipTexts.invite("call-info", LK_URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        TestCall call = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>",
                        SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, ""));
        for (int cseq = 2; cseq < count + 2; cseq++) {
            String info = inDialog("INFO", cseq, JAMBONZ, "Signal=1\r\nDuration=160\r\n",
                    "Content-Type: application/dtmf-relay");
            call = call.after(1).send(JAMBONZ, LIVEKIT, info).send(LIVEKIT, JAMBONZ, SipTexts.response(info, 200, "OK"));
        }
        return call.flow();
    }

    @Test
    void eachRequestLooksAtItsOwnCseqsMessages() {
        CallFlow flow = informed(1_000);
        long[] looks = new long[1];
        List<DialogRequests> infos = DialogRequests.of(flow, "INFO", looks);
        assertEquals(1_000, infos.size());
        assertTrue(looks[0] <= 5L * flow.messages().size(), looks[0] + " looks for " + flow.messages().size());
        for (DialogRequests r : infos) {
            assertNotNull(r.finalResponse(), r.request().cseqNumber() + " unanswered");
            assertEquals(r.request().cseqNumber(), r.finalResponse().cseqNumber());
            assertEquals(200, r.finalResponse().status());
            assertEquals(1, r.copies());
        }
    }
}
