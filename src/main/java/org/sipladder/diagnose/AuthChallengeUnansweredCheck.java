package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.AuthOutcome;
import org.sipladder.livekit.ConfigView;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.StatusLine;
import org.sipladder.flow.Role;
import org.sipladder.sip.SipMessage;

/**
 * LK_AUTH_CHALLENGE_UNANSWERED: LiveKit asked for credentials with 407 and the sender never retried with them where
 * LiveKit reads them (Proxy-Authorization; an Authorization header is ignored). Also the challenge the config predicts
 * for an INVITE that LiveKit answered without one, a prediction the capture contradicts.
 */
final class AuthChallengeUnansweredCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_AUTH_CHALLENGE_UNANSWERED;

    /** What the challenged INVITE and the call's later INVITEs to LiveKit carry. */
    private enum Retry {
        /** No credentials at all. */
        NONE,
        /** Credentials only in Authorization, which LiveKit ignores. */
        AUTHORIZATION_ONLY,
        /** A later INVITE carries Proxy-Authorization: the challenge was answered. */
        ANSWERED
    }

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        List<LiveKitRouting> routings = context.routings();
        for (int i = 0; i < routings.size(); i++) {
            LiveKitRouting r = routings.get(i);
            StatusLine last = r.observedFinal();
            if (answeredWithoutChallenge(r, last)) {
                findings.add(withoutChallenge(r, context.header(r.transaction().request(), "Authorization") != null));
                continue;
            }
            // one finding per Call-ID and LiveKit node, on its first challenge: LiveKit challenges every INVITE of
            // the Call-ID that lacks Proxy-Authorization, so the later 407s are the same unanswered challenge
            if (!challenged(r) || challengedBefore(routings, i)) {
                continue;
            }
            Retry retry = retry(context, r.transaction());
            if (retry != Retry.ANSWERED) {
                findings.add(finding(context, r, sameChallenges(routings, i), retry));
            }
        }
        return findings;
    }

    private static boolean challenged(LiveKitRouting r) {
        StatusLine last = r.observedFinal();
        return last != null && last.status() == 407;
    }

    /** True when an earlier routing of the list is a challenged INVITE of the same Call-ID to the same node. */
    private static boolean challengedBefore(List<LiveKitRouting> routings, int i) {
        for (int k = 0; k < i; k++) {
            if (challenged(routings.get(k)) && sameNode(routings.get(k), routings.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The challenged routings of the same Call-ID and node as the {@code i}th, from it on (itself first). */
    private static List<LiveKitRouting> sameChallenges(List<LiveKitRouting> routings, int i) {
        List<LiveKitRouting> same = new ArrayList<>(2);
        same.add(routings.get(i));
        for (int k = i + 1; k < routings.size(); k++) {
            if (challenged(routings.get(k)) && sameNode(routings.get(i), routings.get(k))) {
                same.add(routings.get(k));
            }
        }
        return same;
    }

    private static boolean sameNode(LiveKitRouting a, LiveKitRouting b) {
        SipMessage x = a.transaction().request();
        SipMessage y = b.transaction().request();
        return x.callId() != null && x.callId().equals(y.callId()) && x.dst().address().equals(y.dst().address());
    }

    /**
     * True when the config's trunk would have challenged {@code r}'s INVITE (it has no Proxy-Authorization) but LiveKit
     * answered it otherwise, neither 407 nor 401: it did not ask for credentials.
     */
    private static boolean answeredWithoutChallenge(LiveKitRouting r, StatusLine last) {
        return r.simulated() && r.outcome().auth() == AuthOutcome.CHALLENGE && !r.observed().isEmpty()
                && (last == null || last.status() != 407 && last.status() != 401)
                && r.consistency() == Consistency.INCONSISTENT;
    }

    /**
     * The challenge the config predicts, which the capture contradicts: {@link ContradictedPredictions} makes it a
     * warning that is never the call's primary cause, and says LiveKit did not ask for credentials.
     */
    private static Finding withoutChallenge(LiveKitRouting r, boolean authorization) {
        SIPInboundTrunkInfo trunk = r.outcome().trunk().trunk();
        String id = trunk.getSipTrunkId();
        List<String> facts = List.of("INVITE frame " + r.transaction().frame() + " carries no Proxy-Authorization"
                        + (authorization ? " (only an Authorization header, which LiveKit ignores)" : ""),
                id + " requires authentication: user \"" + trunk.getAuthUsername() + "\", password set",
                "LiveKit answered " + answers(r)
                        + ": no 407 or 401, it never asked for credentials");
        return Findings.call(r.transaction(), CODE, CODE.configTitle(id),
                "When the matched trunk has both auth_username and auth_password, LiveKit answers an INVITE without "
                        + "a Proxy-Authorization header with 407 and a Digest challenge before it rings or answers.",
                Findings.evidence(Findings.frames(r.transaction()), List.of(id), facts),
                Findings.fix(List.of("Check which trunk took the call in the project the INVITE went to (lk sip inbound "
                        + "list): if " + id + " has no credentials there, load that project's current config here.",
                        "If LiveKit should ask for credentials, set them on the trunk it used (lk sip inbound update "
                                + "--id " + id + " --auth-user " + trunk.getAuthUsername() + " --auth-pass <password>) "
                                + "and the same in Jambonz's carrier authentication."), List.of(), null));
    }

    /** LiveKit's responses to the INVITE: "100 Processing, 407 Unauthorized". */
    private static String answers(LiveKitRouting r) {
        StringBuilder s = new StringBuilder(64);
        for (int i = 0; i < r.observed().size(); i++) {
            s.append(i == 0 ? "" : ", ").append(LiveKitRouting.label(r.observed().get(i)));
        }
        return s.toString();
    }

    /**
     * Reads the call's own INVITEs after the challenged one (those with its Call-ID or to the same address): a few per
     * call, where a search of every routing of the capture grew with the square of its calls.
     */
    private static Retry retry(DiagnosisContext context, InviteTransaction challenged) {
        SipMessage request = challenged.request();
        Retry seen = context.header(request, "Authorization") != null ? Retry.AUTHORIZATION_ONLY : Retry.NONE;
        List<InviteTransaction> invites = context.invites(challenged.flow());
        for (int i = 0; i < invites.size(); i++) {
            SipMessage later = invites.get(i).request();
            if (later.frame() <= request.frame() || !(later.dst().address().equals(request.dst().address())
                    || request.callId() != null && request.callId().equals(later.callId()))) {
                continue;
            }
            if (context.header(later, "Proxy-Authorization") != null) {
                return Retry.ANSWERED;
            }
            if (context.header(later, "Authorization") != null) {
                seen = Retry.AUTHORIZATION_ONLY;
            }
        }
        return seen;
    }

    /**
     * The finding about the unanswered challenge of {@code challenges} (the first challenged INVITE of a Call-ID and
     * node, then its later ones, each answered 407 again).
     */
    private static Finding finding(DiagnosisContext context, LiveKitRouting r, List<LiveKitRouting> challenges,
                                   Retry retry) {
        SIPInboundTrunkInfo trunk = r.simulated() ? r.outcome().trunk().trunk() : null;
        List<String> ids = trunk == null ? List.of() : List.of(trunk.getSipTrunkId());
        boolean wrongHeader = retry == Retry.AUTHORIZATION_ONLY;
        List<String> facts = new ArrayList<>();
        facts.add("INVITE without Proxy-Authorization, answered " + answers(r));
        if (challenges.size() > 1) {
            facts.add(retriesFact(context, challenges));
        } else {
            facts.add(wrongHeader ? "The call's INVITEs carry credentials in an Authorization header only, which "
                    + "LiveKit ignores: it reads them from Proxy-Authorization"
                    : "No later INVITE of this call carries Proxy-Authorization");
        }
        List<Long> frames = new ArrayList<>();
        for (int i = 0; i < challenges.size(); i++) {
            frames.addAll(Findings.frames(challenges.get(i).transaction()));
        }
        // LiveKit challenges only for a trunk with both a username and a password (livekit/sip inbound.go,
        // handleInviteAuth): a 407 for a trunk of the loaded config without them came from another config
        boolean contradicted = trunk != null && !ConfigView.requiresAuth(trunk);
        if (contradicted) {
            facts.add(trunk.getSipTrunkId() + " in the loaded config has " + (trunk.getAuthUsername().isEmpty()
                    ? "no credentials" : "auth user \"" + trunk.getAuthUsername() + "\" but no password")
                    + ", so LiveKit would not challenge: the trunk that answered has credentials (the config probably "
                    + "changed since the capture, or the capture is from another LiveKit project)");
        } else if (trunk != null) {
            facts.add(trunk.getSipTrunkId() + " requires authentication: user \"" + trunk.getAuthUsername() + "\", password "
                    + (trunk.getAuthPassword().isEmpty() ? "not set" : "set"));
        }
        List<String> steps = new ArrayList<>();
        if (contradicted) {
            steps.add("Load the current config of the project the INVITE went to (lk sip inbound list --json) to see "
                    + "which trunk asks for credentials.");
        }
        if (wrongHeader) {
            steps.add("Make the sender answer LiveKit's 407 with a Proxy-Authorization header (the answer to a 407); "
                    + "LiveKit ignores an Authorization header (the answer to a 401), so it challenges again.");
        }
        String credentials = trunk == null || trunk.getAuthUsername().isEmpty() || contradicted
                ? "the trunk's auth user and password" : "the trunk's auth user \"" + trunk.getAuthUsername() + "\" and its password";
        SipMessage invite = r.transaction().request();
        steps.add(r.transaction().flow().hasHop(invite.src(), Role.JAMBONZ)
                ? "In Jambonz, open the carrier that points to LiveKit and set outbound authentication: " + credentials + "."
                : "Configure the sender (" + invite.src().address() + ") to answer LiveKit's 407 with "
                        + credentials + ".");
        steps.add("Or, if this sender has a fixed public address, drop authentication on the trunk and allow that "
                + "address instead (allowed_addresses) - only when the address is really fixed.");
        return Findings.call(r.transaction(), CODE,
                CODE.title(wrongHeader ? "the sender put them in Authorization, which LiveKit ignores"
                        : "the sender never sent them"),
                "When the matched trunk has both auth_username and auth_password, LiveKit answers an INVITE without "
                        + "a Proxy-Authorization header with 407 and a Digest challenge. The sender must send the "
                        + "INVITE again with credentials (an Authorization header is ignored); otherwise the call fails.",
                Findings.evidence(frames, ids, facts),
                Findings.fix(steps, List.of(), null));
    }

    /** What the sender's retries after the first challenge carried, each answered with 407 again. */
    private static String retriesFact(DiagnosisContext context, List<LiveKitRouting> challenges) {
        List<String> withAuthorization = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        for (int i = 1; i < challenges.size(); i++) {
            SipMessage retry = challenges.get(i).transaction().request();
            (context.header(retry, "Authorization") != null ? withAuthorization : bare).add(Long.toString(retry.frame()));
        }
        String again = ", and LiveKit challenged " + (challenges.size() == 2 ? "it" : "each") + " again with 407";
        String ignored = ": LiveKit ignores an Authorization header and reads credentials from Proxy-Authorization only";
        if (bare.isEmpty()) {
            return "The sender retried (INVITE " + Findings.frameList(withAuthorization) + ") with credentials in an "
                    + "Authorization header" + again + ignored;
        }
        if (withAuthorization.isEmpty()) {
            return "The sender retried (INVITE " + Findings.frameList(bare) + ") without Proxy-Authorization" + again;
        }
        return "The sender retried with credentials in an Authorization header (INVITE " + Findings.frameList(withAuthorization)
                + ") and without any (INVITE " + Findings.frameList(bare) + ")" + again + ignored;
    }
}
