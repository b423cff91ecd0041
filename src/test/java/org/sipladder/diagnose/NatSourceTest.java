package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.LiveKitConfig;

/**
 * Jambonz on a private address sends to LiveKit Cloud's public one, and LiveKit's answer names no Via received=: LiveKit
 * saw the NAT's public address, so a trunk that allows only the private address captured never takes the call. (A
 * private entry that LiveKit did take a call through, with no NAT between, stays allowed: FindingRulesTest.)
 */
class NatSourceTest {

    private static final String DID = "+4930123456";

    /** The B-leg INVITE from the private Jambonz address (From host localhost) refused 404 No trunk found. */
    private static CallFlow refusedNoTrunk() {
        String aInvite = SipTexts.invite("a-leg", "sip:" + DID + "@" + TestCall.JAMBONZ, "+4917612345678", TestCall.CARRIER,
                SipTexts.SDP_G711);
        String bInvite = SipTexts.invite("b-leg", "sip:" + DID + "@p1.sip.livekit.cloud", "+4917612345678",
                TestCall.JAMBONZ, SipTexts.SDP_G711, "X-CID: a-leg")
                .replace("@" + TestCall.JAMBONZ + ">;tag", "@localhost>;tag");
        return TestCall.carrierJambonzLiveKit()
                .send(TestCall.CARRIER, TestCall.JAMBONZ, aInvite)
                .send(TestCall.JAMBONZ, TestCall.CARRIER, SipTexts.response(aInvite, 100, "Trying"))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, bInvite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(bInvite, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(bInvite, 404, "No trunk found"))
                .send(TestCall.JAMBONZ, TestCall.CARRIER, SipTexts.response(aInvite, 480, "Temporarily Unavailable"))
                .flow();
    }

    private static LiveKitConfig allowing(String... addresses) {
        return TestConfig.config(List.of(TestConfig.trunk("ST_in", DID).addAllAllowedAddresses(List.of(addresses))),
                List.of(TestConfig.rule("SDR_main", "support-agent", "ST_in")));
    }

    @Test
    void aTrunkAllowingOnlyThePrivateSourceIsSkippedAndTheFixAsksForThePublicAddress() {
        CallFlow flow = refusedNoTrunk();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), allowing(TestCall.JAMBONZ));

        assertEquals(Consistency.CONSISTENT, d.routings().get(0).consistency(), d.routings().get(0).summary());
        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.LK_SOURCE_NOT_ALLOWED, primary.code());
        assertTrue(primary.evidence().facts().get(0).contains("the public address of the NAT in front of "
                + TestCall.JAMBONZ), primary.evidence().facts().toString());
        assertTrue(primary.fix().json().contains("\"allowedAddresses\": [\"NAT_PUBLIC_IP\"]"), primary.fix().json());
        assertFalse(primary.fix().json().contains(TestCall.JAMBONZ), "the private entry never matches: "
                + primary.fix().json());
    }

    @Test
    void aTrunkAllowingOnlyAnotherPublicAddressRefusesTheNatsAddressNotThePrivateOne() {
        // the simulation with the captured private source agrees with LiveKit's 404 already; LiveKit still saw the
        // NAT's public address, which the public entry does not hold (its answer shows it), never the private one
        CallFlow flow = refusedNoTrunk();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), allowing("198.51.100.77"));

        assertEquals(Consistency.CONSISTENT, d.routings().get(0).consistency(), d.routings().get(0).summary());
        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.LK_SOURCE_NOT_ALLOWED, primary.code());
        assertTrue(primary.title().endsWith("does not allow the NAT's public address"), primary.title());
        assertTrue(primary.evidence().facts().get(0).contains("the public address of the NAT in front of "
                + TestCall.JAMBONZ), primary.evidence().facts().toString());
        assertTrue(primary.fix().json().contains("\"allowedAddresses\": [\"198.51.100.77\", \"NAT_PUBLIC_IP\"]"),
                primary.fix().json());
        assertFalse(primary.fix().json().contains(TestCall.JAMBONZ), "LiveKit never sees the private address: "
                + primary.fix().json());
    }

    @Test
    void aTrunkAllowingThePrivateSourceAndAPublicAddressRefusedTheNatsAddress() {
        // the private entry would take the call and the public one might hold the NAT's address; LiveKit's 404 shows
        // that it does not: consistent, and the fix keeps the public entry and puts the NAT's in place of the private
        CallFlow flow = refusedNoTrunk();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), allowing(TestCall.JAMBONZ, "198.51.100.77"));

        assertEquals(Consistency.CONSISTENT, d.routings().get(0).consistency(), d.routings().get(0).summary());
        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.LK_SOURCE_NOT_ALLOWED, primary.code());
        assertTrue(primary.title().endsWith("does not allow the NAT's public address"), primary.title());
        assertTrue(String.join(" ", d.routings().get(0).outcome().reasoning()).contains("public entries hold other addresses"),
                d.routings().get(0).outcome().reasoning().toString());
        assertTrue(primary.fix().json().contains("\"allowedAddresses\": [\"198.51.100.77\", \"NAT_PUBLIC_IP\"]"),
                primary.fix().json());
        assertFalse(primary.fix().json().contains(TestCall.JAMBONZ), "the private entry never matches: "
                + primary.fix().json());
    }
}
