package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A 482 Loop Detected (RFC 3261 16.3 step 4, 8.2.2.2) is explained as a routing loop, naming the hops the request
 * visited twice, in SIP_CALL_REJECTED and SIP_REQUEST_REJECTED alike.
 */
class LoopDetectedTest {

    private static final String CARRIER = TestCall.CARRIER;
    private static final String SBC = "198.51.100.20";
    private static final String PROXY = "198.51.100.30";

    /** {@code request} with {@code host}'s Via on top and Max-Forwards one lower, as a proxy passes it on. */
    private static String forwarded(String request, String host, int hop) {
        return request.replaceFirst("Via: ", "Via: SIP/2.0/UDP " + host + ":5060;branch=z9hG4bKloop" + hop
                + "\r\nVia: ").replace("Max-Forwards: 70", "Max-Forwards: " + (70 - hop));
    }

    /** The response to {@code request} with its top Via removed, as the proxy that added it passes it back. */
    private static String relayed(String response) {
        return response.replaceFirst("Via: [^\r]*\r\n", "");
    }

    private static Finding only(Diagnosis d, FindingCode code) {
        List<Finding> found = d.withCode(code);
        assertEquals(1, found.size(), d.findings().stream().map(f -> f.code() + " " + f.title()).toList().toString());
        return found.get(0);
    }

    @Test
    void aCallTheSbcAndAProxyRouteToEachOtherIsExplainedAsALoopNamingTheSbc() {
        String invite = SipTexts.invite("call-loop", "sip:+4930111111@" + SBC, "+4989123456", CARRIER, SipTexts.SDP_G711);
        String toProxy = forwarded(invite, SBC, 1);
        String back = forwarded(toProxy, PROXY, 2);
        String loop = SipTexts.response(back, 482, "Loop Detected");
        String toSbc = relayed(loop);
        String toCarrier = relayed(toSbc);
        CallFlow flow = new TestCall().hop(CARRIER, Role.CARRIER).hop(SBC, Role.PROXY).hop(PROXY, Role.PROXY)
                .send(CARRIER, SBC, invite).send(SBC, PROXY, toProxy).send(PROXY, SBC, back)
                .send(SBC, PROXY, loop).send(PROXY, SBC, toSbc).send(SBC, CARRIER, toCarrier).flow();

        Finding f = only(DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty()),
                FindingCode.SIP_CALL_REJECTED);

        assertTrue(f.explanation().contains("routing loop") && f.explanation().contains("16.3"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("route or dial plan")
                && f.fix().steps().get(0).contains("Via"), f.fix().steps().toString());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("came back to a hop it had passed: its Via headers already name " + SBC)),
                f.evidence().facts().toString());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith(SBC + " received this INVITE")
                && x.contains("2 times")), f.evidence().facts().toString());
    }

    @Test
    void aSubscribeThatLoopsIsExplainedAsALoop() {
        String subscribe = "SUBSCRIBE sip:alice@" + PROXY + " SIP/2.0\r\nVia: SIP/2.0/UDP " + CARRIER
                + ":5060;branch=z9hG4bKsub1\r\nMax-Forwards: 70\r\nFrom: <sip:alice@example.org>;tag=s1\r\n"
                + "To: <sip:alice@example.org>\r\nCall-ID: sub-482\r\nCSeq: 1 SUBSCRIBE\r\nEvent: presence\r\n"
                + "Expires: 600\r\nContent-Length: 0\r\n\r\n";
        String back = forwarded(forwarded(subscribe, PROXY, 1), SBC, 2);
        String loop = SipTexts.response(back, 482, "Loop Detected");
        CallFlow flow = new TestCall().hop(CARRIER, Role.SIP_ENDPOINT).hop(PROXY, Role.PROXY).hop(SBC, Role.PROXY)
                .send(CARRIER, PROXY, subscribe).send(PROXY, SBC, forwarded(subscribe, PROXY, 1))
                .send(SBC, PROXY, back).send(PROXY, SBC, loop).send(SBC, PROXY, relayed(loop))
                .send(PROXY, CARRIER, relayed(relayed(loop))).flow();

        Finding f = only(DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty()),
                FindingCode.SIP_REQUEST_REJECTED);

        assertTrue(f.explanation().contains("routing loop"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("route or dial plan"), f.fix().steps().toString());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("its Via headers already name " + PROXY)),
                f.evidence().facts().toString());
    }
}
