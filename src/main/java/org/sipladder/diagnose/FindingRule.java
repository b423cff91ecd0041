package org.sipladder.diagnose;

import java.util.List;

/** One entry of the finding catalogue: looks at the calls and the LiveKit config and reports what it finds. */
public interface FindingRule {

    /** The findings this rule makes; empty when it does not apply. */
    List<Finding> findings(DiagnosisContext context);
}
