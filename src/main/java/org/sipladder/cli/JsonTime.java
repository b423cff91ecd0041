package org.sipladder.cli;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Capture times for output: epoch seconds with exactly six decimals for JSON, UTC text for tables. */
final class JsonTime {

    private static final DateTimeFormatter TABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private JsonTime() {
    }

    static BigDecimal seconds(long micros) {
        return BigDecimal.valueOf(micros, 6);
    }

    /** A duration in microseconds as seconds with millisecond precision, or null. */
    static BigDecimal durationSeconds(Long micros) {
        return micros == null ? null : BigDecimal.valueOf(micros / 1000, 3);
    }

    static String utc(long micros) {
        return TABLE.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000));
    }
}
