package org.sipladder.ladder;

import java.util.List;
import org.sipladder.capture.Endpoint;

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
 * @param fromPort    the sender's RTP port (0 when unknown): which party of a shared host sent it
 * @param toPort      the receiver's RTP port (0 when unknown)
 */
public record LadderStream(int id, String fromAddress, String toAddress, long firstMicros, long lastMicros,
                           String label, String detail, List<String> warnings, int fromPort, int toPort) {

    public LadderStream {
        warnings = List.copyOf(warnings);
    }

    /** A stream between hosts whose ports do not matter. */
    public LadderStream(int id, String fromAddress, String toAddress, long firstMicros, long lastMicros,
                        String label, String detail, List<String> warnings) {
        this(id, fromAddress, toAddress, firstMicros, lastMicros, label, detail, warnings, 0, 0);
    }

    public Endpoint from() {
        return new Endpoint(fromAddress, fromPort);
    }

    public Endpoint to() {
        return new Endpoint(toAddress, toPort);
    }

    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }
}
