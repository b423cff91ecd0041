package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.StatusLine;
import org.sipladder.sip.SipMessage;

/** Paths longer than carrier -> Jambonz -> LiveKit, through the real flow builder (hop roles from the messages). */
class MultiHopTest {

    static final String CARRIER = TestCall.CARRIER;
    static final String SBC = TestCall.JAMBONZ;
    static final String PROXY = "10.9.0.5";
    static final String LIVEKIT = TestCall.LIVEKIT;
    private static final String LK_URI = "sip:4991874350352@project-1z3kctsj.sip.livekit.cloud";

    /** carrier -> SBC (a B2BUA) -> proxy -> LiveKit; LiveKit answers {@code status}, the SBC tells the carrier 603. */
    static List<CallFlow> fourHops(int status, String reason) {
        List<SipMessage> messages = new ArrayList<>();
        String aLeg = SipTexts.invite("a-leg-1", "sip:91874350352@" + SBC, "+493023125417", CARRIER, SipTexts.SDP_G711);
        String bLeg = SipTexts.invite("b-leg-1", LK_URI, "+493023125417", SBC, SipTexts.SDP_G711, "X-CID: a-leg-1");
        String proxied = bLeg.replaceFirst("Via: ", "Via: SIP/2.0/UDP " + PROXY + ":5060;branch=z9hG4bKpx1\r\nVia: ")
                .replace("Max-Forwards: 70", "Max-Forwards: 69");
        add(messages, CARRIER, SBC, aLeg);
        add(messages, SBC, CARRIER, SipTexts.response(aLeg, 100, "Trying"));
        add(messages, SBC, PROXY, bLeg);
        add(messages, PROXY, SBC, SipTexts.response(bLeg, 100, "Trying"));
        add(messages, PROXY, LIVEKIT, proxied);
        add(messages, LIVEKIT, PROXY, SipTexts.response(proxied, 100, "Processing"));
        add(messages, LIVEKIT, PROXY, scl(SipTexts.response(proxied, status, reason)));
        add(messages, PROXY, SBC, scl(SipTexts.response(bLeg, status, reason)));
        add(messages, SBC, CARRIER, SipTexts.response(aLeg, 603, "Decline"));
        return new FlowBuilder().build(messages);
    }

    private static String scl(String response) {
        return response.replaceFirst(";tag=t(\\d+)", ";tag=SCL_9f2c$1");
    }

    private static void add(List<SipMessage> messages, String src, String dst, String text) {
        long frame = messages.size() + 1;
        messages.add(TestCall.parse(frame, 1_795_011_787_000_000L + frame * 20_000, new Endpoint(src, 5060),
                new Endpoint(dst, 5060), text));
    }

    @Test
    void theInviteLiveKitReceivedIsSimulatedWithTheProxyAsSource() {
        List<CallFlow> flows = fourHops(503, "Try again later");
        assertEquals(1, flows.size(), "the legs are joined by X-CID");

        Diagnosis d = DiagnosisEngine.standard().diagnose(flows, TestConfig.seed());

        assertEquals(1, d.routings().size(), d.routings().toString());
        LiveKitRouting r = d.routings().get(0);
        assertEquals(PROXY, r.transaction().request().src().address());
        assertEquals(LIVEKIT, r.transaction().request().dst().address());
        assertEquals(PROXY, r.invite().sourceIp());
        assertEquals(List.of(new StatusLine(100, "Processing"), new StatusLine(503, "Try again later")), r.observed(),
                "the proxy's 100 Trying and relayed 503 are not LiveKit's");
        assertEquals(Consistency.CONSISTENT, r.consistency());
        assertEquals(FindingCode.LK_TRUNK_CONFLICT, d.primaryFor(flows.get(0).id()).orElseThrow().code());
    }

