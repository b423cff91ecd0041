package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.Counted;
import org.sipladder.livekit.AuthFailure;
import org.sipladder.livekit.AuthOutcome;
import org.sipladder.livekit.DigestCheck;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.StatusLine;
import org.sipladder.sip.SipMessage;

/**
 * LK_AUTH_FAILED: the sender answered LiveKit's challenge, but LiveKit refused the credentials; says why as LiveKit
 * checks them (livekit/sip pkg/sip/inbound.go, handleInviteAuth): the user name, the stored challenge, the nonce,
 * the password. One finding per Call-ID, on its last refused attempt.
 */
final class AuthFailedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_AUTH_FAILED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<LiveKitRouting> refused = new ArrayList<>();
        for (LiveKitRouting r : context.routings()) {
            StatusLine last = r.observedFinal();
            boolean observed = last != null && last.status() == 401 && r.invite().proxyAuthorization() != null;
            boolean predicted = r.simulated() && r.outcome().auth() == AuthOutcome.BAD_CREDENTIALS;
            if (observed || predicted) {
                refused.add(r);
            }
        }
        List<Finding> findings = new ArrayList<>(refused.size());
        for (int i = 0; i < refused.size(); i++) {
            LiveKitRouting r = refused.get(i);
            if (!refusedAgainLater(refused, i)) {
                findings.add(finding(context, r, attempts(refused, r)));
            }
        }
        return findings;
    }

    /** True when a later refused attempt has the same Call-ID: the finding goes on the last one. */
    private static boolean refusedAgainLater(List<LiveKitRouting> refused, int i) {
        String callId = refused.get(i).transaction().callId();
        for (int k = i + 1; k < refused.size(); k++) {
            if (callId != null && callId.equals(refused.get(k).transaction().callId())) {
                return true;
            }
        }
        return false;
    }

    private static int attempts(List<LiveKitRouting> refused, LiveKitRouting r) {
        int n = 0;
        for (int i = 0; i < refused.size(); i++) {
            String callId = refused.get(i).transaction().callId();
            n += callId != null && callId.equals(r.transaction().callId()) ? 1 : 0;
        }
        return n;
    }

    /**
     * Why LiveKit refused the credentials: from the simulation when a trunk matched, else what the capture alone tells
     * (no earlier 407, a nonce other than the latest 407's, an unreadable header); null when it cannot tell.
     */
    private static AuthFailure failure(LiveKitRouting r, SIPInboundTrunkInfo trunk) {
        InboundInvite invite = r.invite();
        if (trunk != null) {
            return DigestCheck.check(trunk, invite).failure();
        }
        Map<String, String> sent = invite.proxyAuthorization().startsWith("Digest ")
                ? DigestCheck.parse(invite.proxyAuthorization()) : null;
        if (sent == null) {
            return AuthFailure.UNREADABLE;
        }
        if (Boolean.FALSE.equals(invite.challengeStored())) {
            return AuthFailure.NO_CHALLENGE;
        }
        String storedNonce = storedNonce(invite);
        return storedNonce != null && !storedNonce.equals(sent.getOrDefault("nonce", "")) ? AuthFailure.OTHER_NONCE : null;
    }

    private static String storedNonce(InboundInvite invite) {
        Map<String, String> stored = invite.challenge() == null ? null : DigestCheck.parse(invite.challenge());
        return stored == null ? null : stored.get("nonce");
    }

    private static Finding finding(DiagnosisContext context, LiveKitRouting r, int attempts) {
        SIPInboundTrunkInfo trunk = r.simulated() ? r.outcome().trunk().trunk() : null;
        AuthFailure failure = failure(r, trunk);
        if (trunk != null && failure != null && accepted(r)) {
            return acceptedAnyway(r, trunk, failure);
        }
        Map<String, String> sent = DigestCheck.parse(r.invite().proxyAuthorization());
        String sentUser = sent == null ? "" : sent.getOrDefault("username", "");
        String sentNonce = sent == null ? "" : sent.getOrDefault("nonce", "");
        String storedNonce = storedNonce(r.invite());
        StatusLine last = r.observedFinal();
        boolean lost = lostChallenge(r, sent, last);
        String answer = last != null && last.status() == 401 ? LiveKitRouting.label(last)
                : failure == null ? "401" : failure.responses().responses().get(1);
        List<String> facts = new ArrayList<>();
        facts.add("Proxy-Authorization username \"" + sentUser + "\", nonce \"" + sentNonce + "\"");
        if (trunk != null) {
            facts.add(trunk.getSipTrunkId() + " expects auth_username \"" + trunk.getAuthUsername() + "\"; password "
                    + (trunk.getAuthPassword().isEmpty() ? "not set" : "set (not shown)"));
        }
        facts.add(storedNonce != null ? "This LiveKit node's latest 407 for the Call-ID has nonce \"" + storedNonce
                + "\": LiveKit checks the credentials against that challenge only"
                : Boolean.TRUE.equals(r.invite().challengeStored()) ? "This LiveKit node challenged the Call-ID earlier with 407"
                : "No 407 from this LiveKit node for the Call-ID in the capture: LiveKit has no stored challenge for "
                + "it (new Call-ID or another LiveKit node)");
        if (last != null) {
            facts.add("LiveKit answered " + LiveKitRouting.label(last));
        }
        if (lost) {
            facts.add("This node challenged the Call-ID (its 407 is in the capture), yet answered Bad credentials to "
                    + "readable credentials: it no longer held that challenge. A LiveKit node keeps the challenges of "
                    + "the last 500 Call-IDs sent to trunks with authentication and drops the oldest (digestLimit in "
                    + "livekit/sip); a restart, or a load balancer handing the retry to another node behind the same "
                    + "address, loses it too");
        }
        if (gaveUp(context, r)) {
            facts.add("The sender tried " + Counted.of(attempts, "time") + " with credentials for this Call-ID, then gave up: "
                    + "LiveKit sets no limit on attempts (every INVITE of the Call-ID is checked again against its "
                    + "latest challenge, and a 401 is not replayed), so more attempts with the same credentials would "
                    + "only fail alike");
        }
        // the loaded trunk takes these credentials, yet LiveKit refused them with Unauthorized: its trunk is another
        boolean loadedAccepts = trunk != null && failure == null && !lost && last != null && last.status() == 401
                && !"Bad credentials".equalsIgnoreCase(last.reason());
        if (loadedAccepts) {
            facts.add("The digest matches " + trunk.getSipTrunkId() + "'s user and password in the loaded config: the "
                    + "trunk LiveKit checked them against has another auth_username or password (the config probably "
                    + "changed since the capture, or the capture is from another LiveKit project)");
        }
        String what = lost ? "LiveKit no longer holds its challenge for this Call-ID"
                : loadedAccepts ? "the loaded config accepts user \"" + sentUser + "\" and the password, so the live trunk "
                + trunk.getSipTrunkId() + "'s credentials differ from it"
                : what(failure, trunk, sentUser, sentNonce, storedNonce, last);
        // a refusal the capture does not show is the config's prediction: the title must not say LiveKit made it
        String title = last == null || last.status() == 401 ? CODE.title(answer, what)
                : "The loaded config would refuse the credentials (" + answer + "): " + what;
        return Findings.call(r.transaction(), CODE, title,
                "LiveKit reads credentials from Proxy-Authorization only and checks them in this order: it answers "
                        + "401 Bad credentials when the header cannot be parsed, 401 Unauthorized when the user name "
                        + "is not the trunk's auth_username, 401 Bad credentials when it holds no challenge for this "
                        + "Call-ID, and 401 Unauthorized when the digest differs from the one it computes from its own "
                        + "latest challenge for the Call-ID (its realm and nonce, MD5) and the trunk's password. A "
                        + "digest over another nonce, or over another password, fails alike.",
                Findings.evidence(Findings.frames(r.transaction()), trunk == null ? List.of() : List.of(trunk.getSipTrunkId()), facts),
                Findings.fix(lost ? LOST_STEPS : loadedAccepts ? liveTrunkSteps(trunk) : steps(failure, trunk, sentUser),
                        List.of(), null));
    }

    /** When the loaded trunk takes the credentials LiveKit refused: the live trunk is what to look at. */
    private static List<String> liveTrunkSteps(SIPInboundTrunkInfo trunk) {
        String id = trunk.getSipTrunkId();
        return List.of("Compare the live trunk with the loaded file (lk sip inbound list --json): its auth_username "
                        + "or password was changed, or the INVITE went to another project.",
                "Set the password the sender uses on the live trunk (LiveKit never shows it back): lk sip inbound "
                        + "update --id " + id + " --auth-user " + trunk.getAuthUsername() + " --auth-pass <password>.");
    }

    /**
     * True when LiveKit's answer shows it took the credentials: it rang or answered the call, which it does only after
     * the trunk's authentication passed (livekit/sip pkg/sip/inbound.go: handleInviteAuth comes before ringing).
     */
    static boolean accepted(LiveKitRouting r) {
        List<StatusLine> observed = r.observed();
        for (int i = 0; i < observed.size(); i++) {
            int status = observed.get(i).status();
            if (status > 100 && status < 300) {
                return true;
            }
        }
        return false;
    }

    /**
     * The finding when LiveKit accepted credentials that the loaded trunk refuses: nothing failed, but the loaded
     * config is not the one LiveKit used ({@link ContradictedPredictions} makes it a warning that is never primary).
     */
    private static Finding acceptedAnyway(LiveKitRouting r, SIPInboundTrunkInfo trunk, AuthFailure failure) {
        Map<String, String> sent = DigestCheck.parse(r.invite().proxyAuthorization());
        String sentUser = sent == null ? "" : sent.getOrDefault("username", "");
        String id = trunk.getSipTrunkId();
        String what = switch (failure) {
            case WRONG_USER -> "Trunk " + id + "'s auth_username in the loaded config is \"" + trunk.getAuthUsername()
                    + "\", the sender authenticated as \"" + sentUser + "\"";
            case WRONG_DIGEST -> "Trunk " + id + "'s password in the loaded config is not the one the sender used "
                    + "(user \"" + sentUser + "\")";
            default -> "The loaded config would refuse the sender's credentials for trunk " + id;
        };
        StatusLine last = r.observedFinal();
        String answered = last != null ? LiveKitRouting.label(last) : "180 Ringing";
        List<String> facts = List.of("Proxy-Authorization username \"" + sentUser + "\", nonce \""
                        + (sent == null ? "" : sent.getOrDefault("nonce", "")) + "\"",
                id + " in the loaded config expects auth_username \"" + trunk.getAuthUsername() + "\"; password "
                        + (trunk.getAuthPassword().isEmpty() ? "not set" : "set (not shown)"),
                "LiveKit answered " + answered + ": it accepted the credentials");
        return Findings.call(r.transaction(), CODE, what,
                "LiveKit checks the credentials in Proxy-Authorization against the matched trunk's auth_username and "
                        + "auth_password (an MD5 digest over its own challenge) before it rings or answers. It took "
                        + "these, so the trunk it used holds the user name and password the sender used; the loaded "
                        + "config's trunk does not.",
                Findings.evidence(Findings.frames(r.transaction()), List.of(id), facts),
                Findings.fix(List.of("Nothing to fix for this call: LiveKit accepted the credentials. If you keep "
                        + "the trunk's settings in the loaded file, set them there as the sender uses them (LiveKit "
                        + "never shows a password back), so that diagnoses with this file match the live trunk."),
                        List.of(), null));
    }

    private static final List<String> LOST_STEPS = List.of("Answer LiveKit's 407 at once, on the same connection and "
            + "to the same address: the challenge lives only on the node that sent it, among its last 500.",
            "Self-hosted behind a load balancer: keep all INVITEs of a Call-ID on one LiveKit node (hash on the "
                    + "Call-ID or the source address).");

    /**
     * True when LiveKit answered Bad credentials to readable credentials although the capture shows its 407 for the
     * Call-ID: the node had lost the challenge (livekit/sip keeps the last {@code digestLimit} = 500 per node).
     */
    private static boolean lostChallenge(LiveKitRouting r, Map<String, String> sent, StatusLine last) {
        return last != null && last.status() == 401 && "Bad credentials".equalsIgnoreCase(last.reason())
                && Boolean.TRUE.equals(r.invite().challengeStored()) && sent != null
                && r.invite().proxyAuthorization().startsWith("Digest ");
    }

    /** True when no later INVITE of the Call-ID went to the node: the sender stopped after this refusal. */
    private static boolean gaveUp(DiagnosisContext context, LiveKitRouting r) {
        SipMessage request = r.transaction().request();
        List<InviteTransaction> invites = context.invites(r.transaction().flow());
        for (int i = 0; i < invites.size(); i++) {
            SipMessage later = invites.get(i).request();
            if (later.frame() > request.frame() && !invites.get(i).inDialog() && request.callId() != null
                    && request.callId().equals(later.callId()) && later.dst().address().equals(request.dst().address())) {
                return false;
            }
        }
        return r.observedFinal() != null;
    }

    /** What went wrong, for the title. */
    private static String what(AuthFailure failure, SIPInboundTrunkInfo trunk, String sentUser, String sentNonce,
                               String storedNonce, StatusLine last) {
        if (failure == null) {
            return last != null && "Bad credentials".equalsIgnoreCase(last.reason())
                    ? "LiveKit could not check them (no challenge stored for the Call-ID, or unreadable credentials)"
                    : "credentials mismatch: user \"" + sentUser + "\" or its password is not the trunk's";
        }
        return switch (failure) {
            case WRONG_USER -> "credentials mismatch: the sender authenticates as \"" + sentUser + "\", trunk "
                    + trunk.getSipTrunkId() + " expects auth_username \"" + trunk.getAuthUsername() + "\"";
            case WRONG_DIGEST -> "credentials mismatch: user \"" + sentUser + "\" is right, the password is not trunk "
                    + trunk.getSipTrunkId() + "'s";
            case OTHER_NONCE -> "the retry answers nonce \"" + sentNonce + "\", not LiveKit's latest challenge \""
                    + storedNonce + "\"";
            case NO_CHALLENGE -> "LiveKit holds no challenge for this Call-ID";
            case UNREADABLE -> "LiveKit cannot parse the Proxy-Authorization header";
        };
    }

    private static List<String> steps(AuthFailure failure, SIPInboundTrunkInfo trunk, String sentUser) {
        String id = trunk == null ? "TRUNK_ID" : trunk.getSipTrunkId();
        String password = "Re-enter the password on both sides (LiveKit never shows it back): in Jambonz's carrier "
                + "authentication, and on the trunk with lk sip inbound update --id " + id + " --auth-pass <password>.";
        if (failure == null) {
            return List.of("Compare the user name the sender uses (\"" + sentUser + "\") with the trunk's auth_username "
                    + "(lk sip inbound list), and load the LiveKit config to have it checked.", password);
        }
        return switch (failure) {
            case WRONG_USER -> List.of("Set the user name in Jambonz's carrier authentication to \""
                    + trunk.getAuthUsername() + "\" (the trunk's auth_username), or set the trunk's to \"" + sentUser
                    + "\" with lk sip inbound update --id " + id + " --auth-user " + sentUser + ".", password);
            case WRONG_DIGEST -> List.of(password);
            case OTHER_NONCE -> List.of("Make the sender compute the digest with the nonce of LiveKit's newest 407 "
                    + "for the Call-ID: LiveKit keeps one challenge per Call-ID, replaced by every 407, and never "
                    + "accepts an older nonce (it sends no stale=true).", "Check that the sender does not send the "
                    + "INVITE again without credentials while it answers a challenge (each such INVITE gets a new 407 "
                    + "with a new nonce), and that it does not reuse a nonce from an earlier call.");
            case NO_CHALLENGE -> List.of("The credentials must answer LiveKit's own 407 for the same Call-ID: do not send "
                    + "Proxy-Authorization on a new call (or to another LiveKit node) without a fresh 407.");
            case UNREADABLE -> List.of("Send Proxy-Authorization as 'Digest username=\"...\", realm=\"...\", "
                    + "nonce=\"...\", uri=\"...\", response=\"...\"' (the scheme written 'Digest').");
        };
    }
}
