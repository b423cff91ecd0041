package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.AuthOutcome;
import org.sipladder.livekit.StatusLine;

/** LK_AUTH_FAILED: the sender answered LiveKit's challenge, but LiveKit rejected the credentials. */
final class AuthFailedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_AUTH_FAILED;

    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.routings()) {
            StatusLine last = r.observedFinal();
            boolean observed = last != null && last.status() == 401 && r.invite().proxyAuthorization() != null;
            boolean predicted = r.simulated() && r.outcome().auth() == AuthOutcome.BAD_CREDENTIALS;
            if (observed || predicted) {
                findings.add(finding(context, r));
            }
        }
        return findings;
    }

    private static Finding finding(DiagnosisContext context, LiveKitRouting r) {
        SIPInboundTrunkInfo trunk = r.simulated() ? r.outcome().trunk().trunk() : null;
        String sentUser = username(r.invite().proxyAuthorization());
        boolean challengedSameCall = Boolean.TRUE.equals(r.invite().challengeStored());
        List<String> facts = new ArrayList<>();
        facts.add("Proxy-Authorization user \"" + sentUser + "\"");
        facts.add(challengedSameCall ? "This LiveKit node challenged the Call-ID earlier with 407"
                : "No 407 from this LiveKit node for the Call-ID in the capture: LiveKit has no stored challenge for it (new Call-ID or another LiveKit node)");
        if (trunk != null) {
            facts.add(trunk.getSipTrunkId() + " expects user \"" + trunk.getAuthUsername() + "\"; password "
                    + (trunk.getAuthPassword().isEmpty() ? "not set" : "set (not shown)"));
        }
        r.observed().stream().filter(s -> s.status() >= 200).findFirst().ifPresent(s -> facts.add("LiveKit answered " + LiveKitRouting.label(s)));
        List<String> steps = new ArrayList<>();
        if (!challengedSameCall) {
            steps.add("The credentials must answer LiveKit's own 407 for the same Call-ID: do not send "
                    + "Proxy-Authorization on a new call (or to another LiveKit node) without a fresh 407.");
        }
        if (trunk != null && !trunk.getAuthUsername().equals(sentUser)) {
            steps.add("The sender uses user \"" + sentUser + "\" but the trunk expects \"" + trunk.getAuthUsername()
                    + "\": fix the user name in Jambonz's carrier authentication.");
        }
        steps.add("Re-enter the password on both sides (LiveKit never shows it back): in Jambonz's carrier "
                + "authentication, and on the trunk with lk sip inbound update --id "
                + (trunk == null ? "TRUNK_ID" : trunk.getSipTrunkId()) + " --auth-pass <password>.");
        return Findings.call(r.transaction(), CODE, CODE.title(),
                "LiveKit answers 401 Bad credentials when the Proxy-Authorization header cannot be parsed or no "
                        + "challenge is stored for this Call-ID, and 401 Unauthorized when the user name or digest is "
                        + "wrong. The digest is computed from the password, so a password that differs between "
                        + "Jambonz and the trunk shows up here.",
                Findings.evidence(Findings.frames(r.transaction()), trunk == null ? List.of() : List.of(trunk.getSipTrunkId()), facts),
                Findings.fix(steps, List.of(), null));
    }

    private static String username(String authorization) {
        if (authorization == null) {
            return "";
        }
        Matcher m = USERNAME.matcher(authorization);
        return m.find() ? m.group(1) : "";
    }
}
