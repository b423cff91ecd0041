package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.ResponseComparison;
import org.sipladder.livekit.RoutingOutcome;
import org.sipladder.livekit.SecretScrubber;
import org.sipladder.livekit.StatusLine;

/**
 * What LiveKit would do with one INVITE that reached a LiveKit hop, next to what the capture shows.
 *
 * @param transaction the INVITE and its captured responses
 * @param invite      the routing inputs LiveKit takes from that INVITE
 * @param outcome     the simulated outcome, or null when no LiveKit config was loaded
 * @param observed    the responses the capture shows, in order
 * @param consistency whether the simulated responses match the captured ones
 * @param summary     {@link #summary()} made before (the same text for every routing with the same expected and
 *                    captured responses: {@link LiveKitRoutings} makes it once per pair), or null: made when asked
 * @param replayOf    the frame of the earlier INVITE whose rejection LiveKit replayed as this one's final response
 *                    ({@link LiveKitRoutings#replayedFrom}): one decision of LiveKit's, not a second one; 0 when none
 */
public record LiveKitRouting(InviteTransaction transaction, InboundInvite invite, RoutingOutcome outcome,
                             List<StatusLine> observed, Consistency consistency, String summary, long replayOf) {

    /** A routing whose summary is made when asked. */
    public LiveKitRouting(InviteTransaction transaction, InboundInvite invite, RoutingOutcome outcome,
                          List<StatusLine> observed, Consistency consistency) {
        this(transaction, invite, outcome, observed, consistency, null, 0);
    }

    /** A routing of an INVITE whose answer is no replay. */
    public LiveKitRouting(InviteTransaction transaction, InboundInvite invite, RoutingOutcome outcome,
                          List<StatusLine> observed, Consistency consistency, String summary) {
        this(transaction, invite, outcome, observed, consistency, summary, 0);
    }

    /** This routing with the texts of its outcome passed through {@code secrets}. */
    public LiveKitRouting scrubbed(SecretScrubber secrets) {
        RoutingOutcome scrubbed = outcome == null ? null : outcome.scrubbed(secrets);
        return scrubbed == outcome ? this
                : new LiveKitRouting(transaction, invite, scrubbed, observed, consistency, null, replayOf);
    }

    /** This routing without the call it came from (see {@link InviteTransaction#detached}). */
    public LiveKitRouting detached() {
        return new LiveKitRouting(transaction.detached(), invite, outcome, observed, consistency, summary, replayOf);
    }

    public String flowId() {
        return transaction.flow().id();
    }

    public boolean simulated() {
        return outcome != null;
    }

    /** The captured final response, or null when LiveKit sent none. */
    public StatusLine observedFinal() {
        for (int i = 0; i < observed.size(); i++) {
            if (observed.get(i).status() >= 200) {
                return observed.get(i);
            }
        }
        return null;
    }

    /** The summary as the routing was made with it; null when {@link #summary()} makes it when asked. */
    String givenSummary() {
        return summary;
    }

    /** One line for people: "LiveKit would answer X; the capture shows Y: consistent". */
    public String summary() {
        return summary != null ? summary : summaryOf(outcome, observed, consistency);
    }

    /** How the summary of a routing made without a config begins. */
    private static final String NO_CONFIG = "No LiveKit config loaded; the capture shows ";

    /** How the summary of a routing not simulated for want of the trunks begins ({@link #unsimulatedSummary}). */
    private static final String NO_TRUNKS = "LiveKit's inbound trunks are not loaded, so its routing is not checked; "
            + "the capture shows ";

    /** {@link #summary()} of a routing with these parts. */
    static String summaryOf(RoutingOutcome outcome, List<StatusLine> observed, Consistency consistency) {
        return summaryOf(outcome == null ? NO_CONFIG : null, outcome, observed, consistency);
    }

    /** The summary of a routing not simulated although a config is loaded: its dispatch rules name trunks not loaded. */
    static String unsimulatedSummary(List<StatusLine> observed) {
        return summaryOf(NO_TRUNKS, null, observed, Consistency.UNKNOWN);
    }

    /** The summary; {@code unsimulated}: how it begins when {@code outcome} is null. */
    private static String summaryOf(String unsimulated, RoutingOutcome outcome, List<StatusLine> observed,
                                    Consistency consistency) {
        // several rules and the JSON ask for it, call after call: one builder, no stream
        StringBuilder s = new StringBuilder(256);
        if (outcome == null) {
            s.append(unsimulated);
        } else {
            s.append("LiveKit would answer ");
            List<String> expected = outcome.expectedResponses();
            for (int i = 0; i < expected.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(expected.get(i));
            }
            s.append("; the capture shows ");
        }
        if (observed.isEmpty()) {
            s.append("no response");
        }
        for (int i = 0; i < observed.size(); i++) {
            StatusLine line = observed.get(i);
            s.append(i == 0 ? "" : ", ").append(line.status());
            if (line.reason() != null && !line.reason().isEmpty()) {
                s.append(' ').append(line.reason());
            }
        }
        if (outcome == null) {
            return s.toString();
        }
        return s.append(": ").append(switch (consistency) {
            case CONSISTENT -> "consistent";
            case INCONSISTENT -> pinRungOut(outcome, observed) ? "inconsistent: " + ResponseComparison.PIN_ANSWERS_FIRST
                    : "inconsistent (the config probably changed since the capture, or the capture is from "
                    + "another LiveKit project)";
            // rare, and its sentence depends on the answer: worked out again (LiveKitRoutings keeps the summary)
            case OUTSIDE_CONFIG -> ResponseComparison.explain(outcome, observed).explanation();
            case UNKNOWN -> "cannot tell";
        }).toString();
    }

    /** True when a PIN rule won and the capture shows an answer LiveKit's PIN path never gives (rare: worked out again). */
    private static boolean pinRungOut(RoutingOutcome outcome, List<StatusLine> observed) {
        return outcome.dispatch().kind() == DispatchMatch.Kind.PIN_PROMPT && ResponseComparison.explain(outcome,
                observed).explanation().endsWith(ResponseComparison.PIN_ANSWERS_FIRST + ".");
    }

    static String label(StatusLine s) {
        return s.reason() == null || s.reason().isEmpty() ? Integer.toString(s.status()) : s.status() + " " + s.reason();
    }
}
