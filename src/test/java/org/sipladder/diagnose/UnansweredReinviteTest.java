package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.sipladder.diagnose.TestCall.CARRIER;
import static org.sipladder.diagnose.TestCall.JAMBONZ;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/** A re-INVITE of an answered call that gets no final response is named a re-INVITE, and does not fail the call. */
class UnansweredReinviteTest {

    private static final String URI = "sip:+4930123456@" + JAMBONZ;

    @Test
    void anUnansweredReInviteIsNamedSoAndLeavesTheCallAnswered() {
        String invite = SipTexts.invite("reinvite-1", URI, "+4917612345678", CARRIER,
                SipTexts.sdp(CARRIER, "0 PCMU/8000"));
        String ok = SipTexts.response(invite, 200, "OK", "Contact: <sip:" + JAMBONZ + ":5060>",
                SipTexts.sdp(JAMBONZ, "0 PCMU/8000"));
        String ack = SipTexts.retry(invite, 1).replace("INVITE " + URI, "ACK sip:" + JAMBONZ + ":5060")
                .replace("CSeq: 1 INVITE", "CSeq: 1 ACK").replace("To: <" + URI + ">", "To: <" + URI + ">;tag=t200");
        String reInvite = SipTexts.retry(invite, 2).replace("INVITE " + URI, "INVITE sip:" + JAMBONZ + ":5060")
                .replace("To: <" + URI + ">", "To: <" + URI + ">;tag=t200").replace("branch=z9hG4bK", "branch=z9hG4bKre");
        CallFlow flow = new TestCall().hop(CARRIER, Role.CARRIER).hop(JAMBONZ, Role.SIP_ENDPOINT)
                .send(CARRIER, JAMBONZ, invite)
                .send(JAMBONZ, CARRIER, ok)
                .send(CARRIER, JAMBONZ, ack)
                .after(5).send(CARRIER, JAMBONZ, reInvite)
                .resend(CARRIER, JAMBONZ, reInvite)
                .resend(CARRIER, JAMBONZ, reInvite).flow();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        List<Finding> silent = d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE);
        assertEquals(1, silent.size(), d.findings().toString());
        assertEquals("re-INVITE to " + JAMBONZ + ":5060 got no final response", silent.get(0).title());
        assertFalse(d.failed(flow), d.findings().toString());
    }
}
