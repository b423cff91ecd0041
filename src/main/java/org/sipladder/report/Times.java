package org.sipladder.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.sipladder.Counted;

/** How the report writes instants and durations: UTC, millisecond precision, no locale surprises. */
final class Times {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String stamp(long micros) {
        return STAMP.format(instant(micros));
    }

    static String day(long micros) {
        return DAY.format(instant(micros));
    }

    static String clock(long micros) {
        return CLOCK.format(instant(micros));
    }

    /** "850 ms", "4.210 s", "3 min 12.0 s", "2 h 5 min 12 s", "170 d 16 h 0 min"; "not seen" for null. */
    static String duration(Long micros) {
        if (micros == null) {
            return "not seen";
        }
        long ms = micros / 1000;
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return String.format(Locale.ROOT, "%d min %.1f s", ms / 60_000, (ms % 60_000) / 1000.0);
        }
        long minutes = ms / 60_000;
        if (minutes < 24 * 60) {
            return String.format(Locale.ROOT, "%d h %d min %d s", minutes / 60, minutes % 60, (ms % 60_000) / 1000);
        }
        return String.format(Locale.ROOT, "%d d %d h %d min", minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    }

    static String count(long n) {
        return Counted.grouped(n);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }
}
