package org.sipladder.ui.findings;

import java.util.List;

/**
 * One trunk or rule in the config view: the livekit package's password-safe row and the calls of the
 * capture it handled.
 *
 * @param row   a {@link org.sipladder.livekit.TrunkRow} or {@link org.sipladder.livekit.RuleRow}
 * @param id    the trunk or rule ID
 * @param calls calls that LiveKit routed through it (or would, per the simulator)
 * @param <R>   the row type
 */
public record ConfigLine<R>(R row, String id, List<String> calls) {

    public ConfigLine {
        calls = List.copyOf(calls);
    }

    /** Values joined for a table cell, or {@code whenEmpty}. */
    static String joined(List<String> values, String whenEmpty) {
        return values.isEmpty() ? whenEmpty : String.join(", ", values);
    }
}
