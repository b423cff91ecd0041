package org.sipladder.ladder;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats the time gutter: wall-clock time to the millisecond and the gap to the previous message. */
final class TimeTexts {

    private final DateTimeFormatter clock;
    private final DateTimeFormatter date;

    TimeTexts(ZoneId zone) {
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
        this.date = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(zone);
    }

    String clock(long micros) {
        return clock.format(instant(micros));
    }

    /** Seconds since the call's first message to the millisecond, e.g. "+12.503". */
    static String sinceStart(long micros) {
        return "+" + decimal(Math.round(micros / 1000.0), 3);
    }

    String date(long micros) {
        return date.format(instant(micros));
    }

    /** "+0.42 ms", "+105.3 ms", "+2.503 s", "+3m 07s"; a negative gap (capture out of order) gets a minus. */
    static String delta(long micros) {
        String sign = micros < 0 ? "\u2212" : "+";
        long abs = Math.abs(micros);
        if (abs < 10_000) {
            return sign + decimal(Math.round(abs / 10.0), 2) + " ms";
        }
        if (abs < 1_000_000) {
            return sign + decimal(Math.round(abs / 100.0), 1) + " ms";
        }
        if (abs < 60_000_000) {
            return sign + decimal(Math.round(abs / 1000.0), 3) + " s";
        }
        long seconds = abs / 1_000_000;
        long rest = seconds % 60;
        return sign + seconds / 60 + "m " + (rest < 10 ? "0" : "") + rest + "s";
    }

    /** The fixed-point number units / 10^places, written without String.format (it is per row and slow). */
    private static String decimal(long units, int places) {
        StringBuilder digits = new StringBuilder(Long.toString(units));
        while (digits.length() <= places) {
            digits.insert(0, '0');
        }
        return digits.insert(digits.length() - places, '.').toString();
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }
}
