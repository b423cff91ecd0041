package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;

/**
 * One error per root cause: lowers to warnings the errors of a failed call that only follow from its primary cause,
 * each keeping its code and saying what it follows from, its fix pointing at the primary cause's (its own advice
 * would not help while that cause stands; where a relayed silence started, its fix is the primary's own). One decision of LiveKit's about an INVITE shows as the
 * config's reason (the primary cause), as what LiveKit did (a silent drop, its answer) and as what the sender saw (no
 * final response, a rejection passed back); and with no trunk matched, the self-hosted server lists only rules
 * without trunk_ids, so a rule for the trunk that missed finds no rule left although it would take the call. A second
 * cause that would fail the call on its own (a rule that would not take it through that trunk either) stays an error,
 * and so does an outcome beside a primary cause read from the capture alone (a late offer), which need not be why
 * LiveKit answered as it did. Only findings about the primary cause's own INVITE are looked at: a rejection on another
 * leg (a fallback's) may be a second problem, unless a hop relayed the primary cause's failure back over that leg and
 * the same check read it there again (information there, not a warning). After the answer, the same missing RTP shows as a media timeout, one-way audio
 * or no RTP at all on its leg, and on the legs a media relay passed it on to ({@link SameSilence}); and the party a
 * 2xx never reached (no ACK came back) sends no RTP on that leg. A MEDIA_RTP_STOPPED warning about the silence a
 * media timeout ran out on (or where a relay's part of it started) stays a warning and says which error it is.
 */
final class ConsequentFindings {

    private ConsequentFindings() {
    }

    /**
     * What the capture shows an INVITE came to, read from its responses or their absence: about the INVITE of a cause
     * ranked before them, they restate that cause's effect.
     */
    static final Set<FindingCode> OUTCOMES = Collections.unmodifiableSet(EnumSet.of(FindingCode.LK_RESPONSE_EXPLAINED,
            FindingCode.LK_SILENT_DROP, FindingCode.SIP_NO_FINAL_RESPONSE, FindingCode.SIP_CALL_REJECTED,
            FindingCode.LK_OUTBOUND_NO_RESPONSE, FindingCode.LK_OUTBOUND_PROVIDER_REJECTED));

    /**
     * Causes read from the capture alone that decide the answer their outcome shows: an offer without a codec LiveKit
     * takes is refused 400 with an empty reason (livekit/sip pkg/sip/inbound.go, sdp.ErrNoCommonMedia after
     * runMediaConn); a reliable provisional response no PRACK acknowledged is given up with a 5xx (RFC 3262 3), the
     * only rejection {@link PrackMissingCheck} names it for. Unlike a late offer, such a cause is why the INVITE was
     * answered so.
     */
    static final Set<FindingCode> DECIDING_CAUSES = Collections.unmodifiableSet(EnumSet.of(
            FindingCode.SIP_NO_COMMON_CODEC, FindingCode.SIP_PRACK_MISSING));

    /** LiveKit's trunk matching failed: it goes on without a trunk (self-hosted) or refuses the call (Cloud). */
    static final Set<FindingCode> TRUNK_MISSES = Collections.unmodifiableSet(EnumSet.of(
            FindingCode.LK_CALLED_NUMBER_MISMATCH, FindingCode.LK_SOURCE_NOT_ALLOWED, FindingCode.LK_CALLER_NOT_ALLOWED,
            FindingCode.LK_NO_TRUNK_MATCH));

