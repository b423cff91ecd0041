package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.livekit.CallLimits;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.StatusLine;

/**
 * Findings from a LiveKit simulation whose call the capture shows going otherwise: LiveKit answered differently than
 * the loaded config predicts (the config changed since the capture, or the capture is from another project), or
 * LiveKit sent nothing at all, not even the 100 Processing it sends before it looks at any trunk (the INVITE never
 * reached it, or the capture misses that direction). Such a finding still describes the config, but it did not
 * decide this call: it is at most a warning, its title drops what it says LiveKit did ({@link FindingCode#claim()}),
 * and it is never the call's primary cause. The same holds, without calling it a contradiction, when LiveKit ended the
 * call first for a reason the config does not decide (the offer's media, a server error, the project's quota).
 */
final class ContradictedPredictions {

    private ContradictedPredictions() {
    }

    /** {@code findings} of one call with each simulated finding the capture contradicts rewritten as such. */
    static List<Finding> mark(List<Finding> findings, List<LiveKitRouting> routings, ConfigTexts texts) {
        if (routings.isEmpty()) {
            return findings; // most calls never reached LiveKit
        }
        Finding[] out = null;
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            LiveKitRouting r = routingOf(f, routings);
            if (r != null && notDeciding(r, f.code())) {
                if (out == null) {
                    // copied by hand: toArray(new Finding[0]) makes its array by reflection, slow under the quick JIT
                    out = new Finding[findings.size()];
                    for (int k = 0; k < out.length; k++) {
                        out[k] = findings.get(k);
                    }
                }
                out[i] = rewritten(f, r, texts);
            }
        }
        return out == null ? findings : List.of(out);
    }

    /**
     * True when the capture of {@code r}'s INVITE contradicts what a finding of {@code code} says LiveKit did with it;
     * not when the capture itself shows it (LiveKit's own 407 or 401, or its silence for a drop).
     */
    static boolean contradicts(LiveKitRouting r, FindingCode code) {
        if (!code.simulated() || !r.simulated()) {
            return false;
        }
        StatusLine last = r.observedFinal();
        if (code == FindingCode.LK_SILENT_DROP && last == null
                || code == FindingCode.LK_AUTH_CHALLENGE_UNANSWERED && last != null && last.status() == 407
                || code == FindingCode.LK_AUTH_FAILED && last != null && last.status() == 401) {
            return false;
        }
        return r.consistency() == Consistency.INCONSISTENT || r.observed().isEmpty();
    }

    /**
     * True when a finding of {@code code} from {@code r}'s simulation did not decide the call: the capture contradicts
     * it, or LiveKit ended the call first for a reason the config does not decide ({@link Consistency#OUTSIDE_CONFIG})
     * other than the caller's CANCEL, which a caller left ringing with no agent coming sends in the end. A CANCEL does
     * not count as decided by the config when a PIN rule won: LiveKit then answers as soon as the media is set up
     * (livekit/sip pkg/sip/inbound.go handleInvite), so the caller gave up before any PIN was asked.
     */
    static boolean notDeciding(LiveKitRouting r, FindingCode code) {
        if (r.consistency() != Consistency.OUTSIDE_CONFIG) {
            return contradicts(r, code) || endedBeforeRingingTimeout(r, code);
        }
        StatusLine last = r.observedFinal();
        return code.simulated() && r.simulated() && last != null && (last.status() != 487 || cancelledBeforePin(r));
    }

    /**
     * True when the config predicts LiveKit's 486 Rejected at the ringing timeout and the capture shows it, but long
     * before that timeout ({@link RingingTimeout#ruledOut}): the same answer for another reason, a failure before the
     * answer ({@link RingingTimeout#EARLY_FAILURES}) that no trunk or rule decides.
     */
    private static boolean endedBeforeRingingTimeout(LiveKitRouting r, FindingCode code) {
        return code.simulated() && r.simulated() && r.consistency() == Consistency.CONSISTENT
                && RingingTimeout.ruledOut(r.transaction(), CallLimits.of(r.outcome().trunk().trunk()));
    }

    /** True when a PIN rule won and the caller cancelled before LiveKit's answer, which comes at once for a PIN. */
    private static boolean cancelledBeforePin(LiveKitRouting r) {
        StatusLine last = r.observedFinal();
        return last != null && last.status() == 487 && r.outcome().dispatch().kind() == DispatchMatch.Kind.PIN_PROMPT;
    }

    /**
     * The routing of the INVITE {@code f} is about: the one its frames name, else the first with its Call-ID; or null.
     */
    static LiveKitRouting routingOf(Finding f, List<LiveKitRouting> routings) {
        if (f.callId() == null || !f.code().simulated()) {
            return null;
        }
        if (routings instanceof IndexedRoutings indexed) {
            return indexed.routingOf(f);
        }
        List<Long> frames = f.evidence().frames();
        LiveKitRouting sameCall = null;
        for (int i = 0; i < routings.size(); i++) {
            LiveKitRouting r = routings.get(i);
            if (f.callId().equals(r.transaction().callId())) {
                if (frames.contains(r.transaction().frame())) {
                    return r;
                }
                sameCall = sameCall == null ? r : sameCall;
            }
        }
        return sameCall;
    }

    private static final String NOT_CHALLENGED = "LiveKit did not ask for credentials (no 407 or 401) although the "
            + "loaded config's trunk requires them: the config probably changed since the capture, the capture is from "
            + "another LiveKit project, or another trunk, one without authentication, matched the call";

    private static Finding rewritten(Finding f, LiveKitRouting r, ConfigTexts texts) {
        String claim = f.code().claim();
        String title = !claim.isEmpty() && f.title().endsWith(claim)
                ? f.title().substring(0, f.title().length() - claim.length()) : f.title();
        String why;
        if (cancelledBeforePin(r)) {
            title = title.concat(", but the caller cancelled before LiveKit answered (").concat(answered(r, texts))
                    .concat(")");
            why = " The caller cancelled before LiveKit answered to ask for the PIN (" + r.summary() + "): with a PIN "
                    + "rule LiveKit answers as soon as the call's media is set up, so this caller gave up within that "
                    + "moment, before any prompt. This finding did not decide this call, but it decides calls that get "
                    + "further.";
        } else if (r.consistency() == Consistency.CONSISTENT) {
            // only endedBeforeRingingTimeout gets a consistent routing here
            title = title.concat(", but LiveKit ended this call first with ").concat(answered(r, texts));
            why = " LiveKit's " + answered(r, texts) + " came before " + CallLimits.of(r.outcome().trunk().trunk())
                    .ringingLimit() + " would end the ringing, so something else ended this call first (see "
                    + FindingCode.LK_RESPONSE_EXPLAINED + "). This finding did not decide this call, but it affects "
                    + "calls that get further.";
        } else if (r.consistency() == Consistency.OUTSIDE_CONFIG) {
            title = title.concat(", but LiveKit ended this call first with ").concat(answered(r, texts));
            why = " LiveKit ended this call for a reason the config does not decide: " + r.summary() + ". This finding did not "
                    + "decide this call, but it affects calls that get further.";
        } else if (r.observed().isEmpty()) {
            title = title.concat(", but LiveKit never answered this INVITE");
            why = " The capture shows no answer at all from LiveKit to this INVITE, not even the 100 Processing it "
                    + "sends before it looks at any trunk: the INVITE probably never reached LiveKit (address, port, "
                    + "transport, firewall), or the capture misses that direction. The config did not decide this "
                    + "call; it would decide calls that reach LiveKit.";
        } else {
            String answered = answered(r, texts);
            title = title.concat(", yet LiveKit answered this call with ").concat(answered);
            StatusLine last = r.observedFinal();
            // LiveKit answers once an agent joined: one registered without a name joins rooms no rule names it for
            String because = f.code() == FindingCode.LK_RULE_NO_AGENT && last != null && last.status() == 200
                    ? "An agent running without an agent name (automatic dispatch) joined the room, or the config "
                    + "changed since the capture" : f.code() == FindingCode.LK_AUTH_CHALLENGE_UNANSWERED ? NOT_CHALLENGED
                    : "The config probably changed since the capture, or the capture is from another LiveKit project";
            why = texts.contradiction(answered, r.outcome().expectedResponses(), because);
        }
        Severity severity = f.severity() == Severity.ERROR ? Severity.WARNING : f.severity();
        return new Finding(f.code(), severity, title, texts.joined(f.explanation(), why), f.callId(), f.flowId(), false,
                f.evidence(), f.fix());
    }

    /**
     * LiveKit's final response to the INVITE, or its last provisional one when it sent no final response; one object
     * for the same answer ({@link ConfigTexts#answered}): every contradicted call's title and explanation say it.
     */
    private static String answered(LiveKitRouting r, ConfigTexts texts) {
        StatusLine last = r.observedFinal();
        return texts.answered(last != null ? last : r.observed().get(r.observed().size() - 1), last != null);
    }
}
