package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sipladder.Counted;
import org.sipladder.livekit.OutboundDigest;
import org.sipladder.sip.SipMessage;

/**
 * What a 401 or 407 to an INVITE that carried credentials says: the peer challenged again an INVITE that answered its
 * challenge, so it did not accept the credentials (RFC 3261 22.2, 22.3). A new challenge with stale=true only asks for
 * a fresh nonce (RFC 2617 3.2.1), and says nothing of them.
 *
 * @param fact the INVITEs that carried credentials and were challenged again (their frames), with the credentials' names
 * @param step the fix: the username, password and realm to check
 */
record CredentialsRefusal(String fact, String step) {

    /** The sentence the explanation of such a refusal gets instead of "no more specific cause". */
    static final String WHY = " Here the INVITE answered the challenge with credentials and was challenged again: the "
            + "peer did not accept the credentials (a wrong username or password, or a realm other than the "
            + "challenge's); credentials it takes get the call through or a refusal of the call itself, not another "
            + "challenge.";

    /**
     * The refusal of {@code tx}'s credentials, or null when its final answer is no 401 or 407, its INVITE carried no
     * credentials, or the new challenge says stale=true. {@code invites} are the call's INVITE transactions: the other
     * challenged INVITEs with credentials from the same sender under {@code tx}'s Call-ID are counted with it.
     */
    static CredentialsRefusal of(InviteTransaction tx, List<InviteTransaction> invites) {
        SipMessage last = tx.finalResponse();
        String sent = OutboundAuthCheck.credentials(tx.request());
        if (last == null || last.status() != 401 && last.status() != 407 || sent == null) {
            return null;
        }
        Map<String, String> challenge = OutboundDigest.params(last.header(last.status() == 401 ? "WWW-Authenticate"
                : "Proxy-Authenticate"));
        if (challenge != null && "true".equalsIgnoreCase(challenge.get("stale"))) {
            return null;
        }
        List<Long> frames = new ArrayList<>(2);
        for (InviteTransaction t : invites) {
            if (!t.inDialog() && OutboundAuthCheck.challenged(t) && OutboundAuthCheck.credentials(t.request()) != null
                    && t.callId().equals(tx.callId()) && t.request().src().equals(tx.request().src())) {
                frames.add(t.frame());
            }
        }
        Map<String, String> params = OutboundDigest.params(sent);
        String username = params == null ? "" : params.getOrDefault("username", "");
        String realm = params == null ? "" : params.getOrDefault("realm", "");
        String names = "username \"" + username + "\", realm \"" + realm + "\"";
        String sender = tx.request().src().address();
        String fact = Counted.of(frames.size(), "INVITE") + " from " + sender + " carried credentials (" + names
                + ") and " + (frames.size() == 1 ? "was" : "each was") + " challenged again: "
                + Findings.frameList(frames);
        return new CredentialsRefusal(fact, "Check the credentials " + sender + " sends (" + names
                + ") against the account at " + last.src().address() + ": the password, and that the username and realm "
                + "are the ones it expects.");
    }
}
