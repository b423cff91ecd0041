package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.SipMessage;

/**
 * Calls through a stateful proxy that keeps the Call-ID (Kamailio, OpenSIPS): the finding names the hop that made
 * the failure, with the proxy as the relay (RFC 3261 16.7: the response passed on unchanged but for the top Via).
 */
class ProxyPathTest {

    private static final String CARRIER = "203.0.113.10";
    private static final String PROXY = "10.9.0.5";
    private static final String FAR = "10.9.0.20";
    private static final String OTHER = "10.9.0.21";
    private static final String FREESWITCH = "Server: FreeSWITCH-mod_sofia/1.10.9";
    private static final String KAMAILIO = "Server: kamailio (5.6.3 (x86_64/linux))";
    private static final String URI = "sip:+4991874350352@" + PROXY;

    private final List<SipMessage> messages = new ArrayList<>();

    private void add(double seconds, String src, String dst, String text) {
        long frame = messages.size() + 1;
        messages.add(TestCall.parse(frame, 1_795_011_787_000_000L + Math.round(seconds * 1e6), new Endpoint(src, 5060),
                new Endpoint(dst, 5060), text));
    }

    /** The caller's INVITE to the proxy at 0 s, passed on as {@code onward} at 0.01 s. */
    private void passedOn(String invite, String onward) {
        add(0, CARRIER, PROXY, invite);
        add(0.01, PROXY, FAR, onward);
    }

    /** {@link #passedOn}, then the far end's 180 Ringing at 0.1 s, relayed at 0.11 s. */
    private void ringing(String invite, String onward) {
        passedOn(invite, onward);
        add(0.1, FAR, PROXY, SipTexts.response(onward, 180, "Ringing"));
        add(0.11, PROXY, CARRIER, SipTexts.response(invite, 180, "Ringing"));
    }

    private Diagnosis diagnose() {
        List<CallFlow> flows = new FlowBuilder().build(messages);
        assertEquals(1, flows.size(), "one Call-ID, one call");
        return DiagnosisEngine.standard().diagnose(flows, LiveKitConfig.empty());
    }

    /** The caller's INVITE to the proxy. */
    private static String callerInvite() {
        return SipTexts.invite("proxied-1", URI, "+493023125417", CARRIER, SipTexts.SDP_G711);
    }

    /** {@code invite} as the proxy passes it on: its own Via on top (branch {@code branch}), Max-Forwards one less. */
    private static String forwarded(String invite, String branch) {
        return invite.replaceFirst("Via: ", "Via: SIP/2.0/UDP " + PROXY + ":5060;branch=z9hG4bK" + branch + "\r\nVia: ")
                .replace("Max-Forwards: 70", "Max-Forwards: 69");
    }

    private static String withHeader(String message, String header) {
        return message.replace("\r\nContent-Length:", "\r\n" + header + "\r\nContent-Length:");
    }

    private static Finding only(Diagnosis d, FindingCode code) {
        List<Finding> found = d.withCode(code);
        assertEquals(1, found.size(), d.findings().toString());
        return found.get(0);
    }

    private static Role roleOf(CallFlow flow, String address) {
        return flow.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow().role();
    }

    @Test
    void whatAProxyRelaysNamesTheHostThatMadeItNotTheProxy() {
        // a proxy keeps the Server header of the answer it passes back, and the X- headers of the INVITE it passes on
        String invite = callerInvite();
        String onward = forwarded(invite, "px1");
        passedOn(invite, onward);
        add(0.5, FAR, PROXY, withHeader(SipTexts.response(onward, 486, "Busy Here"), FREESWITCH));
        add(0.51, PROXY, CARRIER, withHeader(SipTexts.response(invite, 486, "Busy Here"), FREESWITCH));
        CallFlow flow = new FlowBuilder().build(messages).get(0);
        assertEquals(Role.PROXY, roleOf(flow, PROXY), flow.hops().toString());
        assertEquals(Role.B2BUA, roleOf(flow, FAR), flow.hops().toString());

        // Jambonz -> proxy -> LiveKit: the proxy passes on Jambonz's X-CID and LiveKit's SCL_ To tag
        CallFlow fourHops = MultiHopTest.fourHops(503, "Try again later").get(0);
        assertEquals(Role.PROXY, roleOf(fourHops, MultiHopTest.PROXY), fourHops.hops().toString());
        assertEquals(Role.JAMBONZ, roleOf(fourHops, MultiHopTest.SBC), fourHops.hops().toString());
        assertEquals(Role.LIVEKIT, roleOf(fourHops, MultiHopTest.LIVEKIT), fourHops.hops().toString());
    }

