package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.LiveKitConfig;

/**
 * LiveKit's digest check as livekit/sip does it (pkg/sip/inbound.go handleInviteAuth): user name first, then the
 * digest recomputed from the challenge it stored for the Call-ID (its latest 407), never from the nonce the
 * credentials name; no limit on attempts.
 */
class DigestAuthTest {

    private static final String DID = "4991874350352";
    private static final String URI = "sip:" + DID + "@project-1z3kctsj.sip.livekit.cloud";
    private static final String PASSWORD = "Tr0unk-Pa55word";
    private static final LiveKitConfig AUTH = config(List.of(trunk("ST_auth", DID).setAuthUsername("jambonz")
            .setAuthPassword(PASSWORD)), List.of(rule("SDR_a", "agent", "ST_auth")));

    @Test
    void aWrongPasswordTheSenderGaveUpOnIsACredentialsMismatchNamingBothUsers() {
        CallFlow flow = challengedThenAnswered(List.of("n-1"), "jambonz", "not-the-password", "n-1", "401 Unauthorized");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), AUTH);

        Finding f = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.LK_AUTH_FAILED, f.code());
        assertEquals("LiveKit rejected the credentials (401 Unauthorized): credentials mismatch: user \"jambonz\" is "
                + "right, the password is not trunk ST_auth's", f.title());
        assertTrue(f.evidence().facts().contains("ST_auth expects auth_username \"jambonz\"; password set (not shown)"),
                f.evidence().facts().toString());
        assertTrue(f.evidence().facts().contains("Proxy-Authorization username \"jambonz\", nonce \"n-1\""));
        assertTrue(f.evidence().facts().stream().anyMatch(s -> s.startsWith("The sender tried 1 time with "
                + "credentials for this Call-ID, then gave up: LiveKit sets no limit on attempts")), f.evidence().facts().toString());
        assertFalse(f.toString().contains(PASSWORD));
        assertEquals(Consistency.CONSISTENT, d.routings().get(1).consistency(), d.routings().get(1).summary());
    }

    @Test
    void credentialsLiveKitAcceptedAreNoRejectionWhateverTheLoadedPasswordSays() {
        // LiveKit answered 200 OK to credentials the loaded password does not reproduce: the live trunk holds the
        // sender's password, the loaded file another; the call did not fail and LiveKit rejected nothing
        CallFlow flow = challengedThenAnswered(List.of("n-1"), "jambonz", "the-live-password", "n-1", "200 OK");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), AUTH);

        Finding f = d.withCode(FindingCode.LK_AUTH_FAILED).get(0);
        assertFalse(f.title().contains("rejected"), f.title());
        assertTrue(f.title().startsWith("Trunk ST_auth's password in the loaded config is not the one the sender used "
                + "(user \"jambonz\")"), f.title());
        assertTrue(f.title().endsWith("yet LiveKit answered this call with 200 OK"), f.title());
        assertEquals(Severity.WARNING, f.severity());
        assertFalse(f.primary());
        assertTrue(f.evidence().facts().contains("LiveKit answered 200 OK: it accepted the credentials"),
                f.evidence().facts().toString());
        assertTrue(f.evidence().facts().stream().noneMatch(x -> x.contains("gave up")), f.evidence().facts().toString());
        assertTrue(f.fix().steps().get(0).startsWith("Nothing to fix for this call"), f.fix().toString());
        assertFalse(f.toString().contains(PASSWORD));
    }

    @Test
    void aRefusalTheCaptureDoesNotShowIsTheConfigsPredictionNotLiveKits() {
        // LiveKit answered 486 (no agent) after taking the credentials the loaded password refuses: not a rejection
        // LiveKit made, and not one of credentials it accepted by ringing either (no 180 here)
        CallFlow flow = challengedThenAnswered(List.of("n-1"), "jambonz", "the-live-password", "n-1", "486 Rejected");

        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), AUTH).withCode(FindingCode.LK_AUTH_FAILED).get(0);

        assertTrue(f.title().startsWith("The loaded config would refuse the credentials (401 Unauthorized): "), f.title());
        assertTrue(f.evidence().facts().contains("LiveKit answered 486 Rejected"), f.evidence().facts().toString());
    }

    @Test
    void aWrongUserNameIsACredentialsMismatchNamingTheTrunksUserAndTheOneSent() {
        CallFlow flow = challengedThenAnswered(List.of("n-1"), "jambonz-carrier", PASSWORD, "n-1", "401 Unauthorized");

        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), AUTH).withCode(FindingCode.LK_AUTH_FAILED).get(0);

        assertEquals("LiveKit rejected the credentials (401 Unauthorized): credentials mismatch: the sender "
                + "authenticates as \"jambonz-carrier\", trunk ST_auth expects auth_username \"jambonz\"", f.title());
        assertTrue(f.fix().steps().get(0).contains("\"jambonz\""), f.fix().toString());
    }

    @Test
    void aRetryThatAnswersAnOlderChallengeFailsWhateverThePasswordAndIsSaidSo() {
        // two 407s (nonces n-1, n-2) for the Call-ID; the credentials, right user and password, answer n-1: LiveKit
        // computes the digest from its stored challenge, the latest, and answers 401 Unauthorized
        CallFlow flow = challengedThenAnswered(List.of("n-1", "n-2"), "jambonz", PASSWORD, "n-1", "401 Unauthorized");

        for (LiveKitConfig cfg : List.of(AUTH, LiveKitConfig.empty())) {
            Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), cfg);

            Finding f = d.withCode(FindingCode.LK_AUTH_FAILED).get(0);
            assertEquals("LiveKit rejected the credentials (401 Unauthorized): the retry answers nonce \"n-1\", not "
                    + "LiveKit's latest challenge \"n-2\"", f.title());
            assertTrue(f.primary());
            assertTrue(f.fix().steps().get(0).contains("newest 407"), f.fix().toString());
            if (!cfg.isEmpty()) {
                LiveKitRouting retry = d.routings().get(2);
                assertEquals(List.of("100 Processing", "401 Unauthorized"), retry.outcome().expectedResponses());
                assertEquals(Consistency.CONSISTENT, retry.consistency(), retry.summary());
            }
        }
    }

    @Test
    void theRightDigestOverTheLatestNonceIsAcceptedButNotInUppercaseHexOrUnderALowercaseScheme() {
        CallFlow ok = challengedThenAnswered(List.of("n-1", "n-2"), "jambonz", PASSWORD, "n-2", "200 OK");
        Diagnosis accepted = DiagnosisEngine.standard().diagnose(List.of(ok), AUTH);
        assertTrue(accepted.withCode(FindingCode.LK_AUTH_FAILED).isEmpty(), accepted.findings().toString());

        // LiveKit compares the hex digest as written and wants the scheme spelt "Digest"
        String right = credentials("jambonz", PASSWORD, "n-1");
        String hex = right.substring(right.indexOf("response=\"") + 10, right.indexOf("\", algorithm"));
        CallFlow upper = challenged(List.of("n-1"), right.replace(hex, hex.toUpperCase()), "401 Unauthorized");
        Finding wrong = DiagnosisEngine.standard().diagnose(List.of(upper), AUTH).withCode(FindingCode.LK_AUTH_FAILED).get(0);
        assertTrue(wrong.title().endsWith("the password is not trunk ST_auth's"), wrong.title());

        CallFlow lower = challenged(List.of("n-1"), right.replace("Digest ", "digest "),
                "401 Bad credentials");
        Finding unreadable = DiagnosisEngine.standard().diagnose(List.of(lower), AUTH).withCode(FindingCode.LK_AUTH_FAILED).get(0);
        assertEquals("LiveKit rejected the credentials (401 Bad credentials): LiveKit cannot parse the "
                + "Proxy-Authorization header", unreadable.title());
    }

    @Test
    void badCredentialsAfterItsOwn407MeanTheNodeLostItsChallenge() {
        // readable credentials over the 407's nonce, answered "Bad credentials": the node no longer held the challenge
        CallFlow flow = challengedThenAnswered(List.of("n-1"), "jambonz", PASSWORD, "n-1", "401 Bad credentials");

        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), AUTH).withCode(FindingCode.LK_AUTH_FAILED).get(0);

        assertEquals("LiveKit rejected the credentials (401 Bad credentials): LiveKit no longer holds its challenge for "
                + "this Call-ID", f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(s -> s.contains("the last 500 Call-IDs")), f.evidence().facts().toString());
    }

    @Test
    void unauthorizedToTheDigestTheLoadedPasswordGivesSaysTheLiveTrunkDiffers() {
        // the loaded trunk takes these credentials: the trunk LiveKit checked them against is not the loaded one
        CallFlow flow = challengedThenAnswered(List.of("n-1"), "jambonz", PASSWORD, "n-1", "401 Unauthorized");

        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), AUTH).withCode(FindingCode.LK_AUTH_FAILED).get(0);

        assertTrue(f.title().endsWith("the loaded config accepts user \"jambonz\" and the password, so the live trunk "
                + "ST_auth's credentials differ from it"), f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("The digest matches ST_auth's user and "
                + "password in the loaded config")), f.evidence().facts().toString());
        assertTrue(f.fix().steps().get(0).startsWith("Compare the live trunk with the loaded file"), f.fix().toString());
        assertTrue(f.fix().steps().stream().noneMatch(x -> x.contains("load the LiveKit config")), f.fix().toString());
        assertFalse(f.toString().contains(PASSWORD));
    }

    @Test
    void aChallengeFromATrunkTheLoadedConfigGivesNoPasswordIsTheConfigChanged() {
        // LiveKit challenges only for a trunk with both user and password: this 407 came from another config
        LiveKitConfig userOnly = config(List.of(trunk("ST_auth", DID).setAuthUsername("u")),
                List.of(rule("SDR_a", "agent", "ST_auth")));
        CallFlow flow = challenged(List.of("n-1"), null, null);

        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), userOnly)
                .withCode(FindingCode.LK_AUTH_CHALLENGE_UNANSWERED).get(0);

        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("ST_auth in the loaded config has auth "
                + "user \"u\" but no password, so LiveKit would not challenge")), f.evidence().facts().toString());
        assertTrue(f.evidence().facts().stream().noneMatch(x -> x.contains("requires authentication")),
                f.evidence().facts().toString());
        assertTrue(f.fix().steps().get(0).startsWith("Load the current config of the project"), f.fix().toString());
        assertTrue(f.fix().steps().stream().anyMatch(x -> x.endsWith("the trunk's auth user and password.")),
                f.fix().toString());
    }

    /** One INVITE challenged per nonce, then one with credentials of {@code user}/{@code password} over {@code nonce}. */
    private static CallFlow challengedThenAnswered(List<String> nonces, String user, String password, String nonce,
                                                   String finalAnswer) {
        return challenged(nonces, credentials(user, password, nonce), finalAnswer);
    }

    private static CallFlow challenged(List<String> nonces, String credentials, String finalAnswer) {
        String invite = SipTexts.invite("call-digest", URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        TestCall call = TestCall.carrierJambonzLiveKit();
        int cseq = 1;
        for (String n : nonces) {
            String attempt = cseq == 1 ? invite : SipTexts.retry(invite, cseq);
            call.send(JAMBONZ, LIVEKIT, attempt).send(LIVEKIT, JAMBONZ, SipTexts.response(attempt, 100, "Processing"))
                    .send(LIVEKIT, JAMBONZ, SipTexts.response(attempt, 407, "Unauthorized",
                            "Proxy-Authenticate: Digest realm=\"LiveKit\", nonce=\"" + n + "\", algorithm=MD5"));
            cseq++;
        }
        if (credentials == null) {
            return call.flow();
        }
        String retry = SipTexts.retry(invite, cseq, "Proxy-Authorization: " + credentials);
        String[] parts = finalAnswer.split(" ", 2);
        return call.send(JAMBONZ, LIVEKIT, retry).send(LIVEKIT, JAMBONZ, SipTexts.response(retry, 100, "Processing"))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(retry, Integer.parseInt(parts[0]), parts[1])).flow();
    }

    /** RFC 2617 digest credentials without qop, as a sender answering LiveKit's challenge computes them. */
    private static String credentials(String user, String password, String nonce) {
        String response = md5(md5(user + ":LiveKit:" + password) + ":" + nonce + ":" + md5("INVITE:" + URI));
        return "Digest username=\"" + user + "\", realm=\"LiveKit\", nonce=\"" + nonce + "\", uri=\"" + URI
                + "\", response=\"" + response + "\", algorithm=MD5";
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
