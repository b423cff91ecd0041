package org.sipladder.ui.calls;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats capture times and durations the way the call list and inspector show them. */
public final class TimeFormat {

    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter timeOfDay;

    public TimeFormat(ZoneId zone) {
        this.dateTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(zone);
        this.timeOfDay = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(zone);
    }

    /** Start time of a call, e.g. "2025-03-14 10:02:03.123". */
    public String start(long micros) {
        return dateTime.format(toInstant(micros));
    }

    /** Time of one message with microseconds, e.g. "10:02:03.123456". */
    public String timeOfDay(long micros) {
        return timeOfDay.format(toInstant(micros));
    }

    /** "850 ms", "3.25 s", "1:02:05"; empty when the capture does not show it. */
    public static String duration(Long micros) {
        if (micros == null) {
            return "";
        }
        long ms = Math.round(micros / 1000.0);
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.2f s", ms / 1000.0);
        }
        long seconds = ms / 1000;
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    private static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
