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

    private final Map<CallSummary, CallFlow> recent = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CallSummary, CallFlow> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The call of {@code summary} with {@code aliases} applied, assembled unless it was one of the last shown. */
    CallFlow of(CallSummary summary, HopAliases aliases) {
        return recent.computeIfAbsent(summary, s -> aliases.apply(s.flow()));
    }

    void clear() {
        recent.clear();
    }
}
