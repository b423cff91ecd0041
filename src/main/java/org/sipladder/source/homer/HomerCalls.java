package org.sipladder.source.homer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Turns the rows of a Homer search answer (one per SIP message: {@code callid}, {@code method}, {@code from_user},
 * {@code to_user}, {@code ruri_user}, {@code timeSeconds}/{@code timeUseconds} or {@code create_date} in ms) into
 * calls, one per Call-ID. For a response heplify-server stores the status code as the row's method. A row that is
 * not an object, names no Call-ID or has no readable time is left out and counted by its {@link Flaw}.
 */
final class HomerCalls {

    /** The largest whole seconds of a HEP time (chunk 0x0009, 32 bits). */
    private static final double MAX_SECONDS = 0xffffffffL;

    /** Why a row was left out, as the notice names it. */
    enum Flaw {
        NO_CALL_ID("no Call-ID (callid or sid)"),
        NO_TIME("no readable time (timeSeconds or create_date)"),
        NOT_AN_OBJECT("not a JSON object");

        final String words;

        Flaw(String words) {
            this.words = words;
        }
    }

    private HomerCalls() {
    }

    /** The calls in {@code rows}, earliest first; with {@code number}, only calls whose messages name it. */
    static List<HomerCall> of(JsonArray rows, String number) {
        return found(rows, number, "Homer").calls();
    }

    /**
     * As {@link #of}, with a notice of the rows left out; {@code homer} names the server in it ("Homer at
     * http://...").
     */
    static HomerFound found(JsonArray rows, String number, String homer) {
        Pattern wanted = number == null ? null : wildcard(number);
        Map<String, List<Row>> byCallId = new LinkedHashMap<>();
        Map<Flaw, Integer> flaws = new EnumMap<>(Flaw.class);
        for (JsonElement e : rows) {
            Flaw flaw = e.isJsonObject() ? Row.flaw(e.getAsJsonObject()) : Flaw.NOT_AN_OBJECT;
            if (flaw != null) {
                flaws.merge(flaw, 1, Integer::sum);
            } else {
                Row row = Row.of(e.getAsJsonObject());
                byCallId.computeIfAbsent(row.callId, k -> new ArrayList<>()).add(row);
            }
        }
        List<HomerCall> calls = new ArrayList<>();
        for (List<Row> messages : byCallId.values()) {
            if (wanted == null || messages.stream().anyMatch(r -> r.names(wanted))) {
                calls.add(call(messages));
            }
        }
        calls.sort(Comparator.comparing(HomerCall::start).thenComparing(HomerCall::callId));
        return new HomerFound(calls, skipped(flaws, rows.size(), homer));
    }

    /** The notice of the rows left out, or "" when none was. */
    private static String skipped(Map<Flaw, Integer> flaws, int rows, String homer) {
        if (flaws.isEmpty()) {
            return "";
        }
        int total = flaws.values().stream().mapToInt(Integer::intValue).sum();
        StringJoiner why = new StringJoiner("; ");
        flaws.forEach((flaw, n) -> why.add(flaw.words + ": " + n));
        return homer + " answered the search with " + rows + " rows; " + total + " could not be read and "
                + (total == 1 ? "was" : "were") + " left out (" + why + "), so the calls listed may lack messages "
                + "or be missing.";
    }

    /** True when a row of {@code rows} names a Call-ID ({@code callid}, or {@code sid} as some versions send it). */
    static boolean anyCallId(JsonArray rows) {
        for (JsonElement e : rows) {
            if (e.isJsonObject() && !Row.of(e.getAsJsonObject()).callId.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static HomerCall call(List<Row> messages) {
        messages.sort(Comparator.comparingLong(r -> r.micros));
        Row first = messages.stream().filter(r -> !r.isResponse()).findFirst().orElse(messages.get(0));
        String status = "";
        String challenge = "";
        for (Row r : messages) {
            if (r.isResponse() && r.status() >= 200) {
                if (r.status() == 401 || r.status() == 407) {
                    challenge = challenge.isEmpty() ? r.method : challenge;
                } else if (status.isEmpty()) {
                    status = r.method;
                }
            }
        }
        return new HomerCall(first.callId, first.from, first.to, Instant.EPOCH.plusNanos(messages.get(0).micros * 1000),
                first.isResponse() ? "" : first.method, status.isEmpty() ? challenge : status, messages.size());
    }

    /** Homer's wildcard {@code %} as a regular expression; the rest is literal. */
    private static Pattern wildcard(String number) {
        StringJoiner regex = new StringJoiner(".*");
        for (String part : number.split("%", -1)) {
            regex.add(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** One message row, with the fields used here. */
    private record Row(String callId, String method, String from, String to, String ruri, long micros) {

        /** What keeps {@code o} from being read as a message row, or null when nothing does. */
        static Flaw flaw(JsonObject o) {
            if (text(o, "callid").isEmpty() && text(o, "sid").isEmpty()) {
                return Flaw.NO_CALL_ID;
            }
            return hasTime(o) ? null : Flaw.NO_TIME;
        }

        /**
         * Whether {@code o}'s time is one HEP can carry (whole seconds in 32 bits, chunk 0x0009, and microseconds):
         * beyond it, it would be multiplied into microseconds past a long's range.
         */
        private static boolean hasTime(JsonObject o) {
            if (o.has("timeSeconds")) {
                double micros = o.has("timeUseconds") ? value(o, "timeUseconds") : 0;
                return within(value(o, "timeSeconds"), MAX_SECONDS) && (Double.isNaN(micros)
                        || within(micros, 999_999));
            }
            return within(value(o, "create_date"), MAX_SECONDS * 1000 + 999);
        }

        private static boolean within(double value, double max) {
            return value >= 0 && value <= max; // false for NaN
        }

        static Row of(JsonObject o) {
            String callId = text(o, "callid");
            long micros;
            if (o.has("timeSeconds")) {
                micros = number(o, "timeSeconds") * 1_000_000L + number(o, "timeUseconds");
            } else {
                micros = number(o, "create_date") * 1000L;
            }
            return new Row(callId.isEmpty() ? text(o, "sid") : callId, text(o, "method"), text(o, "from_user"),
                    text(o, "to_user"), text(o, "ruri_user"), micros);
        }

        boolean names(Pattern number) {
            return number.matcher(from).matches() || number.matcher(to).matches() || number.matcher(ruri).matches();
        }

        boolean isResponse() {
            return method.length() == 3 && method.chars().allMatch(Character::isDigit);
        }

        int status() {
            return Integer.parseInt(method);
        }
    }

    static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || !e.isJsonPrimitive() ? "" : e.getAsString();
    }

    /** {@code o}'s member {@code name} as a number (or text that reads as one), NaN when it is neither. */
    private static double value(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive()) {
            return Double.NaN;
        }
        try {
            return e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.parseDouble(e.getAsString());
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    static long number(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive()) {
            return 0;
        }
        try {
            return e.getAsJsonPrimitive().isNumber() ? e.getAsLong() : (long) Double.parseDouble(e.getAsString());
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
