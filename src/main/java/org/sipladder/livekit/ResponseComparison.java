package org.sipladder.livekit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares the responses a simulation expects with those a capture shows for the same INVITE. Provisional
 * responses may be missing from a capture (they are optional here) and are compared by their code, but an unexpected
 * one, a different final response or a different final reason phrase makes the pair inconsistent.
 */
public final class ResponseComparison {

    private static final Expected NO_RULE_REJECT = Expected.parse(LiveKitResponses.NO_RULE_REJECT);

    /**
     * Final answers LiveKit sends for reasons the trunk and dispatch config does not decide (livekit/sip
     * pkg/sip/inbound.go): {@code afterDispatch} ones only once the dispatch accepted the call (media set-up in
     * runMedia, the room join and the wait for the agent's track, the caller's CANCEL while it rings), the others
     * before any trunk or rule is used (the INVITE's headers, LiveKit Cloud's quota from the trunk lookup).
     */
    private static final List<LaterAnswer> LATER_ANSWERS = List.of(
            // the simulation judges the offer's codecs and encryption by the call's media config: an SDP error is left
            new LaterAnswer(400, "", true, false, "LiveKit then refused the offer's media (400 with an empty reason), "
                    + "while the call's codecs and encryption take the offer as far as the capture shows it: an SDP "
                    + "error LiveKit found in it"),
            new LaterAnswer(500, "", true, false, "LiveKit then failed to set up the call's media (500 with an empty "
                    + "reason: no media port, or another server error)"),
            new LaterAnswer(486, "Rejected", true, true, "LiveKit then rang without the agent's audio until its ringing "
                    + "timeout, or failed to join the room (486 Rejected): no running worker took the agent's job"),
            new LaterAnswer(487, "Request Terminated", true, false, "the caller then cancelled while LiveKit was still "
                    + "ringing (487 Request Terminated)"),
            new LaterAnswer(503, "Service temporarily unavailable", false, false, "LiveKit Cloud refused the call for "
                    + "the project's SIP quota (503 Service temporarily unavailable) before any trunk or rule applied"),
            new LaterAnswer(400, "Bad request", false, false, "LiveKit refused the INVITE's headers (400 Bad request: "
                    + "no Call-ID, From, From tag or To) before it looked at any trunk or rule"));

    /**
     * Why an answer that only a call left ringing for its agent gets cannot follow a PIN prediction: LiveKit's PIN
     * path sets up the media and answers 200 OK before it plays the prompt (livekit/sip pkg/sip/inbound.go
     * handleInvite), so it never rings out to 486 Rejected.
     */
    public static final String PIN_ANSWERS_FIRST = "a PIN rule wins this call, and LiveKit answers 200 OK before it "
            + "asks for the PIN, so it never rings out to 486 Rejected (the config probably changed since the "
            + "capture, or the capture is from another LiveKit project)";

    private ResponseComparison() {
    }

    /** The verdict with one sentence saying why. */
    public record Verdict(Consistency consistency, String explanation) {
    }

    /**
     * CONSISTENT, INCONSISTENT, OUTSIDE_CONFIG for a final answer the config does not decide, or UNKNOWN when either
     * side is empty or the capture stops before a final response.
     */
    public static Consistency compare(List<String> expectedResponses, List<StatusLine> observed) {
        return explain(expectedResponses, observed).consistency();
    }

    /**
     * Like {@link #compare} for the responses of {@code outcome}, told apart when a PIN rule won: the PIN prompt's
     * responses read the same as a successful call's, but LiveKit answers 200 OK before it asks for the PIN.
     */
    public static Consistency compare(RoutingOutcome outcome, List<StatusLine> observed) {
        return explain(outcome, observed).consistency();
    }

    /** Like {@link #compare(RoutingOutcome, List)} with a sentence naming the first difference. */
    public static Verdict explain(RoutingOutcome outcome, List<StatusLine> observed) {
        return explain(outcome.expectedResponses(), outcome.dispatch().kind() == DispatchMatch.Kind.PIN_PROMPT,
                observed);
    }

    /** Like {@link #compare} with a sentence naming the first difference. */
    public static Verdict explain(List<String> expectedResponses, List<StatusLine> observed) {
        return explain(expectedResponses, false, observed);
    }

