package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Durations as the report writes them: a capture's time span can be seconds or months. */
class TimesTest {

    @Test
    void shortDurationsKeepTheirPrecision() {
        assertEquals("850 ms", Times.duration(850_000L));
        assertEquals("4.210 s", Times.duration(4_210_000L));
        assertEquals("3 min 12.0 s", Times.duration(192_000_000L));
        assertEquals("not seen", Times.duration(null));
    }

    @Test
    void hoursAndDaysAreWrittenAsSuchNotAsThousandsOfMinutes() {
        long minute = 60_000_000L;
        assertEquals("2 h 5 min 12 s", Times.duration(125 * minute + 12_000_000L));
        // two captures months apart, merged: the cover's span said "245760 min 24.5 s"
        assertEquals("170 d 16 h 0 min", Times.duration(245_760 * minute + 24_500_000L));
    }
}
