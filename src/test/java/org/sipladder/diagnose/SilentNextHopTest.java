package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestCall.CARRIER;
import static org.sipladder.diagnose.TestCall.JAMBONZ;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A B2BUA whose next hop rang and then fell silent cancels its leg and answers the caller itself (Jambonz: 480 with
 * X-Reason "dial failure: timeout"): that answer follows from the silence, which has its own error finding, and is no
 * second error. The B2BUA here sends its leg from another address of its own (IPv4 toward the carrier, IPv6 toward
 * LiveKit).
 */
class SilentNextHopTest {

    private static final String JAMBONZ_V6 = "2001:db8:20::20";
    private static final String LIVEKIT_V6 = "2001:db8:50::50";

    private static CallFlow givenUpOnSilentLiveKit() {
        String aInvite = SipTexts.invite("a-leg", "sip:+4930123456@" + JAMBONZ, "+4917612345678", CARRIER,
                SipTexts.SDP_G711);
        String bInvite = SipTexts.invite("b-leg", "sip:+4930123456@[" + LIVEKIT_V6 + "]", "+4917612345678",
                "[" + JAMBONZ_V6 + "]", SipTexts.SDP_G711, "X-CID: a-leg");
        return new TestCall().hop(CARRIER, Role.CARRIER).hop(JAMBONZ, Role.JAMBONZ).hop(JAMBONZ_V6, Role.JAMBONZ)
                .hop(LIVEKIT_V6, Role.LIVEKIT)
                .send(CARRIER, JAMBONZ, aInvite)
                .send(JAMBONZ, CARRIER, SipTexts.response(aInvite, 100, "Trying"))
                .send(JAMBONZ_V6, LIVEKIT_V6, bInvite)
                .send(LIVEKIT_V6, JAMBONZ_V6, SipTexts.response(bInvite, 100, "Processing"))
                .send(LIVEKIT_V6, JAMBONZ_V6, SipTexts.response(bInvite, 180, "Ringing"))
                .send(JAMBONZ, CARRIER, SipTexts.response(aInvite, 180, "Ringing"))
                .after(30).send(JAMBONZ_V6, LIVEKIT_V6, SipTexts.cancel(bInvite))
                .send(LIVEKIT_V6, JAMBONZ_V6, SipTexts.response(SipTexts.cancel(bInvite), 481,
                        "Call/Transaction Does Not Exist"))
                .send(JAMBONZ, CARRIER, SipTexts.response(aInvite, 480, "Temporarily Unavailable",
                        "X-Reason: dial failure: timeout"))
                .flow();
    }

    @Test
    void theB2buasOwnAnswerAfterItsNextHopFellSilentIsAWarningNamingThatHop() {
        CallFlow flow = givenUpOnSilentLiveKit();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        Finding rejected = d.withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertEquals(Severity.WARNING, rejected.severity());
        assertEquals(JAMBONZ + " rejected the call with 480 Temporarily Unavailable after its INVITE to [" + LIVEKIT_V6
                + "]:5060 got no final response", rejected.title());
        assertTrue(rejected.evidence().frames().contains(3L), rejected.evidence().frames().toString());
        assertTrue(rejected.fix().steps().get(0).startsWith("Find out why [" + LIVEKIT_V6 + "]:5060 gave no final "
                + "answer to the INVITE of frame 3"), rejected.fix().toString());
        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertNotEquals(FindingCode.SIP_CALL_REJECTED, primary.code());
        assertEquals(Severity.ERROR, primary.severity());
    }
}