    /** {@link #explain(List, List)} for a prediction that is a PIN prompt ({@code pinPrompt}) or not. */
    private static Verdict explain(List<String> expectedResponses, boolean pinPrompt, List<StatusLine> observed) {
        if (expectedResponses.isEmpty() || observed.isEmpty()) {
            return new Verdict(Consistency.UNKNOWN, "Nothing to compare: "
                    + (expectedResponses.isEmpty() ? "no prediction." : "the capture shows no response."));
        }
        List<Expected> provisional = new ArrayList<>();
        Expected fin = null;
        for (String text : expectedResponses) {
            Expected e = Expected.parse(text);
            if (e.status < 200 && e.status != Expected.NONE) {
                provisional.add(e);
            } else {
                fin = e;
            }
        }
        StatusLine observedFinal = null;
        for (StatusLine line : observed) {
            if (line.status() >= 200) {
                observedFinal = line;
                break;
            }
            Expected match = provisional.stream().filter(e -> e.status == line.status()).findFirst().orElse(null);
            // a provisional is compared by its code: its phrase is informative (RFC 3261 21.1), no trunk or rule
            // decides it, and a proxy in front of LiveKit answers the 100 itself ("100 Trying")
            if (match == null) {
                return new Verdict(Consistency.INCONSISTENT, "The capture shows " + line
                        + ", which LiveKit does not send in this case.");
            }
        }
        Verdict verdict = compareFinal(fin, observedFinal);
        if (verdict.consistency() == Consistency.INCONSISTENT && observedFinal != null) {
            Verdict outside = outsideConfig(expectedResponses, pinPrompt, observedFinal);
            return outside != null ? outside : verdict;
        }
        return verdict;
    }

    /**
     * The verdict when {@code observedFinal} is an answer the config does not decide and could not have come from a
     * prediction it contradicts, or null.
     */
    private static Verdict outsideConfig(List<String> expectedResponses, boolean pinPrompt, StatusLine observedFinal) {
        // a PIN prompt's responses equal a successful call's; the PIN path answers before any room or agent exists
        boolean answered = !pinPrompt && expectedResponses.equals(LiveKitResponses.SUCCESS.responses());
        boolean dispatched = answered || pinPrompt
                || expectedResponses.equals(LiveKitResponses.NO_AGENT_TIMEOUT.responses());
        for (int i = 0; i < LATER_ANSWERS.size(); i++) {
            LaterAnswer a = LATER_ANSWERS.get(i);
            if (a.status() == observedFinal.status() && a.reason().equalsIgnoreCase(
                    observedFinal.reason() == null ? "" : observedFinal.reason().trim())
                    && (!a.afterDispatch() || dispatched)) {
                if (a.onlyWhenAnswered() && pinPrompt) {
                    return new Verdict(Consistency.INCONSISTENT, "The capture shows " + observedFinal + " with no "
                            + "200 OK before it: " + PIN_ANSWERS_FIRST + ".");
                }
                if (a.onlyWhenAnswered() && !answered) {
                    continue;
                }
                return new Verdict(Consistency.OUTSIDE_CONFIG, a.afterDispatch()
                        ? "the config lets the call through to the dispatch rule; " + a.sentence()
                        + ", which no trunk or rule decides" : a.sentence() + ": the config neither predicts nor "
                        + "contradicts this");
            }
        }
        return null;
    }

    /** A final answer the config does not decide, and the sentence saying what it means. */
    private record LaterAnswer(int status, String reason, boolean afterDispatch, boolean onlyWhenAnswered,
                               String sentence) {
    }

    private static Verdict compareFinal(Expected fin, StatusLine observedFinal) {
        if (fin == null || fin.status == Expected.NONE) {
            if (observedFinal == null) {
                return new Verdict(Consistency.CONSISTENT, "No final response, as predicted.");
            }
            if (fin != null && NO_RULE_REJECT.matches(observedFinal)) {
                return new Verdict(Consistency.CONSISTENT, "The capture shows " + observedFinal + ": LiveKit rejected "
                        + "the call no dispatch rule takes instead of dropping it, the same outcome.");
            }
            return new Verdict(Consistency.INCONSISTENT, "The capture shows the final response " + observedFinal
                    + " where LiveKit sends none.");
        }
        if (observedFinal == null) {
            return new Verdict(Consistency.UNKNOWN, "The capture shows no final response; " + fin.text
                    + " was expected (the capture may end too early).");
        }
        if (!fin.matches(observedFinal)) {
            return new Verdict(Consistency.INCONSISTENT, "The capture shows " + observedFinal + " where LiveKit sends "
                    + fin.text + ".");
        }
        return new Verdict(Consistency.CONSISTENT, "The capture shows " + observedFinal + ", as predicted.");
    }

    /** One expected entry: status, reason (null: any), from text like "180 Ringing..." or "400". */
    private record Expected(int status, String reason, String text) {

        static final int NONE = -1;

        static Expected parse(String text) {
            if (text.equals(LiveKitResponses.NO_FINAL)) {
                return new Expected(NONE, null, text);
            }
            String body = text.endsWith("...") ? text.substring(0, text.length() - 3) : text;
            int space = body.indexOf(' ');
            String code = space < 0 ? body : body.substring(0, space);
            String reason = space < 0 ? null : body.substring(space + 1).trim();
            return new Expected(Integer.parseInt(code.trim()), reason, body);
        }

        boolean matches(StatusLine line) {
            return line.status() == status && reasonMatches(line.reason());
        }

        boolean reasonMatches(String observedReason) {
            return reason == null || reason.toLowerCase(Locale.ROOT).equals(
                    observedReason == null ? "" : observedReason.trim().toLowerCase(Locale.ROOT));
        }
    }
}
