package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;

/** The counts a report's first page and the text diagnosis open with. */
class DialogCountsTest {

    @Test
    void largeCountsAreGroupedInThousandsAsTheReportsOtherCountsAre() {
        CallFlow call = SeedCall.flow();
        DialogCounts counts = new DialogCounts();
        for (int i = 0; i < 50_000; i++) {
            counts.add(call, i % 10 == 0);
        }
        assertEquals("50,000 calls (5,000 failed)", counts.toString());
    }
}
