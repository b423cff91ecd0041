package org.sipladder.diagnose;

/**
 * One diagnosed problem.
 *
 * @param code        stable code, e.g. LK_TRUNK_CONFLICT (its JSON form is the name)
 * @param severity    severity
 * @param title       one-line title
 * @param explanation plain-language explanation
 * @param callId      Call-ID of the leg it is about, or null for config-only findings
 * @param flowId      id of the call flow it is about, or null
 * @param primary     true when this is the primary cause of the flow's failure
 * @param evidence    frames and config ids
 * @param fix         suggested fix
 */
public record Finding(FindingCode code, Severity severity, String title, String explanation, String callId,
                      String flowId, boolean primary, Evidence evidence, Fix fix) {

    /** The same finding with another severity, for a case milder or graver than its code's usual one. */
    public Finding withSeverity(Severity severity) {
        return new Finding(code, severity, title, explanation, callId, flowId, primary, evidence, fix);
    }

    public Finding asPrimary(boolean isPrimary) {
        return new Finding(code, severity, title, explanation, callId, flowId, isPrimary, evidence, fix);
    }
}
