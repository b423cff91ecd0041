package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/**
 * An INVITE that answered a digest challenge with credentials and was challenged again had its credentials refused
 * (RFC 3261 22.2/22.3; a challenge with stale=true only asks for a fresh nonce, RFC 2617 3.2.1): the capture says so,
 * and the finding must not claim it shows no more specific cause.
 */
class CredentialsRejectedTest {

    private static final String SBC = "198.51.100.20";
    private static final String CARRIER = "203.0.113.10";
    private static final String INVITE = SipTexts.invite("auth-call", "sip:+15559870002@" + CARRIER, "+15551230001", SBC,
            SipTexts.sdp(SBC, "0 PCMU/8000"));

    private static String challenge(String invite, String nonce, String extra) {
        return SipTexts.response(invite, 407, "Proxy Authentication Required",
                "Proxy-Authenticate: Digest realm=\"carrier.example\", nonce=\"" + nonce + "\", algorithm=MD5" + extra);
    }

    private static String withCredentials(int cseq) {
        return SipTexts.retry(INVITE, cseq, "Proxy-Authorization: Digest username=\"acme\", realm=\"carrier.example\", "
                + "nonce=\"n" + (cseq - 1) + "\", uri=\"sip:+15559870002@" + CARRIER + "\", response=\"0123456789abcdef"
                + "0123456789abcdef\", algorithm=MD5");
    }

    /** The INVITE challenged, then {@code retries} INVITEs with credentials, each challenged again. */
    private static Finding rejected(int retries, String lastExtra) {
        TestCall call = new TestCall().hop(SBC, Role.SIP_ENDPOINT).hop(CARRIER, Role.CARRIER)
                .send(SBC, CARRIER, INVITE).send(CARRIER, SBC, challenge(INVITE, "n1", ""));
        for (int i = 1; i <= retries; i++) {
            String retry = withCredentials(i + 1);
            call.send(SBC, CARRIER, retry).send(CARRIER, SBC, challenge(retry, "n" + (i + 1), i == retries ? lastExtra : ""));
        }
        return DiagnosisEngine.standard().diagnose(List.of(call.flow()), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
    }

    @Test
    void credentialsChallengedAgainAndAgainWereRefused() {
        Finding f = rejected(3, "");
        assertTrue(f.explanation().contains("did not accept the credentials"), f.explanation());
        assertFalse(f.explanation().contains("no more specific cause"), f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("3 INVITEs") && x.contains("username \"acme\"")),
                f.evidence().facts().toString());
        assertTrue(f.fix().steps().get(0).contains("acme"), f.fix().toString());
    }

    @Test
    void aChallengeNeverAnsweredSaysNothingOfTheCredentials() {
        Finding f = rejected(0, "");
        assertFalse(f.explanation().contains("did not accept the credentials"), f.explanation());
    }

    @Test
    void aStaleNonceIsNoRefusalOfTheCredentials() {
        Finding f = rejected(1, ", stale=true");
        assertFalse(f.explanation().contains("did not accept the credentials"), f.explanation());
    }
}
