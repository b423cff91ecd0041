package org.sipladder.diagnose;

import java.util.List;

/** One entry of the finding catalogue: looks at the calls and the LiveKit config and reports what it finds. */
public interface FindingRule {

    /** The findings this rule makes; empty when it does not apply. */
    List<Finding> findings(DiagnosisContext context);

    /**
     * True when the rule pairs responses, ACKs and BYEs with their requests by Call-ID: in a call of messages without
     * one it would pair nothing and report every request unanswered, so it is not run on such a call.
     */
    default boolean pairsByCallId() {
        return true;
    }
}
