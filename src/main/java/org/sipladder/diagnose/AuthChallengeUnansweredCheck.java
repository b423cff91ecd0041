package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.StatusLine;

/** LK_AUTH_CHALLENGE_UNANSWERED: LiveKit asked for credentials with 407 and the sender never retried with them. */
final class AuthChallengeUnansweredCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_AUTH_CHALLENGE_UNANSWERED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.routings()) {
            StatusLine last = r.observedFinal();
            if (last != null && last.status() == 407 && !retriedWithCredentials(context, r)) {
                findings.add(finding(r));
            }
        }
        return findings;
    }

    private static boolean retriedWithCredentials(DiagnosisContext context, LiveKitRouting challenged) {
        return context.routings().stream().anyMatch(o -> o.flowId().equals(challenged.flowId())
                && o.transaction().frame() > challenged.transaction().frame()
                && o.invite().proxyAuthorization() != null);
    }

    private static Finding finding(LiveKitRouting r) {
        SIPInboundTrunkInfo trunk = r.simulated() ? r.outcome().trunk().trunk() : null;
        String user = trunk == null || trunk.getAuthUsername().isEmpty() ? "the trunk's auth user" : "\"" + trunk.getAuthUsername() + "\"";
        List<String> ids = trunk == null ? List.of() : List.of(trunk.getSipTrunkId());
        List<String> facts = new ArrayList<>();
        facts.add("INVITE without Proxy-Authorization, answered " + String.join(", ", r.observed().stream().map(LiveKitRouting::label).toList()));
        facts.add("No later INVITE of this call carries Proxy-Authorization");
        if (trunk != null) {
            facts.add(trunk.getSipTrunkId() + " requires authentication: user \"" + trunk.getAuthUsername() + "\", password "
                    + (trunk.getAuthPassword().isEmpty() ? "not set" : "set"));
        }
        return Findings.call(r.transaction(), CODE,
                CODE.title(),
                "When the matched trunk has both auth_username and auth_password, LiveKit answers an INVITE without "
                        + "a Proxy-Authorization header with 407 and a Digest challenge. The sender must send the "
                        + "INVITE again with credentials (an Authorization header is ignored); otherwise the call fails.",
                Findings.evidence(Findings.frames(r.transaction()), ids, facts),
                Findings.fix(List.of(
                        "In Jambonz, open the carrier that points to LiveKit and set outbound authentication: user "
                                + user + " and the trunk's password.",
                        "Or, if this sender has a fixed public address, drop authentication on the trunk and allow that "
                                + "address instead (allowed_addresses) - only when the address is really fixed."),
                        List.of(), null));
    }
}