    @Test
    void aRejectionTheProxyRelayedNamesTheFarEndWithTheProxyAsRelay() {
        String invite = callerInvite();
        String onward = forwarded(invite, "px1");
        add(0, CARRIER, PROXY, invite);
        add(0.005, PROXY, CARRIER, SipTexts.response(invite, 100, "Trying"));
        add(0.01, PROXY, FAR, onward);
        add(0.5, FAR, PROXY, SipTexts.response(onward, 404, "Not Found"));
        add(0.51, PROXY, CARRIER, SipTexts.response(invite, 404, "Not Found"));

        Diagnosis d = diagnose();

        Finding rejected = only(d, FindingCode.SIP_CALL_REJECTED);
        assertEquals(FAR + " rejected the call: 404 Not Found", rejected.title());
        assertTrue(rejected.primary(), d.findings().toString());
        Finding relayed = only(d, FindingCode.B2BUA_FAILURE_RELAYED);
        // every step passed the same 404 on: relayed, not "404 ... started as 404 ...", and no B2BUA in sight
        assertEquals("404 Not Found from SIP endpoint " + FAR + ", relayed to the caller unchanged by SIP proxy "
                + PROXY, relayed.title());
        assertFalse(relayed.explanation().contains("B2BUA"), relayed.explanation());
        List<String> facts = relayed.evidence().facts();
        assertTrue(facts.get(0).contains("started at") && facts.get(0).contains(FAR), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f.contains(PROXY) && f.contains("relayed 404")), facts.toString());
        assertTrue(relayed.fix().steps().stream().noneMatch(s -> s.contains("Jambonz")),
                "no Jambonz on this path: " + relayed.fix().steps());
    }

    @Test
    void aChallengeTheProxyRelayedNamesTheHostThatAskedForThePassword() {
        // Kamailio in front of a PBX that challenges: the PBX's 401 passed back unchanged (status and To tag), the
        // caller's credentials refused again, 401 to the end
        String challenge = "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n1\"";
        String invite = callerInvite();
        String onward = forwarded(invite, "px1");
        add(0, CARRIER, PROXY, invite);
        add(0.01, PROXY, FAR, onward);
        add(0.02, FAR, PROXY, SipTexts.response(onward, 401, "Unauthorized", challenge));
        add(0.03, PROXY, CARRIER, SipTexts.response(invite, 401, "Unauthorized", challenge));
        String retry = SipTexts.retry(invite, 2, "Authorization: Digest username=\"alice\", realm=\"pbx\", "
                + "nonce=\"n1\", uri=\"" + URI + "\", response=\"0\"");
        String retryOnward = forwarded(retry, "px2");
        add(0.1, CARRIER, PROXY, retry);
        add(0.11, PROXY, FAR, retryOnward);
        add(0.12, FAR, PROXY, SipTexts.response(retryOnward, 401, "Unauthorized", challenge));
        add(0.13, PROXY, CARRIER, SipTexts.response(retry, 401, "Unauthorized", challenge));

        Finding rejected = only(diagnose(), FindingCode.SIP_CALL_REJECTED);

        assertEquals(FAR + " rejected the call: 401 Unauthorized", rejected.title());
        assertTrue(rejected.evidence().facts().stream().anyMatch(f -> f.contains("carried credentials")
                && f.contains("username \"alice\"")), rejected.evidence().facts().toString());
    }

    @Test
    void aProxyWhoseRingTimerRanOutIsNamedNotTheCaller() {
        // Kamailio's fr_inv_timer (RFC 3261 Timer C): no answer after 8 s of ringing, so the proxy answers the caller
        // 408 and cancels the branch itself; the caller sent no CANCEL
        String invite = callerInvite();
        String onward = forwarded(invite, "px1");
        ringing(invite, onward);
        add(8.0, PROXY, CARRIER, SipTexts.response(invite, 408, "Request Timeout"));
        add(8.0001, PROXY, FAR, SipTexts.cancel(onward));
        add(8.002, FAR, PROXY, SipTexts.response(SipTexts.cancel(onward), 200, "OK"));
        add(8.003, FAR, PROXY, SipTexts.response(onward, 487, "Request Terminated"));

        Diagnosis d = diagnose();

        Finding rejected = only(d, FindingCode.SIP_CALL_REJECTED);
        assertEquals(PROXY + " gave up after 8.0 s without an answer: 408 Request Timeout to the caller",
                rejected.title());
        assertEquals(Severity.INFO, rejected.severity());
        assertFalse(rejected.explanation().contains("the caller cancelled"), rejected.explanation());
        assertTrue(rejected.explanation().startsWith("408 means"), rejected.explanation());
        assertTrue(rejected.evidence().facts().stream().noneMatch(f -> f.contains("the caller gave up")),
                rejected.evidence().facts().toString());
        assertTrue(rejected.evidence().facts().stream().anyMatch(f -> f.contains(PROXY + " got no CANCEL")),
                rejected.evidence().facts().toString());
        assertTrue(rejected.fix().steps().get(0).contains("no-answer timer"), rejected.fix().steps().toString());
    }

    @Test
    void aKamailioSendFailureSaysWhatItMeans() {
        // Kamailio answers 477 when it cannot send to the next hop (a TCP connection refused), 478 when it cannot
        // resolve it: codes of the SER family, not RFC 3261's, whose generic 4xx advice says nothing
        String invite = callerInvite();
        add(0, CARRIER, PROXY, invite);
        add(0.001, PROXY, CARRIER, withHeader(SipTexts.response(invite, 477,
                "Unfortunately error on sending to next hop occurred (477/TM)"), KAMAILIO));
        Finding rejected = only(diagnose(), FindingCode.SIP_CALL_REJECTED);
        assertTrue(rejected.explanation().startsWith("477 means the proxy could not send"),
                rejected.explanation());
        assertTrue(rejected.fix().steps().get(0).contains("listens"), rejected.fix().steps().toString());

        messages.clear();
        add(0, CARRIER, PROXY, invite);
        add(0.001, PROXY, CARRIER, withHeader(SipTexts.response(invite, 478, "Unresolvable destination (478/SL)"),
                KAMAILIO));
        rejected = only(diagnose(), FindingCode.SIP_CALL_REJECTED);
        assertTrue(rejected.fix().steps().get(0).contains("DNS"), rejected.fix().steps().toString());
    }

    @Test
    void aProxysOwn404AsksWhetherTheUserIsRegistered() {
        // Kamailio's registrar found no contact for the called user (lookup("location") failed): its own 404
        String invite = SipTexts.invite("proxied-1", "sip:carol@" + PROXY, "alice", CARRIER, SipTexts.SDP_G711);
        add(0, CARRIER, PROXY, invite);
        add(0.001, PROXY, CARRIER, withHeader(SipTexts.response(invite, 404, "Not Found"), KAMAILIO));
        Finding rejected = only(diagnose(), FindingCode.SIP_CALL_REJECTED);
        assertTrue(rejected.fix().steps().get(0).contains("registered"), rejected.fix().steps().toString());
    }

    @Test
    void aForkingProxyPassesOnTheBestAnswerNotTheLast() {
        // RFC 3261 16.7: of the branches' failures a 6xx wins, so the 603 that came first is what the caller got
        String invite = callerInvite();
        String first = forwarded(invite, "px1");
        String second = forwarded(invite, "px2");
        add(0, CARRIER, PROXY, invite);
        add(0.01, PROXY, FAR, first);
        add(0.011, PROXY, OTHER, second);
        add(0.3, FAR, PROXY, SipTexts.response(first, 603, "Decline"));
        add(0.6, OTHER, PROXY, SipTexts.response(second, 486, "Busy Here"));
        add(0.61, PROXY, CARRIER, SipTexts.response(invite, 603, "Decline"));

        Diagnosis d = diagnose();

        Finding rejected = only(d, FindingCode.SIP_CALL_REJECTED);
        assertEquals(FAR + " rejected the call: 603 Decline", rejected.title());
        assertTrue(rejected.explanation().contains("forked the call to 2 branches"), rejected.explanation());
        Finding relayed = only(d, FindingCode.B2BUA_FAILURE_RELAYED);
        assertTrue(relayed.title().contains("603 Decline from") && relayed.title().contains(FAR), relayed.title());
    }

    @Test
    void aRefusedSubscribeNamesTheServerBehindTheProxy() {
        // once straight through the proxy, once spiralled through it (it routes the request to itself again first)
        for (boolean spiral : new boolean[] {false, true}) {
            messages.clear();
            String subscribe = "SUBSCRIBE sip:alice@" + PROXY + " SIP/2.0\r\nVia: SIP/2.0/UDP " + CARRIER
                    + ":5060;branch=z9hG4bKsub1\r\nMax-Forwards: 70\r\nFrom: <sip:bob@" + CARRIER + ">;tag=s1\r\n"
                    + "To: <sip:alice@" + PROXY + ">\r\nCall-ID: sub-489\r\nCSeq: 1 SUBSCRIBE\r\nEvent: presence\r\n"
                    + "Content-Length: 0\r\n\r\n";
            String looped = forwarded(subscribe, "lp1");
            String onward = forwarded(spiral ? looped : subscribe, "px1");
            add(0, CARRIER, PROXY, subscribe);
            if (spiral) {
                add(0.005, PROXY, PROXY, looped);
            }
            add(0.01, PROXY, FAR, onward);
            add(0.2, FAR, PROXY, withHeader(SipTexts.response(onward, 489, "Bad Event"), "Server: FreeSWITCH"));
            if (spiral) {
                add(0.205, PROXY, PROXY, withHeader(SipTexts.response(looped, 489, "Bad Event"), "Server: FreeSWITCH"));
            }
            add(0.21, PROXY, CARRIER, withHeader(SipTexts.response(subscribe, 489, "Bad Event"), "Server: FreeSWITCH"));

            Finding rejected = only(diagnose(), FindingCode.SIP_REQUEST_REJECTED);

            assertEquals("SUBSCRIBE to " + FAR + " rejected: 489 Bad Event", rejected.title(), "spiral " + spiral);
            assertTrue(rejected.explanation().startsWith(FAR + " answered 489"), rejected.explanation());
            List<String> facts = rejected.evidence().facts();
            assertTrue(facts.stream().anyMatch(f -> f.startsWith("It came from " + FAR)), facts.toString());
            assertTrue(facts.stream().anyMatch(f -> f.equals(PROXY + " relayed 489 to " + CARRIER + " unchanged (frame "
                    + messages.size() + ")")), facts.toString());
            assertTrue(rejected.evidence().frames().contains(spiral ? 3L : 2L), rejected.evidence().frames().toString());
        }
    }

    @Test
    void aProxyWhoseNextHopNeverAnsweredMadeTheTimeoutItself() {
        String invite = callerInvite();
        String onward = forwarded(invite, "px1");
        add(0, CARRIER, PROXY, invite);
        add(0.005, PROXY, CARRIER, withHeader(SipTexts.response(invite, 100, "Trying"), "Server: kamailio (5.7.1)"));
        for (double t : new double[] {0.01, 0.51, 1.51, 3.51, 7.51, 11.51, 15.51}) {
            add(t, PROXY, FAR, onward);
        }
        add(32.01, PROXY, CARRIER, SipTexts.response(invite, 408, "Request Timeout"));

        Diagnosis d = diagnose();

        Finding rejected = only(d, FindingCode.SIP_CALL_REJECTED);
        assertEquals(PROXY + " rejected the call with 408 Request Timeout after its INVITE to " + FAR
                + ":5060 got no final response", rejected.title());
        assertEquals(Severity.WARNING, rejected.severity(), "the silent next hop is the error, the 408 follows from it");
        assertTrue(rejected.evidence().facts().stream().anyMatch(f -> f.contains("passed the INVITE on to " + FAR)
                && f.contains("sent 7 times") && f.contains("made the 408 itself")), rejected.evidence().facts().toString());
        assertFalse(rejected.explanation().contains("no more specific cause"), rejected.explanation());
        assertTrue(rejected.evidence().frames().contains(3L), rejected.evidence().frames().toString());
        Finding silent = only(d, FindingCode.SIP_NO_FINAL_RESPONSE);
        assertTrue(silent.primary());
        assertTrue(silent.evidence().facts().stream().anyMatch(f -> f.contains(PROXY + " gave up on it and answered "
                + CARRIER + " 408 Request Timeout itself")), silent.evidence().facts().toString());
        assertTrue(silent.evidence().frames().contains(10L), silent.evidence().frames().toString());
    }

    @Test
    void whoeverCancelledEndedTheCallNotTheServerThatAnswered487() {
        String invite = callerInvite();
        String onward = forwarded(invite, "px1");
        ringing(invite, onward);
        add(8, CARRIER, PROXY, MultiHopTest.cancelOf(invite));
        add(8.001, PROXY, CARRIER, SipTexts.response(MultiHopTest.cancelOf(invite), 200, "OK"));
        add(8.002, PROXY, FAR, MultiHopTest.cancelOf(onward));
        add(8.01, FAR, PROXY, SipTexts.response(MultiHopTest.cancelOf(onward), 200, "OK"));
        add(8.011, FAR, PROXY, SipTexts.response(onward, 487, "Request Terminated"));
        add(8.015, PROXY, CARRIER, SipTexts.response(invite, 487, "Request Terminated"));

        Diagnosis d = diagnose();

        Finding rejected = only(d, FindingCode.SIP_CALL_REJECTED);
        assertEquals(CARRIER + " cancelled the call: 487 Request Terminated", rejected.title());
        assertEquals(Severity.INFO, rejected.severity());
        assertEquals(List.of(), d.withCode(FindingCode.B2BUA_FAILURE_RELAYED), "nothing failed further on");

        // the proxy's Timer C: it cancels the ringing branch and answers the caller 408; the callee's 487 only
        // answers that CANCEL
        messages.clear();
        ringing(invite, onward);
        add(180.01, PROXY, FAR, MultiHopTest.cancelOf(onward));
        add(180.02, FAR, PROXY, SipTexts.response(MultiHopTest.cancelOf(onward), 200, "OK"));
        add(180.03, FAR, PROXY, SipTexts.response(onward, 487, "Request Terminated"));
        add(180.04, PROXY, CARRIER, SipTexts.response(invite, 408, "Request Timeout"));

        Diagnosis timedOut = diagnose();

        assertEquals(PROXY + " rejected the call: 408 Request Timeout",
                only(timedOut, FindingCode.SIP_CALL_REJECTED).title());
        assertEquals(List.of(), timedOut.withCode(FindingCode.B2BUA_FAILURE_RELAYED), timedOut.findings().toString());
    }

    @Test
    void aRegistrationRefusedBehindAProxyNamesTheRegistrarAndCountsTheSendersRegisters() {
        String register = "REGISTER sip:" + PROXY + " SIP/2.0\r\nVia: SIP/2.0/UDP " + CARRIER
                + ":5060;branch=z9hG4bKreg1\r\nMax-Forwards: 70\r\nFrom: <sip:alice@" + PROXY + ">;tag=r1\r\n"
                + "To: <sip:alice@" + PROXY + ">\r\nCall-ID: reg-403\r\nCSeq: 1 REGISTER\r\nContact: <sip:alice@"
                + CARRIER + ">\r\nExpires: 600\r\nContent-Length: 0\r\n\r\n";
        String onward = forwarded(register, "px1");
        passedOn(register, onward);
        add(0.2, FAR, PROXY, withHeader(SipTexts.response(onward, 403, "Forbidden"), "Server: Asterisk PBX 18"));
        add(0.21, PROXY, CARRIER, withHeader(SipTexts.response(register, 403, "Forbidden"), "Server: Asterisk PBX 18"));

        Finding rejected = only(diagnose(), FindingCode.SIP_REGISTER_REJECTED);

        assertEquals("Registration to " + FAR + " failed: 403 Forbidden", rejected.title());
        assertTrue(rejected.explanation().startsWith(FAR + " answered 403"), rejected.explanation());
        List<String> facts = rejected.evidence().facts();
        assertTrue(facts.get(0).startsWith("1 REGISTER from " + CARRIER), facts.toString());
        assertTrue(facts.contains(PROXY + " relayed 403 to " + CARRIER + " unchanged (frame 4)"), facts.toString());
    }

    @Test
    void aPrivateAddressTheProxyPassesOnIsBlamedOnTheHostThatWroteIt() {
        // RFC 3261 16.6: the proxy relays the callee's Contact and SDP as written; the callee put its private address
        String invite = callerInvite();
        String onward = forwarded(invite, "px1");
        ringing(invite, onward);
        String contact = "Contact: <sip:callee@" + FAR + ":5060>";
        add(1, FAR, PROXY, SipTexts.response(onward, 200, "OK", contact, SipTexts.sdp(FAR, "0 PCMU/8000")));
        add(1.01, PROXY, CARRIER, SipTexts.response(invite, 200, "OK", contact, SipTexts.sdp(FAR, "0 PCMU/8000")));

        Finding leak = only(diagnose(), FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER);

        assertEquals(FAR + " advertises a private address to public peer " + CARRIER, leak.title());
        List<String> facts = leak.evidence().facts();
        assertTrue(facts.stream().anyMatch(f -> f.startsWith(FAR + " wrote these (frame 5); " + PROXY
                + " relayed them unchanged to public peer " + CARRIER + " (frame 6)")), facts.toString());
        assertEquals(List.of(5L, 6L), leak.evidence().frames());
        assertTrue(leak.fix().steps().get(0).startsWith("Configure " + FAR + " "), leak.fix().steps().toString());
        assertTrue(leak.fix().steps().get(1).contains(PROXY + ", which relays it"), leak.fix().steps().toString());

        // a caller behind NAT (its packets come from its public address) through a public proxy: the second public
        // peer gets the caller's private Contact and SDP from the proxy
        messages.clear();
        String edge = "198.51.100.5";
        String next = "198.51.100.20";
        String natted = SipTexts.invite("proxied-2", "sip:+4991874350352@" + edge, "+493023125417", "192.168.1.10",
                SipTexts.sdp("192.168.1.10", "0 PCMU/8000"));
        add(0, CARRIER, edge, natted);
        add(0.01, edge, next, forwarded(natted, "px1").replace(PROXY, edge));

        List<Finding> leaks = diagnose().withCode(FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER);

        assertEquals(List.of(CARRIER + " advertises a private address to public peer " + edge,
                CARRIER + " advertises a private address to public peer " + next),
                leaks.stream().map(Finding::title).toList());
        assertEquals(List.of(1L, 2L), leaks.get(1).evidence().frames());
    }

    @Test
    void aPeerThatEchoesTheCallersOwnPrivateAddressBackRelaysNothing() {
        // an answer copying the offer's Contact and SDP goes back to the host that wrote them: no relay, the answerer
        // advertises them itself (was: "X advertises a private address to public peer X", the caller blamed for its
        // own values sent back to it)
        String peer = "198.51.100.7";
        String offer = SipTexts.invite("echo-1", "sip:+4991874350352@" + peer, "+493023125417", "192.168.1.2",
                SipTexts.sdp("192.168.1.2", "0 PCMU/8000"));
        add(0, CARRIER, peer, offer);
        add(0.1, peer, CARRIER, SipTexts.response(offer, 200, "OK", "Contact: <sip:816666@192.168.1.2>",
                SipTexts.sdp("192.168.1.2", "0 PCMU/8000")));

        List<String> titles = diagnose().withCode(FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER).stream()
                .map(Finding::title).toList();

        assertEquals(List.of(CARRIER + " advertises a private address to public peer " + peer,
                peer + " advertises a private address to public peer " + CARRIER), titles);
    }

    @Test
    void aProxyThatOnlyRelaysRequestsOtherThanInviteIsAProxy() {
        for (String method : new String[] {"SUBSCRIBE", "OPTIONS", "REGISTER"}) {
            messages.clear();
            String request = method + " sip:alice@" + PROXY + " SIP/2.0\r\nVia: SIP/2.0/UDP " + CARRIER
                    + ":5060;branch=z9hG4bKr1\r\nMax-Forwards: 70\r\nFrom: <sip:bob@" + CARRIER + ">;tag=r1\r\n"
                    + "To: <sip:alice@" + PROXY + ">\r\nCall-ID: no-invite-1\r\nCSeq: 1 " + method + "\r\n"
                    + "Content-Length: 0\r\n\r\n";
            String onward = forwarded(request, "px1");
            passedOn(request, onward);
            add(0.2, FAR, PROXY, SipTexts.response(onward, 200, "OK"));
            add(0.21, PROXY, CARRIER, SipTexts.response(request, 200, "OK"));

            CallFlow flow = new FlowBuilder().build(messages).get(0);

            Hop proxy = flow.hops().stream().filter(h -> h.address().equals(PROXY)).findFirst().orElseThrow();
            assertEquals(Role.PROXY, proxy.role(), method + " " + flow.hops());
            assertEquals(List.of("It passed a " + method + " it received on under the same Call-ID to " + FAR
                    + ", as a SIP proxy does (frame 2)."), List.copyOf(proxy.evidence()), method);
            // the host behind the proxy that accepted the REGISTER is the registrar (RFC 3261 10.3)
            assertEquals("REGISTER".equals(method) ? Role.REGISTRAR : Role.SIP_ENDPOINT, roleOf(flow, FAR),
                    method + " " + flow.hops());
        }
    }

    @Test
    void aForkedBranchWithoutAFinalAnswerIsStillABranch() {
        // RFC 3261 16.7 step 10: once the 603 came, the proxy cancels the branch that was ringing; a branch that never
        // answered cannot be cancelled (9.1) and is only resent
        for (boolean silentToo : new boolean[] {false, true}) {
            messages.clear();
            String invite = callerInvite();
            String rang = forwarded(invite, "px1");
            String declined = forwarded(invite, "px2");
            String silent = forwarded(invite, "px3");
            add(0, CARRIER, PROXY, invite);
            add(0.01, PROXY, OTHER, rang);
            add(0.011, PROXY, FAR, declined);
            if (silentToo) {
                add(0.012, PROXY, "10.9.0.22", silent);
            }
            add(0.1, OTHER, PROXY, SipTexts.response(rang, 180, "Ringing"));
            add(0.3, FAR, PROXY, SipTexts.response(declined, 603, "Decline"));
            add(0.301, PROXY, OTHER, MultiHopTest.cancelOf(rang));
            long cancelFrame = messages.size();
            add(0.31, OTHER, PROXY, SipTexts.response(MultiHopTest.cancelOf(rang), 200, "OK"));
            if (silentToo) {
                add(0.512, PROXY, "10.9.0.22", silent);
            }
            add(0.52, PROXY, CARRIER, SipTexts.response(invite, 603, "Decline"));

            Diagnosis d = diagnose();

            Finding rejected = only(d, FindingCode.SIP_CALL_REJECTED);
            assertEquals(FAR + " rejected the call: 603 Decline", rejected.title());
            // the ringing branch the proxy cancelled is one of the branches listed, not a failure of its own; the
            // silent one is, but the 603 the proxy sent back was the other branch's, passed on
            List<Finding> silence = d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE);
            assertEquals(silentToo ? List.of("INVITE to 10.9.0.22:5060 got no final response") : List.of(),
                    silence.stream().map(Finding::title).toList());
            if (silentToo) {
                List<String> facts = silence.get(0).evidence().facts();
                assertTrue(facts.contains(PROXY + " passed on " + FAR + "'s 603 Decline from another branch (frame 6) to "
                        + CARRIER + " (frame 10), 0.5 s after sending this one"), facts.toString());
                assertTrue(facts.stream().noneMatch(f -> f.contains("itself")), facts.toString());
            }
            // the silent branch did not decide the call: the 603 the proxy passed back did
            assertTrue(rejected.primary(), d.findings().toString());
            int branches = silentToo ? 3 : 2;
            String listed = branches + " branches forked by " + PROXY + ", none took the call: INVITE frame 2 (180 Ringing, "
                    + "cancelled at frame " + cancelFrame + ", no final response), frame 3 (603 Decline)"
                    + (silentToo ? ", frame 4 (no response)" : "");
            assertTrue(rejected.evidence().facts().contains(listed), rejected.evidence().facts().toString());
            assertTrue(rejected.explanation().contains(PROXY + " forked the call to " + branches + " branches at once:"
                    + " 1 failed, " + (branches - 1) + " got no final answer"), rejected.explanation());
            assertTrue(rejected.evidence().frames().contains(cancelFrame), rejected.evidence().frames().toString());
            // the CANCEL went to the ringing branch: it is not the declined branch's, and the caller did not give up
            assertTrue(rejected.evidence().facts().stream().noneMatch(f -> f.contains("gave up")),
                    rejected.evidence().facts().toString());
        }
    }

    @Test
    void aSilentForkBranchDoesNotOutrankTheAnswerTheCallerGot() {
        // RFC 3261 16.7 step 6: the proxy passes on the best final answer among its branches; the silent branch did
        // not decide the call, the declining one did, so the caller's 603 is the primary cause; without a fork the
        // silence the proxy turned into its own 408 still is
        for (boolean silentFirst : new boolean[] {true, false}) {
            messages.clear();
            String invite = callerInvite();
            String silent = forwarded(invite, "px1");
            String declined = forwarded(invite, "px2");
            add(0, CARRIER, PROXY, invite);
            add(0.01, PROXY, silentFirst ? "10.9.0.22" : FAR, silentFirst ? silent : declined);
            add(0.011, PROXY, silentFirst ? FAR : "10.9.0.22", silentFirst ? declined : silent);
            add(0.3, FAR, PROXY, SipTexts.response(declined, 603, "Decline"));
            add(0.51, PROXY, "10.9.0.22", silent);
            add(0.52, PROXY, CARRIER, SipTexts.response(invite, 603, "Decline"));

            Diagnosis d = diagnose();

            Finding rejected = only(d, FindingCode.SIP_CALL_REJECTED);
            assertEquals(FAR + " rejected the call: 603 Decline", rejected.title());
            assertTrue(rejected.primary(), d.findings().toString());
            Finding silence = only(d, FindingCode.SIP_NO_FINAL_RESPONSE);
            assertEquals("INVITE to 10.9.0.22:5060 got no final response", silence.title());
            assertFalse(silence.primary(), d.findings().toString());
        }

        messages.clear();
        String invite = callerInvite();
        String onward = forwarded(invite, "px1");
        passedOn(invite, onward);
        add(0.51, PROXY, FAR, onward);
        add(32.01, PROXY, CARRIER, SipTexts.response(invite, 408, "Request Timeout"));

        Diagnosis d = diagnose();

        assertTrue(only(d, FindingCode.SIP_NO_FINAL_RESPONSE).primary(), d.findings().toString());
        assertFalse(only(d, FindingCode.SIP_CALL_REJECTED).primary(), d.findings().toString());
    }
}
