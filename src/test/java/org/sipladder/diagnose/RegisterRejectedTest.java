package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestCall.JAMBONZ;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallSummary;
import org.sipladder.flow.LiveFlows;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/** SIP_REGISTER_REJECTED explains and fixes what the status says, not always the credentials. */
class RegisterRejectedTest {

    private static final String PROXY = "192.0.2.102";
    private static final String URI = "sip:registrar.example";

    private static String register(int cseq, String... extra) {
        StringBuilder t = new StringBuilder("REGISTER " + URI + " SIP/2.0\r\nVia: SIP/2.0/UDP " + JAMBONZ
                + ":5060;branch=z9hG4bKreg" + cseq + "\r\nMax-Forwards: 70\r\nFrom: <sip:alice@registrar.example>;tag=r1\r\n"
                + "To: <sip:alice@registrar.example>\r\nCall-ID: reg-status\r\nCSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:alice@" + JAMBONZ + ":5060>\r\nExpires: 60\r\n");
        for (String e : extra) {
            t.append(e).append("\r\n");
        }
        return t.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String credentials(String uri) {
        return "Authorization: Digest username=\"alice\", realm=\"registrar.example\", nonce=\"n1\", uri=\"" + uri
                + "\", response=\"00\"";
    }

    /** A REGISTER answered {@code status} at once. */
    private static Finding rejected(int status, String reason, String... answerHeaders) {
        String register = register(1);
        return finding(new TestCall().hop(JAMBONZ, Role.JAMBONZ).hop(PROXY, Role.SIP_ENDPOINT)
                .send(JAMBONZ, PROXY, register)
                .send(PROXY, JAMBONZ, SipTexts.response(register, status, reason, answerHeaders)).flow());
    }

    /** A REGISTER challenged with 401, then sent again with credentials for {@code digestUri} and answered {@code status}. */
    private static Finding afterChallenge(String digestUri, int status, String reason) {
        String first = register(1);
        String second = register(2, credentials(digestUri));
        return finding(new TestCall().hop(JAMBONZ, Role.JAMBONZ).hop(PROXY, Role.SIP_ENDPOINT)
                .send(JAMBONZ, PROXY, first).send(PROXY, JAMBONZ, SipTexts.response(first, 401, "Unauthorized"))
                .send(JAMBONZ, PROXY, second).send(PROXY, JAMBONZ, SipTexts.response(second, status, reason)).flow());
    }

    private static Finding finding(CallFlow flow) {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        List<Finding> found = d.withCode(FindingCode.SIP_REGISTER_REJECTED);
        assertEquals(1, found.size(), d.findings().toString());
        assertTrue(found.get(0).primary(), "explains the failed registration");
        return found.get(0);
    }

    private static boolean aboutCredentials(Finding f) {
        return f.fix().steps().stream().anyMatch(s -> s.contains("password") || s.contains("digest uri"));
    }

    @Test
    void registrationToLiveKitIsExplainedAsLiveKitTakingNoneAndPointsToAnInboundTrunk() {
        // livekit/sip answers every method it has no handler for (REGISTER among them) 405, with no Allow header
        String register = register(1).replace(URI, "sip:" + TestCall.LIVEKIT);
        CallFlow flow = new TestCall().hop(JAMBONZ, Role.JAMBONZ).hop(TestCall.LIVEKIT, Role.LIVEKIT)
                .send(JAMBONZ, TestCall.LIVEKIT, register)
                .send(TestCall.LIVEKIT, JAMBONZ, SipTexts.response(register, 405, "Method Not Allowed")).flow();
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        List<Finding> found = d.withCode(FindingCode.SIP_REGISTER_REJECTED);
        assertEquals(1, found.size(), d.findings().toString());
        Finding f = found.get(0);
        assertTrue(f.explanation().contains("LiveKit SIP takes no registrations"), f.explanation());
        assertTrue(f.fix().steps().stream().anyMatch(s -> s.contains("inbound trunk") && s.contains(JAMBONZ)),
                f.fix().steps().toString());
        assertEquals(Severity.WARNING, f.severity(), "calls to LiveKit do not depend on a registration");
    }

    @Test
    void credentialsAcceptedBeforeAndThenTooLateForTheNonceAreNotCalledWrong() {
        // registered with credentials (200 OK), then the refresh answers its challenge 18 s late: "nonce has changed"
        String first = register(1);
        String second = register(2, credentials("sip:10.0.0.2"));
        String refresh = register(3);
        String late = register(4, credentials("sip:10.0.0.2"));
        Finding f = finding(new TestCall().hop(JAMBONZ, Role.JAMBONZ).hop(PROXY, Role.SIP_ENDPOINT)
                .send(JAMBONZ, PROXY, first).send(PROXY, JAMBONZ, SipTexts.response(first, 401, "Unauthorized"))
                .send(JAMBONZ, PROXY, second).send(PROXY, JAMBONZ, SipTexts.response(second, 200, "OK"))
                .after(600).send(JAMBONZ, PROXY, refresh).send(PROXY, JAMBONZ, SipTexts.response(refresh, 401,
                        "Unauthorized")).after(18).send(JAMBONZ, PROXY, late)
                .send(PROXY, JAMBONZ, SipTexts.response(late, 401, "nonce has changed")).flow());
        assertTrue(f.explanation().contains("the nonce it answered was no longer the registrar's"), f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("The registrar accepted a REGISTER with "
                + "credentials in frame 4")), f.evidence().facts().toString());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("answered the challenge of frame 6 18.0 s "
                + "after it")), f.evidence().facts().toString());
        assertTrue(!aboutCredentials(f), f.fix().steps().toString());
        assertTrue(f.fix().steps().get(0).startsWith("Make the sender answer the registrar's challenge at once (it waited"
                + " 18.0 s"), f.fix().steps().toString());
        // another account's acceptance through the same Call-ID says nothing of this one's credentials
        String bob = register(5, credentials("sip:10.0.0.2")).replace("alice@", "bob@");
        String bobFirst = register(6).replace("alice@", "bob@");
        Finding other = finding(new TestCall().hop(JAMBONZ, Role.JAMBONZ).hop(PROXY, Role.SIP_ENDPOINT)
                .send(JAMBONZ, PROXY, register(1)).send(PROXY, JAMBONZ, SipTexts.response(register(1), 401, "Unauthorized"))
                .send(JAMBONZ, PROXY, register(2, credentials("sip:10.0.0.2")))
                .send(PROXY, JAMBONZ, SipTexts.response(register(2, credentials("sip:10.0.0.2")), 200, "OK"))
                .send(JAMBONZ, PROXY, bobFirst).send(PROXY, JAMBONZ, SipTexts.response(bobFirst, 401, "Unauthorized"))
                .send(JAMBONZ, PROXY, bob).send(PROXY, JAMBONZ, SipTexts.response(bob, 401, "nonce has changed")).flow());
        assertTrue(other.evidence().facts().stream().noneMatch(x -> x.startsWith("The registrar accepted")),
                other.evidence().facts().toString());
    }

    /**
     * sngrep's aaa.pcap: a phone's REGISTERs under one Call-ID end refused (401 nonce has changed); 300 s later it
     * registers the account afresh under a new Call-ID, challenged and then answered {@code renewalAnswer} with
     * {@code contact}, for the address of record of {@code user}. Read as the command line reads a capture.
     */
    private static Diagnosis refusedThenRegisteredAfresh(String user, String contact) {
        return DiagnosisEngine.standard().diagnose(refusedThenRegisteredAfreshFlows(user, contact), LiveKitConfig.empty());
    }

    /** The flows {@link #refusedThenRegisteredAfresh} diagnoses. */
    private static List<CallFlow> refusedThenRegisteredAfreshFlows(String user, String contact) {
        String refused = register(1, credentials("sip:10.0.0.2"));
        String first = register(1).replace("reg-status", "reg-fresh").replace("alice@", user + "@");
        String second = register(2, credentials("sip:10.0.0.2")).replace("reg-status", "reg-fresh")
                .replace("alice@", user + "@");
        String ok = SipTexts.response(second, 200, "OK").replace("Content-Length: 0", contact + "\r\nContent-Length: 0");
        LiveFlows flows = new LiveFlows();
        long t = 1_795_011_787_000_000L;
        String[][] messages = {{JAMBONZ, PROXY, refused}, {PROXY, JAMBONZ, SipTexts.response(refused, 401,
                "nonce has changed")}, {JAMBONZ, PROXY, first}, {PROXY, JAMBONZ, SipTexts.response(first, 401,
                "Unauthorized")}, {JAMBONZ, PROXY, second}, {PROXY, JAMBONZ, ok}};
        for (int i = 0; i < messages.length; i++) {
            t += i == 2 ? 300_000_000L : 10_000L;
            flows.add(TestCall.parse(i + 1, t, new Endpoint(messages[i][0], 5060), new Endpoint(messages[i][1], 5060),
                    messages[i][2]));
        }
        flows.readingDone();
        return flows.snapshot();
    }

    @Test
    void aRegistrationRefusedAndLaterRegisteredAfreshIsNotCountedAsFailed() {
        List<CallFlow> renewed = refusedThenRegisteredAfreshFlows("alice",
                "Contact: <sip:alice@" + JAMBONZ + ":5060>;expires=60");
        Diagnosis d = DiagnosisEngine.standard().diagnose(renewed, LiveKitConfig.empty());
        CallFlow refusedOne = renewed.stream().filter(f -> f.aLeg().callId().equals("reg-status")).findFirst()
                .orElseThrow();
        // the dialog's own answer stays as captured; the counts follow the finding (a lapse, not a failure)
        assertEquals(401, refusedOne.finalStatus());
        assertTrue(!d.failed(refusedOne), d.findings().toString());
        // the call list's failed filter and first-failed-call agree with the counts
        assertTrue(!CallSummary.of(refusedOne).failed());
        assertEquals("0 calls (0 failed), 2 REGISTER dialogs (0 failed)", d.counts(renewed));
        // another account's registration does not renew this one: it still counts as failed
        List<CallFlow> other = refusedThenRegisteredAfreshFlows("bob", "Contact: <sip:bob@" + JAMBONZ + ":5060>;expires=60");
        assertEquals("0 calls (0 failed), 2 REGISTER dialogs (1 failed)",
                DiagnosisEngine.standard().diagnose(other, LiveKitConfig.empty()).counts(other));
        assertTrue(other.stream().anyMatch(f -> CallSummary.of(f).failed()));
    }

    @Test
    void aRegistrationRefusedAndLaterRegisteredAfreshIsALapseNotAPrimaryError() {
        Diagnosis d = refusedThenRegisteredAfresh("alice", "Contact: <sip:alice@" + JAMBONZ + ":5060>;expires=60");
        List<Finding> found = d.withCode(FindingCode.SIP_REGISTER_REJECTED);
        assertEquals(1, found.size(), d.findings().toString());
        Finding f = found.get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(!f.primary() && d.primaryFor("reg-status").isEmpty(), d.findings().toString());
        assertTrue(f.title().endsWith(", registered again later"), f.title());
        assertTrue(f.explanation().contains("registered again 300.0 s later under a new Call-ID (frame 6)"),
                f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("under Call-ID reg-fresh: 200 OK from "
                + PROXY + " (frame 6)")), f.evidence().facts().toString());
        assertTrue(f.evidence().frames().contains(6L), f.evidence().frames().toString());
        // the same answer removing the binding is a de-registration, and another account's registration is not this
        // one's: the refusal stays the primary error
        for (Diagnosis still : List.of(
                refusedThenRegisteredAfresh("alice", "Contact: <sip:alice@" + JAMBONZ + ":5060>;expires=0"),
                refusedThenRegisteredAfresh("bob", "Contact: <sip:bob@" + JAMBONZ + ":5060>;expires=60"))) {
            Finding error = still.withCode(FindingCode.SIP_REGISTER_REJECTED).stream()
                    .filter(x -> x.callId().equals("reg-status")).findFirst().orElseThrow();
            assertEquals(Severity.ERROR, error.severity(), error.title());
            assertTrue(error.primary(), error.title());
        }
    }

    @Test
    void oneAttemptIsCountedInTheSingular() {
        // sngrep_aaa.pcap cut after its first challenge read "401 Unauthorized after 1 attempt(s)"
        Finding f = rejected(401, "Unauthorized");
        assertEquals("Registration to " + PROXY + " failed: 401 Unauthorized after 1 attempt", f.title());
    }

    @Test
    void aProxyLoopIsExplainedAsALoop() {
        Finding f = rejected(483, "Too Many Hops");
        assertTrue(f.explanation().contains("loop of proxies"), f.explanation());
        assertTrue(f.fix().steps().get(0).startsWith("Check how " + PROXY + " and the proxies behind it route"),
                f.fix().steps().toString());
        assertTrue(!aboutCredentials(f), f.fix().steps().toString());
    }

    @Test
    void noRegistrarReachableShowsTheWarningAndTheRetryAfter() {
        Finding f = rejected(480, "No DNS results", "Warning: 399 " + PROXY + " \"No other DNS entries to try\"",
                "Retry-After: 30");
        assertTrue(f.evidence().facts().contains("Warning: 399 " + PROXY + " \"No other DNS entries to try\""),
                f.evidence().facts().toString());
        assertTrue(f.evidence().facts().contains("Retry-After: 30"), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("no DNS result"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("resolves") && !aboutCredentials(f), f.fix().steps().toString());
    }

    @Test
    void anUnknownUserAndAnIntervalTooBriefSayWhatToChange() {
        Finding unknown = rejected(404, "Not Found");
        assertTrue(unknown.explanation().contains("does not know the user or the domain"), unknown.explanation());
        assertTrue(!aboutCredentials(unknown), unknown.fix().steps().toString());
        Finding brief = rejected(423, "Interval Too Brief", "Min-Expires: 3600");
        assertTrue(brief.evidence().facts().contains("Min-Expires: 3600"), brief.evidence().facts().toString());
        assertEquals(List.of("Raise the registration's expiry to at least the registrar's Min-Expires."),
                brief.fix().steps());
    }

    @Test
    void aRefusedAccountNamesTheSourceAddress() {
        Finding f = afterChallenge(URI, 403, "Forbidden");
        assertEquals("Registration to " + PROXY + " failed: 403 Forbidden", f.title());
        assertTrue(f.fix().steps().get(0).endsWith("accepts registrations from " + JAMBONZ + "."), f.fix().steps().toString());
        assertTrue(f.fix().steps().stream().noneMatch(s -> s.contains("digest uri")), f.fix().steps().toString());
    }

    @Test
    void theDigestUriStepComesOnlyWhenTheUriDiffersFromTheRequestUri() {
        Finding same = afterChallenge(URI, 401, "Unauthorized");
        assertTrue(same.explanation().startsWith("Every REGISTER was challenged again"), same.explanation());
        assertEquals(1, same.fix().steps().size(), same.fix().steps().toString());
        assertTrue(same.fix().steps().get(0).startsWith("Check the username, password and realm"));
        Finding other = afterChallenge("sip:" + JAMBONZ, 401, "Unauthorized");
        assertEquals("Make the digest uri (\"sip:" + JAMBONZ + "\") equal to the Request-URI " + URI + ".",
                other.fix().steps().get(1));
    }

    @Test
    void aDigestUriEqualToTheRequestUriByRfc3261IsNoOtherUri() {
        // RFC 3261 19.1.4: the host's case and a transport parameter in one URI only do not make URIs differ
        for (String uri : List.of("sip:Registrar.Example", "sip:registrar.example;transport=tcp")) {
            Finding f = afterChallenge(uri, 401, "Unauthorized");
            assertEquals(1, f.fix().steps().size(), uri + ": " + f.fix().steps());
            assertTrue(f.evidence().facts().stream().noneMatch(x -> x.contains("is not the Request-URI")),
                    f.evidence().facts().toString());
        }
    }

    @Test
    void aChallengeNobodyAnsweredAsksForCredentialsToBeConfigured() {
        Finding f = rejected(407, "Proxy Authentication Required");
        assertTrue(f.explanation().contains("no REGISTER with them followed"), f.explanation());
        assertTrue(f.fix().steps().get(0).startsWith("Configure the username and password"), f.fix().steps().toString());
    }
}
