package org.sipladder.ui.main;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallSummary;
import org.sipladder.flow.HopAliases;

/**
 * The few calls the window showed last, assembled with the user's hop names: the call list holds summaries only
 * (a large capture's assembled calls would take more memory than its messages), so a call is assembled when it
 * is shown, and going back to one of the last ones shown does not assemble it again. Bounded; emptied with the
 * capture and when hop names change. Used on the UI thread only.
 */
final class AssembledCalls {

    /** Enough for going back and forth between a handful of calls; each costs a few KB to a few MB. */
    static final int CAPACITY = 16;

    private final Map<CallSummary, Shown> recent = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CallSummary, Shown> eldest) {
            return size() > CAPACITY;
        }
    };

    /** An assembled call, and whether the full parser has judged its messages yet. */
    private record Shown(CallFlow flow, boolean judged) {
    }

    /** The call of {@code summary} with {@code aliases} applied, assembled unless it was one of the last shown. */
    CallFlow of(CallSummary summary, HopAliases aliases) {
        return recent.computeIfAbsent(summary, s -> new Shown(aliases.apply(s.flow()), false)).flow();
    }

    /** Whether the call of {@code summary} is kept with its messages judged by the full parser. */
    boolean judged(CallSummary summary) {
        Shown shown = recent.get(summary);
        return shown != null && shown.judged();
    }

    /**
     * Keeps {@code judged} for {@code summary} in place of {@code assembled}; nothing when the call was assembled
     * again meanwhile (new hop names) or forgotten.
     */
    void judged(CallSummary summary, CallFlow assembled, CallFlow judged) {
        Shown shown = recent.get(summary);
        if (shown != null && shown.flow() == assembled) {
            recent.put(summary, new Shown(judged, true));
        }
    }

    void clear() {
        recent.clear();
    }
}
