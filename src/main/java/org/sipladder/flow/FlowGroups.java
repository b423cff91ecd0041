package org.sipladder.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Legs joined into calls, with the evidence for each join and a summary per call. Each leg points at its call
 * ({@link LegState#group}); a join moves the legs of the smaller call into the larger, so no look-up by Call-ID
 * is needed while a capture with a hundred thousand legs is read.
 */
final class FlowGroups {

    /** The legs of one call so far; {@code summary} is valid until a leg gets a message or another group joins. */
    static final class Group {
        // sized for the common call: two legs joined by one piece of evidence (50,000 calls in a large capture)
        final List<LegState> legs = new ArrayList<>(2);
        /** Why the legs were joined, each made into text when the call is assembled. */
        final List<Supplier<String>> evidence = new ArrayList<>(0);
        boolean dirty = true;
        /** True once joined into another group, which then holds its legs. */
        boolean merged;
        CallSummary summary;
    }

    /**
     * The groups in the order the calls' first legs arrived (nearly start order already), with up to as many
     * merged ones, which {@link #all} leaves out.
     */
    private final List<Group> made = new ArrayList<>();
    private int mergedCount;

    void addLeg(LegState leg) {
        Group g = new Group();
        g.legs.add(leg);
        leg.group = g;
        made.add(g);
    }

    /** Marks the call holding {@code leg} as changed: once per message, so without looking the call up. */
    void touch(LegState leg) {
        leg.group.dirty = true;
    }

    /** True when the call holding {@code leg} already has more than this one leg. */
    boolean hasOtherLegs(LegState leg) {
        return leg.group.legs.size() > 1;
    }

    /** Puts the calls of {@code a} and {@code b} together, recording why. */
    void join(LegState a, LegState b, Supplier<String> evidence) {
        Group ga = a.group;
        Group gb = b.group;
        if (ga == gb) {
            return;
        }
        if (ga.legs.size() < gb.legs.size()) {
            Group t = ga;
            ga = gb;
            gb = t;
        }
        for (LegState leg : gb.legs) {
            leg.group = ga;
        }
        ga.legs.addAll(gb.legs);
        ga.evidence.addAll(gb.evidence);
        ga.evidence.add(evidence);
        ga.dirty = true;
        gb.merged = true;
        gb.legs.clear();
        gb.evidence.clear();
        // merged groups are let go once they are half of all: each is passed over a bounded number of times
        if (++mergedCount > made.size() / 2) {
            made.removeIf(g -> g.merged);
            mergedCount = 0;
        }
    }

    /** The calls, in the order their first legs arrived. */
    List<Group> all() {
        List<Group> live = new ArrayList<>(made.size() - mergedCount);
        for (Group g : made) {
            if (!g.merged) {
                live.add(g);
            }
        }
        return live;
    }
}