    @Test
    void aCallerWhoCancelsWhileLiveKitRingsStartedTheFailureNotLiveKit() {
        // carrier -> Jambonz -> LiveKit: LiveKit rings, the caller gives up, Jambonz passes the CANCEL on, both
        // sides end with 487: nothing failed further down the path
        List<SipMessage> messages = new ArrayList<>();
        String aLeg = SipTexts.invite("a-leg-2", "sip:91874350352@" + SBC, "+493023125417", CARRIER, SipTexts.SDP_G711);
        String bLeg = SipTexts.invite("b-leg-2", LK_URI, "+493023125417", SBC, SipTexts.SDP_G711, "X-CID: a-leg-2");
        add(messages, CARRIER, SBC, aLeg);
        add(messages, SBC, LIVEKIT, bLeg);
        add(messages, LIVEKIT, SBC, SipTexts.response(bLeg, 100, "Processing"));
        add(messages, LIVEKIT, SBC, scl(SipTexts.response(bLeg, 180, "Ringing")));
        add(messages, SBC, CARRIER, SipTexts.response(aLeg, 180, "Ringing"));
        add(messages, CARRIER, SBC, cancelOf(aLeg));
        add(messages, SBC, CARRIER, SipTexts.response(cancelOf(aLeg), 200, "OK"));
        add(messages, SBC, LIVEKIT, cancelOf(bLeg));
        add(messages, LIVEKIT, SBC, SipTexts.response(cancelOf(bLeg), 200, "OK"));
        add(messages, LIVEKIT, SBC, scl(SipTexts.response(bLeg, 487, "Request Terminated")));
        add(messages, SBC, CARRIER, SipTexts.response(aLeg, 487, "Request Terminated"));
        List<CallFlow> flows = new FlowBuilder().build(messages);
        assertEquals(1, flows.size());

        Diagnosis d = DiagnosisEngine.standard().diagnose(flows, org.sipladder.livekit.LiveKitConfig.empty());

        assertEquals(List.of(), d.withCode(B2buaFailureRelayedCheck.CODE), "the caller's CANCEL, not LiveKit, ended it");
        // a failure further down that came before the caller's CANCEL still started there
        List<SipMessage> late = new ArrayList<>(messages.subList(0, 4));
        add(late, LIVEKIT, SBC, scl(SipTexts.response(bLeg, 486, "Rejected")));
        add(late, CARRIER, SBC, cancelOf(aLeg));
        add(late, SBC, CARRIER, SipTexts.response(aLeg, 603, "Decline"));
        List<CallFlow> lateFlows = new FlowBuilder().build(late);
        Diagnosis cancelledLate = DiagnosisEngine.standard().diagnose(lateFlows,
                org.sipladder.livekit.LiveKitConfig.empty());
        assertEquals(1, cancelledLate.withCode(B2buaFailureRelayedCheck.CODE).size());
    }

