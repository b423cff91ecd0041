package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A rejection whose Reason names a Q.850 cause of the network beyond the answerer (no route, network out of order,
 * temporary failure, congestion, no circuit, recovery on timer expiry: RFC 3326, RFC 3398) says the answerer took
 * the call and could not pass it on: the fix is its route onward, not its own health.
 */
class NetworkCauseTest {

    private static final String SBC = "198.51.100.20";
    private static final String GATEWAY = "192.0.2.40";
    private static final String INVITE = SipTexts.invite("net-call", "sip:+15559870002@" + GATEWAY, "+15551230001", SBC,
            SipTexts.sdp(SBC, "0 PCMU/8000"));

    private static Finding rejected(int status, String text, String... extra) {
        TestCall call = new TestCall().hop(SBC, Role.SIP_ENDPOINT).hop(GATEWAY, Role.SIP_ENDPOINT)
                .send(SBC, GATEWAY, INVITE).send(GATEWAY, SBC, SipTexts.response(INVITE, status, text, extra));
        return DiagnosisEngine.standard().diagnose(List.of(call.flow()), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
    }

    @Test
    void aBadGatewayNamingNetworkOutOfOrderPointsAtTheRouteOnward() {
        Finding f = rejected(502, "Bad Gateway", "Reason: Q.850;cause=38;text=\"Network out of order\"");
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.explanation().contains("behind " + GATEWAY), f.explanation());
        String step = f.fix().steps().get(0);
        assertTrue(step.contains("onward") && step.contains("cause 38"), step);
    }

    @Test
    void aServiceUnavailableWithoutReasonKeepsTheHealthCheck() {
        Finding f = rejected(503, "Service Unavailable", "Retry-After: 60");
        assertTrue(f.fix().steps().get(0).startsWith("Check the peer's health"), f.fix().toString());
    }
}
