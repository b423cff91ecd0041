package org.sipladder.ladder;

import java.util.List;

/**
 * A media stream as a ladder draws it, between the hosts that exchanged it (as sngrep does): one arrow from
 * sender to receiver at the time its first packet was seen.
 *
 * @param id          the caller's number for the stream (its place in the call's stream list), for selection
 * @param fromAddress the sender's IP address (a column's address)
 * @param toAddress   the receiver's IP address
 * @param firstMicros capture time of the first packet
 * @param lastMicros  capture time of the last packet
 * @param label       the arrow's label, e.g. "RTP PCMU · 1,500 pkts"
 * @param detail      the line under the arrow, e.g. "10.0.0.1:4000 → 10.0.0.2:5000 · 30.0 s"
 * @param warnings    what is wrong with it in a few words each ("3.2 % lost", "one-way"); empty when healthy
 */
public record LadderStream(int id, String fromAddress, String toAddress, long firstMicros, long lastMicros,
                           String label, String detail, List<String> warnings) {

    public LadderStream {
        warnings = List.copyOf(warnings);
    }

    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }
}
