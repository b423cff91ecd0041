package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegTableTest {

    @Test
    void findsEveryLegByAnEqualCallIdThroughGrowingAndCollidingHashes() {
        MessageStore store = new MessageStore();
        LegTable table = new LegTable();
        List<LegState> added = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // "Aa" and "BB" have one String hash: pairs of Call-IDs that collide wherever they are placed
            String callId = (i % 2 == 0 ? "Aa" : "BB") + (i / 2) + "@10.0.0.1";
            LegState leg = new LegState(callId, store);
            table.add(leg);
            added.add(leg);
            if (i % 97 == 0) {
                for (LegState earlier : added) {
                    assertSame(earlier, table.get(new String(earlier.callId())));
                }
            }
        }
        for (LegState leg : added) {
            assertSame(leg, table.get(new String(leg.callId())));
        }
        assertNull(table.get("Ab0@10.0.0.1"));
        assertNull(table.get("CC0@10.0.0.1"));
    }
}
