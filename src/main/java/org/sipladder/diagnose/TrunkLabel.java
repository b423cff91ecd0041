package org.sipladder.diagnose;

import org.sipladder.livekit.TrunkMatch;

/**
 * The inbound trunk LiveKit picked for an INVITE, or why it picked none, in words: one line per trunk ID for a table
 * cell, or one line for a count of calls by trunk (the PDF's summary and the text diagnosis's overview alike).
 */
public final class TrunkLabel {

    private TrunkLabel() {
    }

    /** "ST_a", "ST_a\n(default trunk)", "conflict:\nST_a\nST_b", "none matched", ... */
    public static String lines(TrunkMatch t) {
        return text(t, "\n", "\n");
    }

    /** As {@link #lines} on one line: "ST_a (default trunk)", "conflict: ST_a, ST_b", ... */
    public static String line(TrunkMatch t) {
        return text(t, " ", ", ");
    }

    private static String text(TrunkMatch t, String before, String between) {
        return switch (t.kind()) {
            case MATCHED -> t.trunk().getSipTrunkId();
            case DEFAULT -> t.trunk().getSipTrunkId() + before + "(default trunk)";
            case CONFLICT -> "conflict:" + before + String.join(between, t.candidateIds());
            case DEFAULT_CONFLICT -> "default trunks conflict:" + before + String.join(between, t.candidateIds());
            case NOT_FOUND -> "none matched";
            case NO_TRUNKS -> "project has no inbound trunks";
        };
    }
}
