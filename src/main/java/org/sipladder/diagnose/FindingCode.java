package org.sipladder.diagnose;

/**
 * Every finding code the analyzer can report, with what a finding of that code is: its usual severity, its rank
 * as the primary cause of a failed call, and the template of its title. Adding a finding code is one entry here
 * (and a rule that reports it, with a fire and a silent case in {@code FindingRulesTest}).
 *
 * <p>The rank orders the candidates for a failed call's primary cause, most direct explanation first: LiveKit's
 * own refusal, then what the B2BUA made of it; {@link #NEVER_PRIMARY} marks a config-only finding or a risk that
 * cannot fail a call. Ranks leave gaps so that a new code fits between two without renumbering. A finding from a
 * LiveKit simulation ({@code simulated}) is never primary when the capture contradicts that simulation.
 *
 * <p>Titles are {@link String#format} templates; {@code configTitle} is the title of the finding about the config
 * alone, when a code has one that reads differently.
 */
public enum FindingCode {
    LK_TRUNK_CONFLICT(Severity.ERROR, 10, true,
            "Trunks %s both claim %s: LiveKit answers 503 Try again later",
            "Trunks %s both claim %s: every call to it gets 503 Try again later"),
    LK_DEFAULT_TRUNK_CONFLICT(Severity.ERROR, 20, true,
            "Default trunks %s both accept this call: LiveKit answers 503 Try again later",
            "Default trunks %s overlap: calls no trunk number matches get 503 Try again later"),
    LK_CALLED_NUMBER_MISMATCH(Severity.ERROR, 30, true, "LiveKit sees called number %s but trunk %s lists %s"),
    LK_SOURCE_NOT_ALLOWED(Severity.ERROR, 40, true, "Trunk %s lists %s but does not allow source %s"),
    LK_CALLER_NOT_ALLOWED(Severity.ERROR, 50, true, "Trunk %s lists %s but does not allow caller %s"),
    LK_NO_TRUNK_MATCH(Severity.ERROR, 60, true, "No inbound trunk accepts calls to %s"),
    LK_AUTH_FAILED(Severity.ERROR, 70, true, "LiveKit rejected the credentials (401)"),
    LK_AUTH_CHALLENGE_UNANSWERED(Severity.ERROR, 80, true,
            "LiveKit asked for credentials (407) and the sender never sent them"),
    LK_RULE_CONFLICT(Severity.ERROR, 90, true, "Dispatch rules %s conflict for this call",
            "Dispatch rules %s claim the same calls"),
    LK_NO_RULE_MATCH(Severity.ERROR, 100, true, "No dispatch rule takes calls from %s"),
    LK_RULE_PIN_PROMPT(Severity.WARNING, 105, true, "PIN rule %s won: LiveKit answered to ask the caller for a PIN"),
    /** A config finding about such a rule is a warning: it matters only if the agent registers with a name. */
    LK_RULE_NO_AGENT(Severity.ERROR, 110, true, "Dispatch rule %s took the call but dispatches no agent",
            "Dispatch rule %s dispatches no agent"),
    SIP_NO_COMMON_CODEC(Severity.ERROR, 120, false, "No common audio codec between %s and %s"),
    /** LiveKit's answer read from the capture alone: it stays a candidate when the simulation is contradicted. */
    LK_RESPONSE_EXPLAINED(Severity.ERROR, 130, false, "%s (%s)"),
    LK_SILENT_DROP(Severity.ERROR, 135, true, "LiveKit dropped the call silently (no final response%s)"),
    SIP_NO_FINAL_RESPONSE(Severity.ERROR, 140, false, "INVITE to %s got no final response"),
    /** A busy callee or a caller who cancelled is information, not an error. */
    SIP_CALL_REJECTED(Severity.ERROR, 150, false, "%s rejected the call: %s"),
    B2BUA_FAILURE_RELAYED(Severity.WARNING, 160, false, "%s to the caller started as %s from %s"),
    SIP_REGISTER_REJECTED(Severity.ERROR, 170, false, "Registration to %s failed: %s%s"),
    LK_RULE_UNKNOWN_TRUNK(Severity.WARNING, FindingCode.NEVER_PRIMARY, true, "Dispatch rule %s points to unknown trunk %s"),
    LK_INBOUND_NUMBERS_LOOKS_LIKE_DID(Severity.WARNING, FindingCode.NEVER_PRIMARY, true,
            "Dispatch rule %s lists the trunk number %s as a caller"),
    SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER(Severity.WARNING, FindingCode.NEVER_PRIMARY, false,
            "%s advertises a private address to public peer %s");

    /** The rank of a code that never names a failed call's primary cause. */
    public static final int NEVER_PRIMARY = Integer.MAX_VALUE;

    private final Severity severity;
    private final int rank;
    private final boolean simulated;
    private final String title;
    private final String configTitle;

    FindingCode(Severity severity, int rank, boolean simulated, String title) {
        this(severity, rank, simulated, title, title);
    }

    FindingCode(Severity severity, int rank, boolean simulated, String title, String configTitle) {
        this.severity = severity;
        this.rank = rank;
        this.simulated = simulated;
        this.title = title;
        this.configTitle = configTitle;
    }

    /** The usual severity; a rule may lower it for a milder case (its entry says when). */
    public Severity severity() {
        return severity;
    }

    /** Smaller ranks explain a failed call more directly; {@link #NEVER_PRIMARY} for codes that never do. */
    public int rank() {
        return rank;
    }

    public boolean canBePrimary() {
        return rank != NEVER_PRIMARY;
    }

    /** True when the finding comes from simulating LiveKit's routing with the loaded config. */
    public boolean simulated() {
        return simulated;
    }

    /** The title of a finding about a call, filled in with {@code values}. */
    public String title(Object... values) {
        return String.format(title, values);
    }

    /** The title of a finding about the LiveKit config alone, filled in with {@code values}. */
    public String configTitle(Object... values) {
        return String.format(configTitle, values);
    }
}
