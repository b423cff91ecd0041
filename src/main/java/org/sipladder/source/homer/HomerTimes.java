package org.sipladder.source.homer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Times as a user gives them for a Homer search: an ISO-8601 instant (an offset allowed) or epoch seconds. */
public final class HomerTimes {

    public static final String FORMATS = "ISO-8601 instant (2026-12-02T15:00:00Z, or with an offset such as "
            + "+01:00) or epoch seconds";

    private HomerTimes() {
    }

    /** The instant {@code text} names; IllegalArgumentException with a message naming the formats otherwise. */
    public static Instant parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d+(\\.\\d+)?")) {
            BigDecimal seconds = new BigDecimal(t);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: give an " + FORMATS, e);
        }
    }
}
