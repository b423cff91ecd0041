package org.sipladder.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.sipladder.sip.SipMessage;

/**
 * The call filter's language (the app's call list, {@code save --filter}): terms separated by blanks, all of
 * which must match (quotes keep blanks in a term). {@code method:INVITE}, {@code status:503} or {@code status:4xx} (any response of the call),
 * {@code failed}, {@code from:}, {@code to:}, {@code callid:}, {@code ip:} (a hop), {@code header:Name=value}
 * (a header of any message containing the value), {@code finding:CODE}; any other term is free text, as
 * {@link CallFilter} searches it.
 */
public final class CallQuery {

    private final List<Predicate<CallSummary>> terms;

    private CallQuery(List<Predicate<CallSummary>> terms) {
        this.terms = terms;
    }

    /**
     * @param text          what the user typed
     * @param findingCodes  finding codes by call ID, for {@code finding:}; read on the filtering thread, so a
     *                      copy that nobody changes
     */
    public static CallQuery parse(String text, Map<String, Set<String>> findingCodes) {
        List<Predicate<CallSummary>> terms = new ArrayList<>();
        for (String token : tokens(text == null ? "" : text)) {
            terms.add(term(token, findingCodes));
        }
        return new CallQuery(List.copyOf(terms));
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    public boolean test(CallSummary row) {
        // terms that read the call's messages share one assembly of it
        CallSummary call = terms.size() > 1 ? row.withFlowOnce() : row;
        for (Predicate<CallSummary> term : terms) {
            if (!term.test(call)) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<CallSummary> term(String token, Map<String, Set<String>> findingCodes) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("failed")) {
            return CallSummary::failed;
        }
        int colon = token.indexOf(':');
        String key = colon > 0 ? lower.substring(0, colon) : "";
        String value = colon > 0 ? token.substring(colon + 1) : token;
        String needle = value.toLowerCase(Locale.ROOT);
        if (needle.isEmpty() && !key.isEmpty()) {
            return row -> true;
        }
        return switch (key) {
            case "method" -> row -> row.hasRequest(value);
            case "status" -> status(needle);
            case "from" -> row -> row.anyLegFrom(needle);
            case "to" -> row -> row.anyLegTo(needle);
            case "callid" -> row -> row.anyLegCallId(needle);
            case "ip" -> row -> row.anyHopAddress(needle);
            case "header" -> header(value);
            case "finding" -> row -> findingCodes.getOrDefault(row.id(), Set.of()).stream()
                    .anyMatch(code -> code.equalsIgnoreCase(value));
            default -> new CallFilter(token)::test;
        };
    }

    /** "503" exactly, or "5xx" for a class; matched against every response of the call, not only the last. */
    private static Predicate<CallSummary> status(String needle) {
        if (needle.length() == 3 && needle.endsWith("xx") && Character.isDigit(needle.charAt(0))) {
            int hundreds = needle.charAt(0) - '0';
            return row -> row.hasStatus(s -> s / 100 == hundreds);
        }
        try {
            int code = Integer.parseInt(needle);
            return row -> row.hasStatus(s -> s == code);
        } catch (NumberFormatException e) {
            return row -> contains(row.statusText(), needle);
        }
    }

    /** "header:X-CID=abc": a header of that name whose value contains abc; "header:X-CID" alone: the header is there. */
    private static Predicate<CallSummary> header(String spec) {
        int equals = spec.indexOf('=');
        String name = (equals < 0 ? spec : spec.substring(0, equals)).strip();
        String needle = equals < 0 ? "" : spec.substring(equals + 1).toLowerCase(Locale.ROOT);
        return row -> anyMessage(row, m -> m.headers(name).stream().anyMatch(v -> contains(v, needle)));
    }

    private static boolean anyMessage(CallSummary row, Predicate<SipMessage> test) {
        for (FlowMessage m : row.flow().messages()) {
            if (test.test(m.message())) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code haystack} contains {@code lowerNeedle} in any case; false for null. */
    static boolean contains(String haystack, String lowerNeedle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    /** Splits at blanks outside double quotes; the quotes themselves are dropped. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                flush(current, tokens);
            } else {
                current.append(c);
            }
        }
        flush(current, tokens);
        return tokens;
    }

    private static void flush(StringBuilder current, List<String> tokens) {
        if (current.length() > 0) {
            tokens.add(current.toString());
            current.setLength(0);
        }
    }
}
