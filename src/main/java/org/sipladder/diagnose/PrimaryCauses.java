package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.media.CaptureMedia;

/**
 * Marks one finding per failed call as its primary cause: the one that best explains the final response the
 * caller saw, the one whose {@link FindingCode} ranks first. A finding from a LiveKit simulation the capture
 * contradicts ({@link ContradictedPredictions}), a config-only finding, or a risk that cannot fail a call (a private
 * address) is never primary.
 */
final class PrimaryCauses {

    /** {@code memo} is the diagnosis's, whose INVITE transactions of each flow the rules worked out already. */
    List<Finding> mark(List<CallFlow> flows, List<LiveKitRouting> routings, List<Finding> findings, CallMemo memo,
                       CaptureMedia media) {
        Map<String, List<Finding>> byFlow = new HashMap<>();
        for (Finding f : findings) {
            if (f.flowId() != null) {
                byFlow.computeIfAbsent(f.flowId(), k -> new ArrayList<>()).add(f);
            }
        }
        // one per failed call, and a diagnosis has one call or a few: a list (a hash set hashed every finding whole)
        List<Finding> primaries = new ArrayList<>(flows.size());
        for (CallFlow flow : flows) {
            // a registration renewed later under another Call-ID failed for a while, not for good: no primary cause;
            // a scan failed nothing, and its probe is what the call was, whatever it got back
            if (flow.failedForGood() || flow.scanner() != null
                    || failedAfterAnswer(byFlow.getOrDefault(flow.id(), List.of()))) {
                List<Finding> ofFlow = byFlow.getOrDefault(flow.id(), List.of());
                List<InviteTransaction> invites = memo.invites(flow);
                Finding best = best(flow, ofFlow, routings, ForkBranches.of(invites),
                        origin(ofFlow, memo, flow, media), invites);
                if (best != null) {
                    primaries.add(best);
                }
            }
        }
        List<Finding> marked = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            marked.add(isAmong(f, primaries) ? f.asPrimary(true) : f);
        }
        return marked;
    }

    /** True when {@code f} is one of {@code primaries} or equal to one, as a set of them would say. */
    private static boolean isAmong(Finding f, List<Finding> primaries) {
        for (int i = 0; i < primaries.size(); i++) {
            Finding p = primaries.get(i);
            if (p == f || p.code() == f.code() && p.equals(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Codes that, as errors, mean an answered call failed all the same: nobody (or one side) heard anything, the
     * answer never got its ACK (its sender ends the call after 64 * T1, RFC 3261 13.3.1.4; or a caller dropped it as matching
     * no transaction), or LiveKit answered to
     * prompt for a PIN and hung up on the caller's wrong one (LK_RULE_PIN_PROMPT is an error only then: PinAttempt).
     */
    static final Set<FindingCode> ANSWERED_FAILURES = Collections.unmodifiableSet(EnumSet.of(
            FindingCode.MEDIA_TIMEOUT_HANGUP, FindingCode.MEDIA_NO_RTP, FindingCode.MEDIA_ONE_WAY, FindingCode.MEDIA_RTP_REFUSED,
            FindingCode.MEDIA_CODEC_MISMATCH,
            FindingCode.SIP_ACK_MISSING, FindingCode.SIP_RESPONSE_UNMATCHED, FindingCode.LK_RULE_PIN_PROMPT));

    /** True when the findings of a call say it failed after it was answered (see {@link #ANSWERED_FAILURES}). */
    static boolean failedAfterAnswer(List<Finding> findingsOfFlow) {
        return Diagnosis.failureAfterAnswer(findingsOfFlow) != null;
    }

    /**
     * Where the caller's failure started: the leg a hop relayed or translated it back from (the findings hold a
     * {@link FindingCode#B2BUA_FAILURE_RELAYED}), or the leg where one-way audio started that a media relay passed on
     * to another leg (the findings hold several {@link FindingCode#MEDIA_ONE_WAY}); else null: the INVITEs and media
     * legs are only walked for such a call.
     */
    private static Origin origin(List<Finding> findingsOfFlow, CallMemo memo, CallFlow flow, CaptureMedia media) {
        int oneWay = 0;
        for (int i = 0; i < findingsOfFlow.size(); i++) {
            FindingCode code = findingsOfFlow.get(i).code();
            if (code == FindingCode.B2BUA_FAILURE_RELAYED) {
                InviteTransaction origin = B2buaFailureRelayedCheck.origin(memo.invites(flow));
                return origin == null ? null : new Origin(origin.callId(), -1);
            }
            oneWay += code == FindingCode.MEDIA_ONE_WAY ? 1 : 0;
        }
        MediaLeg leg = oneWay > 1 ? MediaRelays.originLeg(memo.mediaLegs(flow, media)) : null;
        return leg == null ? null : new Origin(leg.leg.callId(), leg.answer.frame());
    }

    /**
     * The leg where a relayed failure started: its Call-ID, and for a silence the frame of its answer, which tells
     * apart the hops of one Call-ID through a proxy (-1 when the Call-ID alone tells).
     */
    private record Origin(String callId, long answerFrame) {

        /** True when {@code f} is about this leg: a silence's first evidence frame is its leg's answer. */
        boolean holds(Finding f) {
            if (!callId.equals(f.callId())) {
                return false;
            }
            List<Long> frames = f.evidence().frames();
            return answerFrame < 0 || !SameSilence.isSilence(f.code()) || !frames.isEmpty() && frames.get(0) == answerFrame;
        }
    }

    /**
     * The finding of {@code flow} ranked first, or null; one about a fork branch off the caller's path ranks after
     * every other, whatever its code: the caller's answer came from another branch. Of those ranked alike, one about
     * the leg {@code origin} where a relayed failure started wins (the same cause seen again on the legs it was
     * relayed over says less), else the first; but of one LiveKit decision on two attempts ({@link SameDecision}),
     * the first attempt's: the later one only met it again.
     */
    private static Finding best(CallFlow flow, List<Finding> findings, List<LiveKitRouting> routings, ForkBranches forks,
                                Origin origin, List<InviteTransaction> invites) {
        Finding best = null;
        boolean bestOff = false;
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (flow.id().equals(f.flowId()) && f.code().canBePrimary() && !isContradicted(f, routings)) {
                boolean off = forks.offPath(f);
                if (best == null || !off && bestOff || off == bestOff && (f.code().rank() < best.code().rank()
                        || f.code().rank() == best.code().rank() && ranksBefore(f, best, origin, invites, routings))) {
                    best = f;
                    bestOff = off;
                }
            }
        }
        return best;
    }

    /** Of two findings ranked alike: the first attempt of one LiveKit decision, else the one at the origin. */
    private static boolean ranksBefore(Finding f, Finding best, Origin origin, List<InviteTransaction> invites,
                                       List<LiveKitRouting> routings) {
        if (SameDecision.repeats(best, f, invites, routings)) {
            return true;
        }
        return !SameDecision.repeats(f, best, invites, routings) && atOrigin(f, origin) && !atOrigin(best, origin);
    }

    private static boolean atOrigin(Finding f, Origin origin) {
        return origin != null && origin.holds(f);
    }

    /** True when {@code f} comes from a simulation its call's capture contradicts ({@link ContradictedPredictions}). */
    private static boolean isContradicted(Finding f, List<LiveKitRouting> routings) {
        LiveKitRouting r = ContradictedPredictions.routingOf(f, routings);
        return r != null && ContradictedPredictions.notDeciding(r, f.code());
    }
}
