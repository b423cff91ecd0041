package org.sipladder.flow;

import java.util.Map;

/**
 * What the user has told the analyzer about hosts.
 *
 * @param hopAliases display names by IP address, replacing the "Role address" name of a hop
 */
public record FlowSettings(Map<String, String> hopAliases) {

    public FlowSettings {
        hopAliases = Map.copyOf(hopAliases);
    }

    /** No aliases. */
    public static FlowSettings defaults() {
        return new FlowSettings(Map.of());
    }
}
