package org.sipladder.source.homer;

import java.time.Instant;

/**
 * The time range Homer searches, sent as Unix milliseconds as Homer expects them.
 *
 * @param from start
 * @param to   end
 */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the end of the time range must come after its start");
        }
    }
}
