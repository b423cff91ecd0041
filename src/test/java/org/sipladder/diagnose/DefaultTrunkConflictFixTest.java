package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.CALLER;
import static org.sipladder.diagnose.FindingRulesTest.LK_URI;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * The fix of LK_DEFAULT_TRUNK_CONFLICT must be one LiveKit accepts and that works: LiveKit's own conflict check
 * (protocol sip.ValidateTrunksIter, run on every trunk create and update) keys default trunks by allowed_numbers only,
 * and its matching (matchAddrMasks) admits a call whose From host equals an allowed_addresses entry whatever its
 * source address, so allowed_addresses cannot set two default trunks apart.
 */
class DefaultTrunkConflictFixTest {

    /** An SBC that writes its private address into From, listed in one trunk; its NAT's network in the other. */
    private static final String SBC_PRIVATE = "10.9.8.7";

    @Test
    void trunksWhoseAddressListsAreDisjointAreNotToldToMakeThemDisjoint() {
        String invite = SipTexts.invite("call-fromhost", LK_URI, CALLER, JAMBONZ, SipTexts.SDP_G711)
                .replace("From: <sip:" + CALLER + "@" + JAMBONZ, "From: <sip:" + CALLER + "@" + SBC_PRIVATE);
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 503, "Try again later")).flow();
        LiveKitConfig config = config(List.of(trunk("ST_a").addAllowedAddresses(SBC_PRIVATE),
                trunk("ST_b").addAllowedAddresses("198.51.100.0/24")), List.of(rule("SDR_a", "agent")));

        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(flow), config)
                .withCode(FindingCode.LK_DEFAULT_TRUNK_CONFLICT);

        assertEquals(1, found.size(), "the call's conflict is found");
        String steps = String.join("\n", found.get(0).fix().steps());
        assertFalse(steps.contains("allowed_addresses disjoint"), steps);
        assertTrue(steps.contains("From host " + SBC_PRIVATE), "the step names the From host that let the call in: " + steps);
    }

    @Test
    void theSeparationItOffersIsOneLiveKitsConflictCheckAccepts() {
        LiveKitConfig config = config(List.of(trunk("ST_a"), trunk("ST_b")), List.of());

        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(), config)
                .withCode(FindingCode.LK_DEFAULT_TRUNK_CONFLICT);

        assertEquals(1, found.size());
        String steps = String.join("\n", found.get(0).fix().steps());
        assertFalse(steps.contains("allowed_addresses disjoint"), steps);
        assertTrue(steps.contains("allowed_numbers"), "callers set default trunks apart, as LiveKit checks: " + steps);
    }
}
