package org.sipladder.livekit;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * Which inbound trunk LiveKit picks for an INVITE (routing notes, section 2).
 *
 * @param kind         the outcome
 * @param trunk        the chosen trunk when {@code kind} is MATCHED or DEFAULT, else null
 * @param candidateIds the trunks that matched: the chosen one, or the conflicting ones
 * @param error        LiveKit's exact error text, or null when there is none
 * @param skipped      one sentence per trunk that was not a candidate, saying why
 */
public record TrunkMatch(Kind kind, SIPInboundTrunkInfo trunk, List<String> candidateIds, String error,
                         List<String> skipped) {

    /** How trunk selection ended. */
    public enum Kind {
        /** Exactly one trunk lists the called number. */
        MATCHED,
        /** No trunk lists the number; exactly one default trunk (no numbers) accepts the call. */
        DEFAULT,
        /** Two or more trunks list the called number: {@code Multiple SIP Trunks matched for "<called>"}. */
        CONFLICT,
        /** No number-specific match and two or more default trunks: {@code Multiple default SIP Trunks ...}. */
        DEFAULT_CONFLICT,
        /**
         * Trunks exist but none accepts the call. Not an error: Cloud answers 404 No trunk found, the open-source
         * server goes on to the wildcard dispatch rules.
         */
        NOT_FOUND,
        /** The project has no inbound trunks: handled as {@link #NOT_FOUND}. */
        NO_TRUNKS
    }

    public TrunkMatch {
        candidateIds = List.copyOf(candidateIds);
        skipped = List.copyOf(skipped);
    }

    /** True when trunk matching fails with an error (a conflict): LiveKit answers 503 on every deployment. */
    public boolean isError() {
        return kind == Kind.CONFLICT || kind == Kind.DEFAULT_CONFLICT;
    }

    /** Shows the trunk by ID: its protobuf text would include the auth password. */
    @Override
    public String toString() {
        return "TrunkMatch[kind=" + kind + ", trunk=" + (trunk == null ? null : ConfigView.label(trunk))
                + ", candidateIds=" + candidateIds + ", error=" + error + ", skipped=" + skipped + "]";
    }
}
