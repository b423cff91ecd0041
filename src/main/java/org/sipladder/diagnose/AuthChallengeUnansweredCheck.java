package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.StatusLine;
import org.sipladder.sip.SipMessage;

/**
 * LK_AUTH_CHALLENGE_UNANSWERED: LiveKit asked for credentials with 407 and the sender never retried with them where
 * LiveKit reads them (Proxy-Authorization; an Authorization header is ignored).
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
        for (LiveKitRouting r : context.routings()) {
            StatusLine last = r.observedFinal();
            if (last == null || last.status() != 407) {
                continue;
            }
            Retry retry = retry(context, r.transaction());
            if (retry != Retry.ANSWERED) {
                findings.add(finding(r, retry));
            }
        }
        return findings;
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

    private static Finding finding(LiveKitRouting r, Retry retry) {
        SIPInboundTrunkInfo trunk = r.simulated() ? r.outcome().trunk().trunk() : null;
        String user = trunk == null || trunk.getAuthUsername().isEmpty() ? "the trunk's auth user" : "\"" + trunk.getAuthUsername() + "\"";
        List<String> ids = trunk == null ? List.of() : List.of(trunk.getSipTrunkId());
        boolean wrongHeader = retry == Retry.AUTHORIZATION_ONLY;
        List<String> facts = new ArrayList<>();
        facts.add("INVITE without Proxy-Authorization, answered " + String.join(", ", r.observed().stream().map(LiveKitRouting::label).toList()));
        facts.add(wrongHeader ? "The call's INVITEs carry credentials in an Authorization header only, which LiveKit "
                + "ignores: it reads them from Proxy-Authorization" : "No later INVITE of this call carries Proxy-Authorization");
        if (trunk != null) {
            facts.add(trunk.getSipTrunkId() + " requires authentication: user \"" + trunk.getAuthUsername() + "\", password "
                    + (trunk.getAuthPassword().isEmpty() ? "not set" : "set"));
        }
        List<String> steps = new ArrayList<>();
        if (wrongHeader) {
            steps.add("Make the sender answer LiveKit's 407 with a Proxy-Authorization header (the answer to a 407); "
                    + "LiveKit ignores an Authorization header (the answer to a 401), so it challenges again.");
        }
        steps.add("In Jambonz, open the carrier that points to LiveKit and set outbound authentication: user "
                + user + " and the trunk's password.");
        steps.add("Or, if this sender has a fixed public address, drop authentication on the trunk and allow that "
                + "address instead (allowed_addresses) - only when the address is really fixed.");
        return Findings.call(r.transaction(), CODE,
                CODE.title(wrongHeader ? "the sender put them in Authorization, which LiveKit ignores"
                        : "the sender never sent them"),
                "When the matched trunk has both auth_username and auth_password, LiveKit answers an INVITE without "
                        + "a Proxy-Authorization header with 407 and a Digest challenge. The sender must send the "
                        + "INVITE again with credentials (an Authorization header is ignored); otherwise the call fails.",
                Findings.evidence(Findings.frames(r.transaction()), ids, facts),
                Findings.fix(steps, List.of(), null));
    }
}
