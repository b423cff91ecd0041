package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A SIP proxy (Kamailio) between Jambonz and LiveKit: LiveKit matches allowed_addresses against the proxy's address,
 * the packet source it receives from, so a trunk that allows Jambonz's takes no call, and the finding says why.
 */
class ProxySourceTest {

    private static final String DID = "+4930123456";
    private static final String JAMBONZ = "198.51.100.20";
    private static final String PROXY = "198.51.100.30";

    @Test
    void aTrunkAllowingTheHostBehindTheProxyIsSkippedAndTheFindingNamesTheProxy() {
        String aInvite = SipTexts.invite("a-leg", "sip:" + DID + "@" + JAMBONZ, "+4917612345678", TestCall.CARRIER,
                SipTexts.SDP_G711);
        String bInvite = SipTexts.invite("b-leg", "sip:" + DID + "@p1.sip.livekit.cloud", "+4917612345678", JAMBONZ,
                SipTexts.SDP_G711, "X-CID: a-leg").replace("@" + JAMBONZ + ">;tag", "@localhost>;tag");
        String relayed = bInvite.replaceFirst("Via: ", "Via: SIP/2.0/UDP " + PROXY + ":5060;branch=z9hG4bKkam1\r\nVia: ");
        CallFlow flow = new TestCall().hop(TestCall.CARRIER, Role.CARRIER).hop(JAMBONZ, Role.JAMBONZ)
                .hop(PROXY, Role.PROXY).hop(TestCall.LIVEKIT, Role.LIVEKIT)
                .send(TestCall.CARRIER, JAMBONZ, aInvite)
                .send(JAMBONZ, PROXY, bInvite)
                .send(PROXY, TestCall.LIVEKIT, relayed)
                .send(TestCall.LIVEKIT, PROXY, SipTexts.response(relayed, 100, "Processing"))
                .send(TestCall.LIVEKIT, PROXY, SipTexts.response(relayed, 404, "No trunk found"))
                .send(PROXY, JAMBONZ, SipTexts.response(bInvite, 404, "No trunk found"))
                .send(JAMBONZ, TestCall.CARRIER, SipTexts.response(aInvite, 480, "Temporarily Unavailable"))
                .flow();
        LiveKitConfig config = TestConfig.config(
                List.of(TestConfig.trunk("ST_in", DID).addAllAllowedAddresses(List.of(JAMBONZ))),
                List.of(TestConfig.rule("SDR_main", "support-agent", "ST_in")));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), config);

        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.LK_SOURCE_NOT_ALLOWED, primary.code());
        assertTrue(primary.title().endsWith("does not allow source " + PROXY), primary.title());
        assertTrue(primary.evidence().facts().stream().anyMatch(f -> f.contains(PROXY + " is a SIP proxy: it passed on "
                + "the INVITE " + JAMBONZ + " sent it (frame 2)")), primary.evidence().facts().toString());
        assertTrue(primary.fix().steps().get(0).contains("the SIP proxy " + PROXY + " in front of it, not " + JAMBONZ
                + " behind the proxy, which the trunk allows"), primary.fix().steps().toString());
        assertTrue(primary.fix().json().contains("[\"" + JAMBONZ + "\", \"" + PROXY + "\"]"), primary.fix().json());
    }
}
