package org.sipladder.cli;

import java.io.IOException;
import java.util.List;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.StatusLine;

/**
 * The JSON of values that findings repeat call after call, written once as bytes and copied: the same text object
 * (a rule's constant explanation, a fix step, the config-only lines of a routing's reasoning), the same list object
 * (fix steps, the config's trunk ids, LiveKit's expected responses) seen again at the same place, and a routing's
 * captured statuses and summary, which follow from a few of its values. For one thread's in-memory {@link JsonOut}
 * (its positions are those of the element being written): each place keeps the last few lists it saw.
 */
final class RepeatedJson {

    /** Values kept per place, and values seen once there (copied only when seen a second time). */
    private static final int KEPT = 4;

    final Place steps = new Place();
    final Place commands = new Place();
    final Place configIds = new Place();
    final Place expected = new Place();
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

    /**
     * String values by their length and first character, one slot each: the text last seen there and the text kept
     * there with its bytes. A capture's findings repeat the very text objects call after call in their titles,
     * explanations, facts, fix steps and reasoning lines (60 % of the 130 MB of text big_sip's findings write with
     * a LiveKit config), but between two of a kind come a dozen others: a few places of a few values each forgot
     * them before they came again, and each was escaped and copied anew.
     */
    private static final int TEXT_SLOTS = 1024;
    private final String[] textKeys = new String[TEXT_SLOTS];
    private final byte[][] textBytes = new byte[TEXT_SLOTS][];
    private final String[] textSeen = new String[TEXT_SLOTS];

    /**
     * A string value (or null), copied as the bytes written for the very object before; written otherwise, and kept
     * when it is the second time in a row its slot sees it (text made for one finding alone is not copied).
     */
    void text(JsonOut json, String value) throws IOException {
        if (value == null) {
            json.value((String) null);
            return;
        }
        int length = value.length();
        int slot = (length == 0 ? 0 : 31 * length + value.charAt(0)) & (TEXT_SLOTS - 1);
        if (textKeys[slot] == value) {
            json.writtenValue(textBytes[slot]);
            return;
        }
        int start = json.valueStart(value);
        if (textSeen[slot] == value) {
            textKeys[slot] = value;
            textBytes[slot] = json.writtenSince(start);
        } else {
            textSeen[slot] = value;
        }
    }

    /** A member's array of strings, after its name; the same list object written before at {@code place} copied. */
    void strings(JsonOut json, Place place, List<String> values) throws IOException {
        if (!isImmutable(values)) {
            texts(json, values); // a list that may change is not known by its identity
            return;
        }
        byte[] same = place.bytesOf(values);
        if (same != null) {
            json.writtenValue(same);
            return;
        }
        int start = json.size();
        texts(json, values);
        if (place.seenBefore(values)) {
            place.keep(values, json.writtenSince(start));
        }
    }

    /** A member's array of strings, after its name, each one {@link #text}. */
    void texts(JsonOut json, List<String> values) throws IOException {
        json.beginArray();
        for (int i = 0; i < values.size(); i++) {
            text(json, values.get(i));
        }
        json.endArray();
    }

    private static final Class<?> SHORT_LIST = List.of("").getClass();
    private static final Class<?> LONG_LIST = List.of("", "", "").getClass();

    /** True for the JDK's unmodifiable lists ({@code List.of}, {@code List.copyOf}, {@code Stream.toList}). */
    static boolean isImmutable(List<?> values) {
        return values.getClass() == SHORT_LIST || values.getClass() == LONG_LIST;
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
