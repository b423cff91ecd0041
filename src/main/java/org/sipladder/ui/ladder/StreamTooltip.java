package org.sipladder.ui.ladder;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.sipladder.ladder.LadderStream;
import org.sipladder.ladder.StreamRow;

/**
 * What the tooltip of a media stream's arrow says: its label, what is wrong with it, and its whole detail (addresses,
 * MOS, SSRC), which the arrow cuts to its length; when its first packet came and how long it lasted.
 */
final class StreamTooltip {

    private StreamTooltip() {
    }

    static String text(StreamRow row, ZoneId zone) {
        LadderStream s = row.stream();
        long micros = s.firstMicros();
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT).withZone(zone).format(at);
        return s.label()
                + (s.hasWarnings() ? "\nProblems: " + String.join(", ", s.warnings()) : "")
                + "\n" + s.detail()
                + "\nFirst packet: " + time + " (" + (zone.getId().equals("Z") ? "UTC" : zone.getId()) + ")"
                + ", " + row.delta().text();
    }
}