    @Test
    void theCauseChainCrossesAnSbcWithAnAddressOnEachSide() {
        // carrier -> SBC (outside 198.51.100.20, inside 10.0.0.20) -> Jambonz -> LiveKit: LiveKit answers 488,
        // Jambonz turns it into 603 toward the SBC's inside address, the SBC relays 603 from its outside one
        String outside = "198.51.100.20";
        String inside = "10.0.0.20";
        List<SipMessage> messages = new ArrayList<>();
        String aLeg = SipTexts.invite("a-leg-3", "sip:+4991874350352@" + outside, "+493023125417", CARRIER,
                SipTexts.SDP_G711);
        String sbcLeg = SipTexts.invite("sbc-77@" + outside, "sip:91874350352@" + SBC, "+493023125417", inside,
                SipTexts.SDP_G711);
        String bLeg = SipTexts.invite("b-leg-3", LK_URI, "+493023125417", SBC, SipTexts.SDP_G711, "X-CID: sbc-77@" + outside);
        add(messages, CARRIER, outside, aLeg);
        add(messages, inside, SBC, sbcLeg);
        add(messages, SBC, LIVEKIT, bLeg);
        add(messages, LIVEKIT, SBC, SipTexts.response(bLeg, 100, "Processing"));
        add(messages, LIVEKIT, SBC, scl(SipTexts.response(bLeg, 488, "Not Acceptable Here")));
        add(messages, SBC, inside, SipTexts.response(sbcLeg, 603, "Decline"));
        add(messages, outside, CARRIER, SipTexts.response(aLeg, 603, "Decline"));
        List<CallFlow> flows = new FlowBuilder().build(messages);
        assertEquals(1, flows.size(), "joined by the Call-ID naming the outside address, then X-CID");

        Diagnosis d = DiagnosisEngine.standard().diagnose(flows, org.sipladder.livekit.LiveKitConfig.empty());

        List<Finding> chains = d.withCode(B2buaFailureRelayedCheck.CODE);
        assertEquals(1, chains.size(), d.findings().toString());
        List<String> facts = chains.get(0).evidence().facts();
        assertTrue(chains.get(0).title().contains("488") && chains.get(0).title().contains(LIVEKIT), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f.contains(SBC) && f.contains("turned 488")), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f.contains(outside) && f.contains("relayed 603")), facts.toString());
    }

    /** The CANCEL of {@code invite}: its request line, Via, From, To, Call-ID and CSeq number, no body. */
    static String cancelOf(String invite) {
        return invite.substring(0, invite.indexOf("\r\n\r\n")).replace("INVITE sip:", "CANCEL sip:")
                .replace(" INVITE\r\n", " CANCEL\r\n").replaceAll("Content-Length: \\d+", "Content-Length: 0")
                .replaceAll("Content-Type: [^\r]*\r\n", "") + "\r\n\r\n";
    }

    @Test
    void theCauseChainNamesWhereTheFailureStartedAndEachTranslation() {
        List<CallFlow> flows = fourHops(488, "Not Acceptable Here");

        Diagnosis d = DiagnosisEngine.standard().diagnose(flows, org.sipladder.livekit.LiveKitConfig.empty());

        Finding chain = d.withCode(B2buaFailureRelayedCheck.CODE).get(0);
        assertTrue(chain.title().contains("488") && chain.title().contains("603") && chain.title().contains(LIVEKIT),
                chain.title());
        List<String> facts = chain.evidence().facts();
        assertTrue(facts.get(0).contains("started") && facts.get(0).contains(LIVEKIT), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f.contains(PROXY) && f.contains("relayed 488")), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f.contains(SBC) && f.contains("turned 488") && f.contains("603")),
                facts.toString());
    }

    @Test
    void anSbcBesideSelfHostedLiveKitOnOneBoxIsTwoHopsAndOnlyLiveKitsInviteIsSimulated() {
        String box = "10.20.0.7";
        Endpoint carrier = new Endpoint(CARRIER, 5060);
        Endpoint sbc = new Endpoint(box, 5080);
        Endpoint liveKit = new Endpoint(box, 5060);
        String aLeg = SipTexts.invite("a-leg-9", "sip:91874350352@" + box + ":5080", "+493023125417", CARRIER,
                SipTexts.SDP_G711);
        String bLeg = SipTexts.invite("b-leg-9", "sip:4991874350352@" + box + ":5060", "+493023125417", box,
                SipTexts.SDP_G711, "X-CID: a-leg-9", "User-Agent: drachtio 0.8.26");
        List<SipMessage> messages = new ArrayList<>();
        add(messages, carrier, sbc, aLeg);
        add(messages, sbc, carrier, SipTexts.response(aLeg, 100, "Trying"));
        add(messages, sbc, liveKit, bLeg);
        add(messages, liveKit, sbc, SipTexts.response(bLeg, 100, "Processing"));
        add(messages, liveKit, sbc, scl(SipTexts.response(bLeg, 503, "Try again later")));
        add(messages, sbc, carrier, SipTexts.response(aLeg, 603, "Decline"));
        List<CallFlow> flows = new FlowBuilder().build(messages);
        assertEquals(1, flows.size(), "the legs are joined by X-CID");

        Diagnosis d = DiagnosisEngine.standard().diagnose(flows, TestConfig.seed());

        assertEquals(1, d.routings().size(), "only the INVITE LiveKit received: " + d.routings());
        assertEquals(liveKit, d.routings().get(0).transaction().request().dst());
        assertEquals(box, d.routings().get(0).invite().sourceIp());
        assertEquals(FindingCode.LK_TRUNK_CONFLICT, d.primaryFor(flows.get(0).id()).orElseThrow().code());
        assertEquals(List.of("Carrier " + CARRIER, "Jambonz " + box + ":5080", "LiveKit " + box + ":5060"),
                flows.get(0).hops().stream().map(h -> h.name()).toList());
    }

    private static void add(List<SipMessage> messages, Endpoint src, Endpoint dst, String text) {
        long frame = messages.size() + 1;
        messages.add(TestCall.parse(frame, 1_795_011_787_000_000L + frame * 20_000, src, dst, text));
    }
}
