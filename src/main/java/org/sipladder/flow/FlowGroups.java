package org.sipladder.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Legs joined into calls (a union-find over Call-IDs), with the evidence for each join and a cached flow per call. */
final class FlowGroups {

    /** The legs of one call so far; {@code cached} is valid until a leg gets a message or another group joins. */
    static final class Group {
        // sized for the common call: two legs joined by one piece of evidence (50,000 calls in a large capture)
        final List<LegState> legs = new ArrayList<>(2);
        final List<String> evidence = new ArrayList<>(0);
        boolean dirty = true;
        CallFlow cached;
    }

    private final Map<String, String> parent = new HashMap<>();
    /** In the order the calls' first legs arrived: nearly start order already, which makes sorting them cheap. */
    private final Map<String, Group> byRoot = new LinkedHashMap<>();

    void addLeg(LegState leg) {
        parent.put(leg.callId(), leg.callId());
        Group g = new Group();
        g.legs.add(leg);
        leg.group = g;
        byRoot.put(leg.callId(), g);
    }

    /** Marks the call holding {@code leg} as changed: once per message, so without looking the call up. */
    void touch(LegState leg) {
        leg.group.dirty = true;
    }

    boolean joined(String a, String b) {
        return root(a).equals(root(b));
    }

    /** True when the call holding {@code callId} already has more than this one leg. */
    boolean hasOtherLegs(String callId) {
        return byRoot.get(root(callId)).legs.size() > 1;
    }

    /** Puts the calls of {@code a} and {@code b} together, recording why. */
    void join(String a, String b, String evidence) {
        String ra = root(a);
        String rb = root(b);
        if (ra.equals(rb)) {
            return;
        }
        Group ga = byRoot.get(ra);
        Group gb = byRoot.get(rb);
        if (ga.legs.size() < gb.legs.size()) {
            Group t = ga;
            ga = gb;
            gb = t;
            String tr = ra;
            ra = rb;
            rb = tr;
        }
        for (LegState leg : gb.legs) {
            leg.group = ga;
        }
        ga.legs.addAll(gb.legs);
        ga.evidence.addAll(gb.evidence);
        ga.evidence.add(evidence);
        ga.dirty = true;
        parent.put(rb, ra);
        byRoot.remove(rb);
    }

    Collection<Group> all() {
        return byRoot.values();
    }

    private String root(String callId) {
        String r = callId;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        String c = callId;
        while (!c.equals(r)) {
            String next = parent.get(c);
            parent.put(c, r);
            c = next;
        }
        return r;
    }
}
