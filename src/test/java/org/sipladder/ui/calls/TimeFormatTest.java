package org.sipladder.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeFormatTest {

    @Test
    void formatsTimesInTheGivenZoneAndDurationsByMagnitude() {
        TimeFormat format = new TimeFormat(ZoneOffset.UTC);
        assertEquals("2023-11-14 22:13:20.123", format.start(1_700_000_000_123_456L));
        assertEquals("22:13:20.123456", format.timeOfDay(1_700_000_000_123_456L));
        assertEquals("", TimeFormat.duration(null));
        assertEquals("850 ms", TimeFormat.duration(850_000L));
        assertEquals("3.25 s", TimeFormat.duration(3_250_000L));
        assertEquals("2:05", TimeFormat.duration(125_000_000L));
        assertEquals("1:02:05", TimeFormat.duration(3_725_000_000L));
    }
}
