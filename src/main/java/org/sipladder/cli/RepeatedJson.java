package org.sipladder.cli;

import java.io.IOException;
import java.util.List;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.StatusLine;

/**
 * The JSON of values that findings repeat call after call, written once as bytes and copied: the same text or list
 * object (a rule's constant explanation or fix steps, the config's trunk ids, LiveKit's expected responses, the
 * config-only lines of a routing's reasoning) seen again at the same place, and a routing's captured statuses and
 * summary, which follow from a few of its values. For one thread's in-memory {@link JsonOut} (its positions are
 * those of the element being written): each place keeps the last few values it saw.
 */
final class RepeatedJson {

    /** Values kept per place, and values seen once there (copied only when seen a second time). */
    private static final int KEPT = 4;

    final Place explanations = new Place();
    final Place steps = new Place();
    final Place commands = new Place();
    final Place configIds = new Place();
    final Place expected = new Place();
    final Place reasoningLines = new Place();
    private final Statuses statuses = new Statuses();

    /** Where a value is written: the last few values written there by identity, with their bytes. */
    static final class Place {
        private final Object[] keys = new Object[KEPT];
        private final byte[][] bytes = new byte[KEPT][];
        private final Object[] seen = new Object[KEPT];
        private int nextKey;
        private int nextSeen;

        /** The bytes written for {@code value} here before, or null. */
        byte[] bytesOf(Object value) {
            for (int i = 0; i < KEPT; i++) {
                if (keys[i] == value) {
                    return bytes[i];
                }
            }
            return null;
        }

        /** True when {@code value} was seen here once before (and is worth keeping); notes it as seen otherwise. */
        boolean seenBefore(Object value) {
            for (int i = 0; i < KEPT; i++) {
                if (seen[i] == value) {
                    return true;
                }
            }
            seen[nextSeen] = value;
            nextSeen = (nextSeen + 1) % KEPT;
            return false;
        }

        void keep(Object value, byte[] written) {
            keys[nextKey] = value;
            bytes[nextKey] = written;
            nextKey = (nextKey + 1) % KEPT;
        }
    }

    /** A member's string value, after its name. */
    void string(JsonOut json, Place place, String value) throws IOException {
        byte[] same = place.bytesOf(value);
        if (same != null) {
            json.writtenValue(same);
            return;
        }
        int start = json.size();
        json.value(value);
        if (place.seenBefore(value)) {
            place.keep(value, json.writtenSince(start));
        }
    }

    /** A member's array of strings, after its name. */
    void strings(JsonOut json, Place place, List<String> values) throws IOException {
        if (!isImmutable(values)) {
            array(json, values, null); // a list that may change is not known by its identity
            return;
        }
        byte[] same = place.bytesOf(values);
        if (same != null) {
            json.writtenValue(same);
            return;
        }
        int start = json.size();
        array(json, values, null);
        if (place.seenBefore(values)) {
            place.keep(values, json.writtenSince(start));
        }
    }

    /** A member's array of strings, after its name, whose elements repeat by themselves at {@code place}. */
    void stringsOfRepeated(JsonOut json, Place place, List<String> values) throws IOException {
        array(json, values, place);
    }

    private void array(JsonOut json, List<String> values, Place elements) throws IOException {
        json.beginArray();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            byte[] same = elements == null || v == null ? null : elements.bytesOf(v);
            if (same != null) {
                json.writtenValue(same);
                continue;
            }
            json.value(v);
            // an element's own bytes are the end of what was written (the separator before them is the array's)
            // when it is printable ASCII without a quote or backslash: then they are the text in quotes
            if (elements != null && v != null && elements.seenBefore(v) && isPlainAscii(v)) {
                elements.keep(v, json.writtenSince(json.size() - v.length() - 2));
            }
        }
        json.endArray();
    }

    private static final Class<?> SHORT_LIST = List.of("").getClass();
    private static final Class<?> LONG_LIST = List.of("", "", "").getClass();

    /** True for the JDK's unmodifiable lists ({@code List.of}, {@code List.copyOf}, {@code Stream.toList}). */
    static boolean isImmutable(List<?> values) {
        return values.getClass() == SHORT_LIST || values.getClass() == LONG_LIST;
    }

    /** True when JSON writes {@code s} as it is: printable ASCII, no quote, no backslash. */
    static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * The bytes of a routing's {@code observed} array and {@code summary} text, which follow from its expected
     * responses, captured statuses and verdict (see LiveKitRouting.summary); null when not kept.
     */
    byte[][] statusesOf(List<String> expected, List<StatusLine> observed, Consistency consistency) {
        return statuses.of(expected, observed, consistency);
    }

    void keepStatuses(List<String> expected, List<StatusLine> observed, Consistency consistency, byte[] observedJson,
                      byte[] summaryJson) {
        statuses.keep(expected, observed, consistency, new byte[][] {observedJson, summaryJson});
    }

    /** The last few routings' statuses and their bytes, compared by value (each call has lists of its own). */
    private static final class Statuses {
        private final Object[] expected = new Object[KEPT];
        private final StatusLine[][] observed = new StatusLine[KEPT][];
        private final Consistency[] consistency = new Consistency[KEPT];
        private final byte[][][] bytes = new byte[KEPT][][];
        private int next;

        byte[][] of(List<String> exp, List<StatusLine> obs, Consistency c) {
            for (int i = 0; i < KEPT; i++) {
                if (bytes[i] != null && expected[i] == exp && consistency[i] == c && same(observed[i], obs)) {
                    return bytes[i];
                }
            }
            return null;
        }

        void keep(List<String> exp, List<StatusLine> obs, Consistency c, byte[][] written) {
            expected[next] = exp;
            observed[next] = obs.toArray(new StatusLine[0]);
            consistency[next] = c;
            bytes[next] = written;
            next = (next + 1) % KEPT;
        }

        private static boolean same(StatusLine[] kept, List<StatusLine> obs) {
            if (kept.length != obs.size()) {
                return false;
            }
            for (int i = 0; i < kept.length; i++) {
                StatusLine a = kept[i];
                StatusLine b = obs.get(i);
                if (a.status() != b.status() || !java.util.Objects.equals(a.reason(), b.reason())) {
                    return false;
                }
            }
            return true;
        }
    }
}
