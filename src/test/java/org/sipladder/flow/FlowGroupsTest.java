package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FlowGroupsTest {

    private final MessageStore store = new MessageStore();

    private LegState leg(String callId) {
        return new LegState(callId, store);
    }

    @Test
    void aLegJoinedAsItArrivesLeavesNoGroupBehind() {
        FlowGroups groups = new FlowGroups();
        for (int call = 0; call < 1000; call++) {
            LegState a = leg("a" + call);
            LegState b = leg("b" + call);
            groups.addLeg(a);
            groups.addLeg(b);
            Supplier<String> why = () -> "timing";
            groups.join(a, b, why);
            assertSame(a.group, b.group);
            assertEquals(List.of(a, b), a.group.legs());
            assertEquals(List.of(why), a.group.evidence());
        }
        // one group per call: the B-legs' own groups were let go at the join (2,000 held before, half of them merged)
        assertEquals(1000, groups.held());
        assertEquals(1000, groups.all().size());
    }

    @Test
    void joinsOfOlderCallsKeepLegsAndEvidenceInJoinOrder() {
        FlowGroups groups = new FlowGroups();
        LegState a = leg("a");
        LegState b = leg("b");
        LegState c = leg("c");
        LegState d = leg("d");
        for (LegState l : List.of(a, b, c, d)) {
            groups.addLeg(l);
        }
        Supplier<String> ab = () -> "ab";
        Supplier<String> cd = () -> "cd";
        Supplier<String> bd = () -> "bd";
        groups.join(a, b, ab);
        groups.join(c, d, cd);
        assertTrue(groups.hasOtherLegs(a));
        assertEquals(List.of(a.group, c.group), groups.all());
        // equal sizes: the first call takes the second's legs and evidence, then the join's own
        groups.join(b, d, bd);
        assertEquals(List.of(a, b, c, d), d.group.legs());
        assertEquals(List.of(ab, cd, bd), a.group.evidence());
        assertEquals(List.of(a.group), groups.all());
        for (LegState l : List.of(a, b, c, d)) {
            assertSame(a.group, l.group);
        }
    }
}
