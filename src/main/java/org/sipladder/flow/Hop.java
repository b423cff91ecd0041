package org.sipladder.flow;

import java.util.List;

/**
 * One column of a ladder: a host (by default one per IP address) with its guessed role.
 *
 * @param address  IP address (without port) that identifies the hop
 * @param role     guessed role
 * @param name     display name, e.g. "LiveKit 129.158.233.108" (a user alias when set)
 * @param evidence why the role was chosen, one short sentence per clue
 */
public record Hop(String address, Role role, String name, List<String> evidence) {
}
