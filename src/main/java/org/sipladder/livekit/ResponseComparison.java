package org.sipladder.livekit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares the responses a simulation expects with those a capture shows for the same INVITE. Provisional
 * responses may be missing from a capture (they are optional here), but an unexpected one, a different final
 * response or a different reason phrase makes the pair inconsistent.
 */
public final class ResponseComparison {

    private static final Expected NO_RULE_REJECT = Expected.parse(LiveKitResponses.NO_RULE_REJECT);

    private ResponseComparison() {
    }

    /** The verdict with one sentence saying why. */
    public record Verdict(Consistency consistency, String explanation) {
    }

    /** CONSISTENT, INCONSISTENT, or UNKNOWN when either side is empty or the capture stops before a final response. */
    public static Consistency compare(List<String> expectedResponses, List<StatusLine> observed) {
        return explain(expectedResponses, observed).consistency();
    }

    /** Like {@link #compare} with a sentence naming the first difference. */
    public static Verdict explain(List<String> expectedResponses, List<StatusLine> observed) {
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
            if (match == null) {
                return new Verdict(Consistency.INCONSISTENT, "The capture shows " + line
                        + ", which LiveKit does not send in this case.");
            }
            if (!match.reasonMatches(line.reason())) {
                return new Verdict(Consistency.INCONSISTENT, "The capture shows " + line + " where LiveKit sends "
                        + match.text + ".");
            }
        }
        return compareFinal(fin, observedFinal);
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
