package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestCall.CARRIER;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/**
 * An INVITE nothing answers, sent to an address nothing names as LiveKit (a Request-URI with an IP, no answer to
 * tell): when a loaded LiveKit trunk lists its called number, the finding says it was most likely meant for LiveKit
 * SIP and what LiveKit SIP listens on.
 */
class UnnamedLiveKitTest {

    private static final String SOMEWHERE = "198.51.100.77";
    private static final String DID = "+4930123456";

    private static CallFlow unanswered() {
        String invite = SipTexts.invite("b-leg", "sip:" + DID + "@" + SOMEWHERE, "+4917612345678", JAMBONZ,
                SipTexts.SDP_G711);
        return new TestCall().hop(CARRIER, Role.CARRIER).hop(JAMBONZ, Role.JAMBONZ)
                .send(JAMBONZ, SOMEWHERE, invite).resend(JAMBONZ, SOMEWHERE, invite).resend(JAMBONZ, SOMEWHERE, invite)
                .flow();
    }

    @Test
    void aTrunkListingTheCalledNumberSaysTheInviteWasMeantForLiveKit() {
        LiveKitConfig listing = config(List.of(trunk("ST_a", "4930123456")), List.of(rule("SDR_a", "agent", "ST_a")));
        Finding f = DiagnosisEngine.standard().diagnose(List.of(unanswered()), listing)
                .withCode(FindingCode.SIP_NO_FINAL_RESPONSE).get(0);
        assertTrue(f.evidence().facts().contains("Trunk ST_a of the loaded LiveKit config lists the called number "
                + DID + ": the INVITE was most likely meant for LiveKit SIP"), f.evidence().facts().toString());
        assertEquals(2, f.fix().steps().size(), f.fix().steps().toString());
        assertTrue(f.fix().steps().get(1).contains("5060 (UDP and TCP; 5061 for TLS)"), f.fix().steps().toString());

        // another number, or no config: nothing said of LiveKit
        for (LiveKitConfig other : List.of(LiveKitConfig.empty(),
                config(List.of(trunk("ST_b", "+4940999999")), List.of(rule("SDR_b", "agent", "ST_b"))))) {
            Finding g = DiagnosisEngine.standard().diagnose(List.of(unanswered()), other)
                    .withCode(FindingCode.SIP_NO_FINAL_RESPONSE).get(0);
            assertFalse(String.join(" ", g.evidence().facts()).contains("LiveKit"), g.evidence().facts().toString());
            assertEquals(1, g.fix().steps().size(), g.fix().steps().toString());
        }
    }
}