    /** The findings of one call (primary cause marked) with those that follow from its primary cause lowered. */
    static List<Finding> lower(List<Finding> findings, List<LiveKitRouting> routings, LiveKitConfig config,
                               CallFlow flow, CallMemo memo, CaptureMedia media) {
        int primaryAt = primaryAt(findings);
        Finding primary = primaryAt < 0 ? null : findings.get(primaryAt);
        if (primary == null || primary.severity() != Severity.ERROR || primary.evidence().frames().isEmpty()) {
            return findings;
        }
        Long invite = primary.evidence().frames().get(0);
        // LiveKit's decision met again on a later attempt (the next address): the same cause, and so are its outcomes
        List<Finding> repeats = repeatsOf(primary, findings, flow, memo, routings);
        // worked out for the first finding that needs them only: most calls have none
        SameSilence silence = null;
        List<MediaLeg> legs = null;
        Finding[] out = null;
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.code() == FindingCode.MEDIA_RTP_STOPPED && primary.code() == FindingCode.MEDIA_TIMEOUT_HANGUP) {
                legs = legs == null ? memo.mediaLegs(flow, media) : legs;
                Finding pointed = stopBehindTimeout(primary, f, legs);
                if (pointed != null) {
                    out = out == null ? findings.toArray(new Finding[0]) : out;
                    out[i] = pointed;
                }
                continue;
            }
            if (f == primary || f.severity() != Severity.ERROR) {
                continue;
            }
            String why = null;
            // a consequence's own advice would not help while its cause stands: it points at the primary's fix
            boolean ownFix = false;
            // the same refusal relayed back over another leg: information there, the cause is told where it started
            boolean info = false;
            if (SameSilence.isSilence(primary.code()) && SameSilence.isSilence(f.code())) {
                legs = legs == null ? memo.mediaLegs(flow, media) : legs;
                silence = silence == null ? SameSilence.of(primary, legs) : silence;
                SameSilence other = silence == null ? null : SameSilence.of(f, legs);
                why = other != null && other.followsFrom(silence) ? other.followsWhy(silence, named(primary)) : null;
                // one-way audio a relay passed on already says to fix the leg where it started first, then what next
                ownFix = other != null && other.origin() != null && f.code() == FindingCode.MEDIA_ONE_WAY;
                if (why != null && other.startOf(silence)) {
                    // the timeout stays the primary cause, what the caller lived through; its fix is where it started
                    out = out == null ? findings.toArray(new Finding[0]) : out;
                    out[primaryAt] = out[primaryAt] == primary ? startedAt(primary, f) : out[primaryAt];
                    ownFix = true;
                }
            } else if (primary.code() == FindingCode.SIP_ACK_MISSING && SameSilence.isSilence(f.code())) {
                legs = legs == null ? memo.mediaLegs(flow, media) : legs;
                why = unacknowledgedWhy(primary, f, legs);
            } else if (repeats.contains(f)) {
                why = SameDecision.why(primary, f, memo.invites(flow));
            } else if (f.code() == primary.code() && !primary.code().afterAnswer()) {
                why = relayedWhy(primary, f, findings, memo.invites(flow));
                info = why != null;
            } else if (!primary.code().afterAnswer() && f.code().rank() > primary.code().rank()
                    && (aboutInvite(f, primary.callId(), invite) || aboutAnyOf(f, repeats))) {
                // a failure after the answer is not about an INVITE's setup; its frames name no INVITE to share
                why = OUTCOMES.contains(f.code()) ? outcomeWhy(primary)
                        : f.code() == FindingCode.LK_NO_RULE_MATCH ? ruleWhy(primary, f, routings, config) : null;
            }
            if (why != null) {
                out = out == null ? findings.toArray(new Finding[0]) : out;
                out[i] = lowered(f, why, ownFix ? f.fix() : pointer(primary), info ? Severity.INFO : Severity.WARNING);
            }
        }
        return out == null ? findings : List.of(out);
    }

    /**
     * True when {@code f} is about the INVITE of frame {@code invite} on leg {@code callId}: its evidence starts with it
     * (other findings cite an INVITE as what came before theirs, a fallback's rejection the attempt it followed).
     */
    private static boolean aboutInvite(Finding f, String callId, Long invite) {
        List<Long> frames = f.evidence().frames();
        return callId != null && callId.equals(f.callId()) && !frames.isEmpty() && invite.equals(frames.get(0));
    }

    /**
     * The findings of {@code primary}'s code that repeat its decision on later attempts ({@link SameDecision}); none
     * unless another finding has that code, as in most calls.
     */
    private static List<Finding> repeatsOf(Finding primary, List<Finding> findings, CallFlow flow, CallMemo memo,
                                           List<LiveKitRouting> routings) {
        List<Finding> repeats = List.of();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f != primary && f.code() == primary.code() && f.severity() == Severity.ERROR
                    && SameDecision.repeats(f, primary, memo.invites(flow), routings)) {
                repeats = repeats.isEmpty() ? new ArrayList<>(2) : repeats;
                repeats.add(f);
            }
        }
        return repeats;
    }

    /** True when {@code f} is about the INVITE one of {@code repeats} is about. */
    private static boolean aboutAnyOf(Finding f, List<Finding> repeats) {
        for (int i = 0; i < repeats.size(); i++) {
            Finding r = repeats.get(i);
            if (aboutInvite(f, r.callId(), r.evidence().frames().get(0))) {
                return true;
            }
        }
        return false;
    }

    /** The place of the finding marked primary, or -1. */
    private static int primaryAt(List<Finding> findings) {
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).primary()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Why an outcome follows from the primary cause: LiveKit's decision as the config predicts it and the capture
     * agrees (a primary cause never comes from a contradicted simulation), or the same answer or silence read another
     * way; null for a primary cause read from the capture alone (a late offer), which need not be why LiveKit answered
     * as it did.
     */
    private static String outcomeWhy(Finding primary) {
        if (!primary.code().simulated() && !OUTCOMES.contains(primary.code())
                && !DECIDING_CAUSES.contains(primary.code())) {
            return null;
        }
        return " This is how the capture shows this call's primary cause (" + named(primary) + "), not a second "
                + "problem: fixing that fixes this too.";
    }

    /**
     * Why a rule miss follows from a trunk miss: a rule naming the trunk that missed would take the call once the trunk
     * accepts it; null when the call had a trunk, or no rule would take it through that trunk either (two causes).
     */
    private static String ruleWhy(Finding primary, Finding f, List<LiveKitRouting> routings, LiveKitConfig config) {
        LiveKitRouting r = ContradictedPredictions.routingOf(f, routings);
        if (!TRUNK_MISSES.contains(primary.code()) || r == null || r.outcome().trunk().trunk() != null) {
            return null;
        }
        for (String trunkId : primary.evidence().configIds()) {
            SIPDispatchRuleInfo rule = NoRuleMatchCheck.waitingForTrunk(config, r.invite(), trunkId);
            if (rule != null) {
                return " No rule was left only because no trunk matched: dispatch rule " + rule.getSipDispatchRuleId()
                        + " names trunk " + trunkId + " and would take this call once that trunk accepts it. This "
                        + "follows from this call's primary cause (" + named(primary) + "): fix that, not the rules.";
            }
        }
        return null;
    }

    /**
     * {@code stop}, a MEDIA_RTP_STOPPED warning, saying that it is the silence of the media timeout {@code primary}
     * (toward the party that hung up, on its leg: pointing at its fix) or where that silence started (toward the relay
     * that fed it, on the relay's other leg: its own fix is the one); null when it is neither, a second problem.
     */
    private static Finding stopBehindTimeout(Finding primary, Finding stop, List<MediaLeg> legs) {
        MediaLeg timedOut = legOf(primary, legs);
        MediaLeg stopped = legOf(stop, legs);
        MediaParty hanger = timedOut == null ? null : MediaTimeoutHangupCheck.hanger(timedOut);
        MediaParty silent = stopped == null ? null : MediaStoppedCheck.silentParty(stopped);
        if (hanger == null || silent == null) {
            return null;
        }
        if (stopped == timedOut && silent == hanger) {
            return lowered(stop, " This is the silence that made " + hanger.name() + " hang up, this call's primary "
                    + "cause (" + named(primary) + "), not a second problem: fixing that fixes this too.",
                    pointer(primary));
        }
        UpstreamStop upstream = MediaTimeoutHangupCheck.upstream(legs, timedOut);
        if (upstream != null && upstream.feed().leg() == stopped && upstream.feed().relay() == silent) {
            return lowered(stop, " This is where the silence of this call's primary cause (" + named(primary)
                    + ") started: a media relay passed it on to " + timedOut.named() + ". One problem, not "
                    + "two: its fix is this one.", stop.fix());
        }
        return null;
    }

    /** The leg of {@code legs} a media finding is about: of its Call-ID, answered in its first frame; or null. */
    private static MediaLeg legOf(Finding f, List<MediaLeg> legs) {
        List<Long> frames = f.evidence().frames();
        for (int i = 0; i < legs.size() && !frames.isEmpty(); i++) {
            MediaLeg leg = legs.get(i);
            if (leg.answered() && leg.answer.frame() == frames.get(0) && leg.leg.callId().equals(f.callId())) {
                return leg;
            }
        }
        return null;
    }

    /**
     * Why {@code f}, of the primary cause's code on another leg, follows from it: a hop relayed or translated the
     * primary cause's failure back to {@code f}'s INVITE ({@link B2buaFailureRelayedCheck}), so the same check reads
     * the same refusal again on the way back; null otherwise. Looked at only when the call has such a relay finding.
     */
    private static String relayedWhy(Finding primary, Finding f, List<Finding> findings,
                                     List<InviteTransaction> invites) {
        if (f.callId() == null || f.callId().equals(primary.callId()) || f.evidence().frames().isEmpty()
                || !hasCode(findings, FindingCode.B2BUA_FAILURE_RELAYED)) {
            return null;
        }
        List<InviteTransaction> chain = B2buaFailureRelayedCheck.relayChain(invites);
        if (chain == null || chain.get(0).frame() != primary.evidence().frames().get(0)) {
            return null;
        }
        long relayedInvite = f.evidence().frames().get(0);
        for (int i = 1; i < chain.size(); i++) {
            if (chain.get(i).frame() == relayedInvite && f.callId().equals(chain.get(i).callId())) {
                return " The failure started on leg " + primary.callId() + " and was passed back over this leg (see "
                        + "B2BUA_FAILURE_RELAYED): this is this call's primary cause (" + named(primary) + ") seen "
                        + "again on the way back, not a second problem; fixing that fixes this too.";
            }
        }
        return null;
    }

    /**
     * Why the silence {@code f} follows from a 2xx nobody acknowledged ({@code primary}, SIP_ACK_MISSING): on that
     * 2xx's leg, no RTP came from the party it was sent to. A party that never got the 2xx has no session to send media
     * in yet, and the path that lost the 2xx or its ACK loses its RTP as well. Null when RTP from that party flowed
     * all the same (the silence is the other way round: a second problem) or {@code f} is about another leg or answer.
     */
    private static String unacknowledgedWhy(Finding primary, Finding f, List<MediaLeg> legs) {
        SameSilence silence = SameSilence.of(f, legs);
        if (silence == null || !primary.callId().equals(f.callId())
                || silence.leg().answer.frame() != primary.evidence().frames().get(0)) {
            return null;
        }
        MediaLeg leg = silence.leg();
        MediaParty unacknowledging = leg.caller.is(leg.answer.dst()) ? leg.caller : leg.callee;
        if (silence.to() == unacknowledging) {
            return null;
        }
        return " No RTP came from " + unacknowledging.name() + ", the party the 200 OK of frame " + leg.answer.frame()
                + " went to and which never acknowledged it: a party that did not get the answer has no session to "
                + "send media in yet, and the path that lost the answer or its ACK loses its RTP too. This follows from "
                + "this call's primary cause (" + named(primary) + "), not a second problem: fixing that fixes this too.";
    }

    private static boolean hasCode(List<Finding> findings, FindingCode code) {
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).code() == code) {
                return true;
            }
        }
        return false;
    }

    private static String named(Finding primary) {
        return primary.code() + ": " + primary.title();
    }

    /**
     * {@code primary} (a media timeout) with where its silence started, on another leg a media relay passed it on from
     * ({@code start}), and that finding's fix in place of its own: opening ports toward the party that timed out
     * fixes nothing when the relay never received the audio to send.
     */
    private static Finding startedAt(Finding primary, Finding start) {
        return new Finding(primary.code(), primary.severity(), primary.title(), primary.explanation()
                + " The silence started on leg " + start.callId() + " (" + start.code() + " there: " + start.title()
                + "); a media relay cannot forward what it never received, so the fix is there.",
                primary.callId(), primary.flowId(), primary.primary(), primary.evidence(), start.fix());
    }

    /** The fix of a finding that follows from {@code primary}: fix that first, with nothing of its own to do. */
    private static Fix pointer(Finding primary) {
        return Findings.fix(List.of("Fix this call's primary cause first (" + named(primary) + "); this follows "
                + "from it and needs no fix of its own."), List.of(), null);
    }

    private static Finding lowered(Finding f, String why, Fix fix) {
        return lowered(f, why, fix, Severity.WARNING);
    }

    private static Finding lowered(Finding f, String why, Fix fix, Severity severity) {
        return new Finding(f.code(), severity, f.title(), f.explanation().concat(why), f.callId(), f.flowId(),
                f.primary(), f.evidence(), fix);
    }
}
