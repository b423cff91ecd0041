package org.sipladder.diagnose;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sipladder.sip.SipMessage;

/**
 * One decision of LiveKit's about two attempts of one call: a sender (a B2BUA such as Jambonz) refused by one LiveKit
 * address tries the next one (a name with several DNS records, RFC 3263 failover) and gets the same answer for the
 * same reason. With a config, the same simulated code naming the same trunks and rules is one cause: every LiveKit
 * node of a project reads the same trunks and dispatch rules. Without one, the same answer to the same Request-URI
 * host under {@code sip.livekit.cloud} is one cause too: that host names one LiveKit Cloud project. Any other pair
 * (two self-hosted servers, two hosts) may be two deployments with two configs and stays two findings.
 */
final class SameDecision {

    /** Codes read from LiveKit's answer without a config, which fold only for one Cloud project's host. */
    private static final Set<FindingCode> READ_FROM_ANSWER = Collections.unmodifiableSet(
            EnumSet.of(FindingCode.LK_RESPONSE_EXPLAINED));
    private static final String CLOUD_SIP_DOMAIN = ".sip.livekit.cloud";

    private SameDecision() {
    }

    /**
     * True when {@code later} is {@code first}'s decision again on a later attempt of the same sender at the same
     * call ({@link Attempts}), answered alike; {@code invites} are the call's INVITE transactions.
     */
    static boolean repeats(Finding later, Finding first, List<InviteTransaction> invites,
                           List<LiveKitRouting> routings) {
        if (later == first || later.code() != first.code() || later.flowId() == null
                || !later.flowId().equals(first.flowId()) || later.evidence().frames().isEmpty()
                || first.evidence().frames().isEmpty()
                || later.evidence().frames().get(0) <= first.evidence().frames().get(0)) {
            return false;
        }
        FindingCode code = first.code();
        if (!code.simulated() && !READ_FROM_ANSWER.contains(code)) {
            return false;
        }
        InviteTransaction a = about(first, invites);
        InviteTransaction b = about(later, invites);
        if (a == null || b == null || status(a) != status(b)
                || !Attempts.of(a.flow(), invites, a).contains(b)) {
            return false;
        }
        return code.simulated() ? sameConfig(first, later, routings) : oneCloudProject(a, b);
    }

    /**
     * Why {@code later} follows from {@code primary}, of which it {@link #repeats repeats} the decision: a sentence
     * to append to its explanation.
     */
    static String why(Finding primary, Finding later, List<InviteTransaction> invites) {
        InviteTransaction a = about(primary, invites);
        InviteTransaction b = about(later, invites);
        String basis = primary.code().simulated()
                ? "for the same reason: every LiveKit address of a project decides with the same trunks and dispatch "
                + "rules"
                : "for the same reason: both serve the Request-URI host " + host(b) + ", one LiveKit Cloud project, "
                + "whose trunks and dispatch rules decide at every address";
        String where = a.request().dst().equals(b.request().dst()) ? "attempt" : "address";
        return " LiveKit decided the same on the next " + where + ": after " + a.request().dst().address() + " answered "
                + answer(a) + " to the INVITE of frame " + a.frame() + ", " + b.request().src().address() + " tried "
                + b.request().dst().address() + " (frame " + b.frame() + ") and got the same answer "
                + basis + ". This is this call's primary cause (" + primary.code() + ": " + primary.title()
                + ") again, not a second problem: fixing that fixes this too.";
    }

    /** The INVITE transaction a finding is about: the one its first frame and Call-ID name, or null. */
    private static InviteTransaction about(Finding f, List<InviteTransaction> invites) {
        long frame = f.evidence().frames().get(0);
        for (int i = 0; i < invites.size(); i++) {
            InviteTransaction t = invites.get(i);
            if (t.frame() == frame && t.callId() != null && t.callId().equals(f.callId())) {
                return t;
            }
        }
        return null;
    }

    /** Same trunks and rules named, and the capture agrees with both simulations. */
    private static boolean sameConfig(Finding first, Finding later, List<LiveKitRouting> routings) {
        if (first.evidence().configIds().isEmpty()
                || !first.evidence().configIds().equals(later.evidence().configIds())) {
            return false;
        }
        LiveKitRouting r = ContradictedPredictions.routingOf(first, routings);
        LiveKitRouting s = ContradictedPredictions.routingOf(later, routings);
        return r != null && s != null && !ContradictedPredictions.notDeciding(r, first.code())
                && !ContradictedPredictions.notDeciding(s, later.code());
    }

    /**
     * Both INVITEs went to the same LiveKit Cloud project's Request-URI host. {@link SipAddress} gives hosts in lower
     * case, so however each INVITE spelled it, equal hosts are equal here, as RFC 3261 19.1.4 compares them. Stricter
     * than {@code RoutingOptions.isCloudHost} on purpose: any livekit.cloud name is Cloud, but only one project's SIP
     * host names one set of trunks and rules.
     */
    private static boolean oneCloudProject(InviteTransaction a, InviteTransaction b) {
        String host = host(a);
        return host.endsWith(CLOUD_SIP_DOMAIN) && host.length() > CLOUD_SIP_DOMAIN.length() && host.equals(host(b));
    }

    private static String host(InviteTransaction t) {
        return SipAddress.parse(t.request().requestUri()).host();
    }

    private static int status(InviteTransaction t) {
        SipMessage last = t.finalResponse();
        return last == null ? 0 : last.status();
    }

    private static String answer(InviteTransaction t) {
        SipMessage last = t.finalResponse();
        return last == null ? "nothing final" : last.label();
    }
}
