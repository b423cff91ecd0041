package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.junit.jupiter.api.Test;

class OutboundTrunkMatchTest {

    private static SIPOutboundTrunkInfo trunk(String id, String address) {
        return SIPOutboundTrunkInfo.newBuilder().setSipTrunkId(id).setAddress(address).addNumbers("+15105550100").build();
    }

    @Test
    void anAddressWhosePortNoPortCanHoldNamesNoRequest() {
        // "host:99999999999" in a hand-written trunk ended diagnose with an internal error (NumberFormatException)
        SIPOutboundTrunkInfo typo = trunk("ST_typo", "10.0.0.174:99999999999");
        SIPOutboundTrunkInfo right = trunk("ST_right", "10.0.0.174:5080");

        OutboundTrunkMatch match = OutboundTrunkMatch.find(List.of(typo, right), "10.0.0.174", 5080, "10.0.0.174",
                "+15105550100", "", "udp");
        assertEquals("ST_right", match.trunk().getSipTrunkId(), match.reason());

        OutboundTrunkMatch none = OutboundTrunkMatch.find(List.of(typo), "10.0.0.174", 0, "10.0.0.174",
                "+15105550100", "", "udp");
        assertNull(none.trunk(), none.reason());
    }
}
