package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Formattable;
import java.util.List;
import java.util.Locale;

/**
 * Every finding code the analyzer can report, with what a finding of that code is: its usual severity, its rank
 * as the primary cause of a failed call, and the template of its title. Adding a finding code is one entry here
 * (and a rule that reports it, with a fire and a silent case in {@code FindingRulesTest}).
 *
 * <p>The rank orders the candidates for a failed call's primary cause, most direct explanation first: LiveKit's
 * own refusal, then what the B2BUA made of it; {@link #NEVER_PRIMARY} marks a config-only finding or a risk that
 * cannot fail a call. Ranks leave gaps so that a new code fits between two without renumbering. A finding from a
 * LiveKit simulation ({@link Kind#SIMULATED}) is never primary when the capture contradicts that simulation; a
 * finding about call setup on a call that was answered is at most a warning ({@link Kind}).
 *
 * <p>Titles are {@link String#format} templates; {@code configTitle} is the title of the finding about the config
 * alone, when a code has one that reads differently.
 */
public enum FindingCode {
    /**
     * A call from a SIP scanner (a hop of role Scanner sent its first request): a scan, not a call, ranked before every
     * other cause whatever else the call met. A warning, a security event; an error when the target let the scanner in
     * (a 2xx to its INVITE or REGISTER). It keeps its severity on an answered call: it judges the scan, not the call.
     */
    SIP_SCANNER_PROBE(Severity.WARNING, 5, Kind.SETUP, "Scan by %s from %s: %s"),
    LK_TRUNK_CONFLICT(Severity.ERROR, 10, Kind.SIMULATED, "Trunks %s both claim %s",
            ": LiveKit answers 503 Try again later", "Trunks %s both claim %s: every call to it gets 503 Try again later"),
    LK_DEFAULT_TRUNK_CONFLICT(Severity.ERROR, 20, Kind.SIMULATED, "Default trunks %s both accept this call",
            ": LiveKit answers 503 Try again later",
            "Default trunks %s overlap: calls no trunk number matches get 503 Try again later"),
    LK_CALLED_NUMBER_MISMATCH(Severity.ERROR, 30, Kind.SIMULATED, "LiveKit sees called number %s but trunk %s lists %s"),
    LK_SOURCE_NOT_ALLOWED(Severity.ERROR, 40, Kind.SIMULATED, "Trunk %s lists %s but does not allow %s"),
    LK_CALLER_NOT_ALLOWED(Severity.ERROR, 50, Kind.SIMULATED, "Trunk %s lists %s but does not allow caller %s"),
    LK_NO_TRUNK_MATCH(Severity.ERROR, 60, Kind.SIMULATED, "No inbound trunk accepts calls to %s"),
    /** The values: LiveKit's answer, and what was wrong with the credentials. */
    LK_AUTH_FAILED(Severity.ERROR, 70, Kind.SIMULATED, "LiveKit rejected the credentials (%s): %s"),
    /**
     * Its config title is that of a call whose INVITE the config's trunk would have challenged and LiveKit answered
     * without asking for credentials: the capture contradicts the config ({@link ContradictedPredictions}).
     */
    LK_AUTH_CHALLENGE_UNANSWERED(Severity.ERROR, 80, Kind.SIMULATED,
            "LiveKit asked for credentials (407) and %s", "Trunk %s requires credentials"),
    LK_RULE_CONFLICT(Severity.ERROR, 90, Kind.SIMULATED, "Dispatch rules %s conflict for this call",
            "Dispatch rules %s claim the same calls"),
    LK_RULE_NO_KIND(Severity.ERROR, 95, Kind.SIMULATED, "Dispatch rule %s has no rule kind",
            ": LiveKit answers 503 Try again later",
            "Dispatch rule %s has no rule kind: calls that list it get 503 Try again later"),
    LK_NO_RULE_MATCH(Severity.ERROR, 100, Kind.SIMULATED, "No dispatch rule takes calls from %s"),
    LK_RULE_PIN_PROMPT(Severity.WARNING, 110, Kind.SIMULATED, "PIN rule %s won",
            ": LiveKit answered to ask the caller for a PIN", "PIN rule %s won: LiveKit answered to ask the caller for a PIN"),
    /** A config finding about such a rule is a warning: it matters only if the agent registers with a name. */
    LK_RULE_NO_AGENT(Severity.ERROR, 120, Kind.SIMULATED, "Dispatch rule %s dispatches no agent",
            ": it took this call", "Dispatch rule %s dispatches no agent"),
    /** LiveKit placed the call and the provider challenged it; LiveKit had no credentials to answer with. */
    LK_OUTBOUND_AUTH_MISSING(Severity.ERROR, 121, Kind.SETUP,
            "The provider asked LiveKit for credentials (%s) and LiveKit sent none"),
    /** The first value says which loop: the credentials, or a digest uri other than the Request-URI. */
    LK_OUTBOUND_AUTH_LOOP(Severity.ERROR, 122, Kind.SETUP, "%s: %s again from %s"),
    LK_OUTBOUND_FROM_REJECTED(Severity.ERROR, 123, Kind.SETUP, "%s refused the call from %s (403 Forbidden)"),
    LK_OUTBOUND_NUMBER_REJECTED(Severity.ERROR, 124, Kind.SETUP, "%s rejected the dialled number %s: %s"),
    /** The values: the trunk or rule that requires it ("trunk ST_x"). */
    LK_SRTP_REQUIRED(Severity.ERROR, 115, Kind.SIMULATED, "%s requires SRTP and the offer to LiveKit has no keys",
            ": LiveKit answers 400", "%s requires SRTP"),
    SIP_LATE_OFFER(Severity.ERROR, 130, Kind.SETUP, "INVITE to LiveKit without SDP (late offer)"),
    SIP_NO_COMMON_CODEC(Severity.ERROR, 140, Kind.SETUP, "No common audio codec between %s and %s"),
    MEDIA_TIMEOUT_HANGUP(Severity.ERROR, 150, Kind.AFTER_ANSWER, "%s hung up after its media timeout: no RTP reached it%s"),
    MEDIA_NO_RTP(Severity.ERROR, 160, Kind.AFTER_ANSWER, "Answered, but no RTP either way between %s and %s"),
    /** RTP the capture shows, refused by the receiver's host: one-way audio although both directions flow. */
    MEDIA_RTP_REFUSED(Severity.ERROR, 165, Kind.AFTER_ANSWER, "RTP to %s refused: ICMP %s"),
    MEDIA_ONE_WAY(Severity.ERROR, 170, Kind.AFTER_ANSWER, "One-way audio: RTP only from %s to %s"),
    /** A warning: the call went on, but one side heard nothing for the rest of it. */
    MEDIA_RTP_STOPPED(Severity.WARNING, 175, Kind.AFTER_ANSWER, "RTP from %s to %s stopped %s s after the answer"),
    /** A warning: no RTP either way for the last seconds before the BYE, no hold asked for it; the values: seconds, BYE sender. */
    MEDIA_DEAD_AIR(Severity.WARNING, 174, Kind.AFTER_ANSWER, "No RTP either way for %s s before the BYE from %s"),
    /** A warning: the call went on, but one side heard nothing for its first seconds. */
    MEDIA_RTP_LATE_START(Severity.WARNING, 176, Kind.AFTER_ANSWER, "RTP from %s to %s started %s s after the answer"),
    /** The values: the answerer, what it was offered ("an SRTP offer"), what it answered ("plain RTP"). */
    MEDIA_ENCRYPTION_MISMATCH(Severity.WARNING, 178, Kind.AFTER_ANSWER, "%s answered %s with %s"),
    MEDIA_CODEC_MISMATCH(Severity.WARNING, 180, Kind.AFTER_ANSWER,
            "RTP to %s uses payload %s that its SDP did not offer"),
    MEDIA_HOLD_MISMATCH(Severity.WARNING, 190, Kind.AFTER_ANSWER, "Hold offered as a=%s but answered a=%s"),
    /** LiveKit's answer read from the capture alone: it stays a candidate when the simulation is contradicted. */
    LK_RESPONSE_EXPLAINED(Severity.ERROR, 200, Kind.SETUP, "%s (%s)"),
    LK_SILENT_DROP(Severity.ERROR, 210, Kind.SIMULATED, "LiveKit dropped the call silently (no final response%s)"),
    /** A cancel at LiveKit's ringing timeout (nobody answered) is information. */
    LK_OUTBOUND_NO_RESPONSE(Severity.ERROR, 213, Kind.SETUP, "%s"),
    /** The title says where the failure started and how it came back; busy, declined or cancelled are information. */
    LK_OUTBOUND_PROVIDER_REJECTED(Severity.ERROR, 216, Kind.SETUP, "%s"),
    /** TCP connections to a SIP port refused with a reset, and no SIP between the two hosts: not tied to a call. */
    SIP_CONNECTION_REFUSED(Severity.ERROR, FindingCode.NEVER_PRIMARY, Kind.SETUP,
            "%s's TCP connections to %s were refused (%s): no SIP was sent"),
    /** TCP connections to a SIP port whose SYNs got no answer at all, and no SIP between the two hosts. */
    SIP_CONNECTION_UNANSWERED(Severity.ERROR, FindingCode.NEVER_PRIMARY, Kind.SETUP,
            "%s's TCP connections to %s got no answer (%s): no SIP was sent"),
    /**
     * TLS handshakes with a SIP port that failed (an alert, a close, a non-TLS answer, no answer at all): no SIP could
     * be sent.
     */
    SIP_TLS_HANDSHAKE_FAILED(Severity.ERROR, FindingCode.NEVER_PRIMARY, Kind.SETUP,
            "%s's TLS handshake with %s failed: %s"),
    SIP_NO_FINAL_RESPONSE(Severity.ERROR, 220, Kind.SETUP, "%s to %s got no final response"),
    /**
     * An INVITE rejected 5xx by the side whose reliable provisional response (100rel) no PRACK acknowledged: RFC 3262 3
     * has it give up so after 64*T1. Ranked before the rejection, which only follows from it.
     */
    SIP_PRACK_MISSING(Severity.ERROR, 225, Kind.SETUP, "Reliable %s from %s was not acknowledged: %s"),
    /** A busy callee or a caller who cancelled is information, not an error. */
    SIP_CALL_REJECTED(Severity.ERROR, 230, Kind.SETUP, "%s rejected the call: %s"),
    B2BUA_FAILURE_RELAYED(Severity.WARNING, 240, Kind.SETUP, "%s to the caller started as %s from %s"),
    SIP_REGISTER_REJECTED(Severity.ERROR, 250, Kind.SETUP, "Registration to %s failed: %s%s"),
    /**
     * A dialog without INVITE other than a registration (SUBSCRIBE, PUBLISH, OPTIONS, MESSAGE...) whose request was
     * refused; a refused subscription, publication or keepalive is a warning: no call depends on it.
     */
    SIP_REQUEST_REJECTED(Severity.ERROR, 255, Kind.SETUP, "%s to %s rejected: %s"),
    SIP_TRANSFER_FAILED(Severity.ERROR, 260, Kind.AFTER_ANSWER, "Transfer to %s failed: %s"),
    SIP_DIALOG_NOT_FOUND(Severity.ERROR, 270, Kind.AFTER_ANSWER, "%s reached a hop that does not know the dialog (481)"),
    // ranked before the media codes: an answer that never reached the caller (no ACK) also leaves it sending no RTP,
    // and its sender ends the call after 64 * T1 (32 s), close to a media timeout
    /** LiveKit answered a re-INVITE of a call it answered as a new call: the node that got it has no such call. */
    LK_REINVITE_NEW_CALL(Severity.ERROR, 275, Kind.AFTER_ANSWER, "re-INVITE to LiveKit %s handled as a new call: %s"),
    /** The values: the response ("200 OK"), its sender, the CSeq it names ("1 INVITE"). */
    SIP_RESPONSE_UNMATCHED(Severity.WARNING, 144, Kind.AFTER_ANSWER, "%s from %s matches no transaction of its CSeq %s"),
    SIP_ACK_MISSING(Severity.ERROR, 145, Kind.AFTER_ANSWER,
            "The answer was not acknowledged: %s"),
    /**
     * A warning: the call worked until the timer cut it, as LK_MAX_CALL_DURATION's limit does, and an answered call
     * fails only when nobody (or one side) heard anything ({@link PrimaryCauses#ANSWERED_FAILURES}).
     */
    SIP_SESSION_TIMER_EXPIRED(Severity.WARNING, 290, Kind.AFTER_ANSWER,
            "The call ended when its session timer expired (%s)"),
    /**
     * LiveKit hung up an answered call when its trunk's max_call_duration ran out: the call worked, the limit cut it.
     * A warning, never a failed call's cause: the limit may be meant.
     */
    LK_MAX_CALL_DURATION(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER,
            "LiveKit hung up at %s of %s"),
    /** Information once a later re-INVITE of the dialog was answered 2xx: the glare was resolved. */
    /** A re-INVITE or UPDATE after the answer refused: the session stays as it was, the call answered. */
    SIP_SESSION_CHANGE_REFUSED(Severity.WARNING, 295, Kind.AFTER_ANSWER, "%s refused by %s: %s"),
    SIP_REINVITE_GLARE(Severity.ERROR, 300, Kind.AFTER_ANSWER,
            "re-INVITE collided with the other side's (491 Request Pending)"),
    /**
     * A BYE, UPDATE, INFO or REFER after the answer that got no response at all: a warning, the call stays answered;
     * information when the capture ends before its sender's Timer F. Ranked last of the dialog codes: it names a
     * failed call's cause only when nothing else explains it.
     */
    SIP_IN_DIALOG_NO_RESPONSE(Severity.WARNING, 310, Kind.AFTER_ANSWER, "%s to %s got no response"),
    /** An INVITE that failed and was then retried successfully: information, never a call's cause. */
    SIP_RETRY_RECOVERED(Severity.INFO, FindingCode.NEVER_PRIMARY, Kind.SETUP,
            "INVITE to %s failed (%s); a retry was answered %s"),
    /**
     * Messages of a call the capture's SIP reader flagged malformed (a missing or unreadable header, a cut or
     * overlong message): a warning naming each and what is wrong with it; never a call's cause on its own word, as
     * a lenient peer reads what the reader rejects.
     */
    SIP_MALFORMED_MESSAGE(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.SETUP, "%s from %s is malformed%s"),
    /**
     * A CreateSIPParticipant request LiveKit refuses before it dials (its own validation, or an outbound trunk it
     * needs): no call is placed, so no call of the capture can show it. The values: the request, LiveKit's error.
     */
    LK_PARTICIPANT_REQUEST_REFUSED(Severity.ERROR, FindingCode.NEVER_PRIMARY, Kind.SIMULATED,
            "%s: LiveKit refuses it: %s"),
    LK_RULE_UNKNOWN_TRUNK(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.SIMULATED,
            "Dispatch rule %s points to unknown trunk %s"),
    LK_INBOUND_NUMBERS_LOOKS_LIKE_DID(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.SIMULATED,
            "Dispatch rule %s lists the trunk number %s as a caller"),
    SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.SETUP,
            "%s advertises a private address to public peer %s"),
    MEDIA_ADDRESS_MISMATCH(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER,
            "RTP to %s does not use the SDP addresses"),
    /** 1-5 % loss is information. */
    MEDIA_LOSS(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER, "%.1f %% packet loss on RTP to %s"),
    /** Jitter in bursts only is information. */
    MEDIA_JITTER(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER, "Jitter up to %.0f ms on RTP to %s"),
    /** From the receiver's RTCP: 1-5 % is information. */
    MEDIA_LOSS_REPORTED(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER,
            "%s reports %.1f %% loss on RTP from %s that the capture point does not see"),
    /** From the receiver's RTCP. */
    MEDIA_JITTER_REPORTED(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER,
            "%s reports jitter up to %.0f ms on RTP from %s that the capture point does not see"),
    /** From LSR and DLSR of the receiver's RTCP. */
    MEDIA_ROUND_TRIP_HIGH(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER,
            "Round trip of %.0f ms to %s (RTCP)"),
    /** Information: LiveKit since livekit/sip #742 and most receivers take such digits; older LiveKit dropped them. */
    MEDIA_DTMF_NO_MARKER(Severity.INFO, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER,
            "DTMF to %s without the RFC 4733 marker bit: %s of %s digits"),
    /** One key press sent under several RTP timestamps: a receiver keyed on the timestamp (LiveKit) sees each. */
    MEDIA_DTMF_TIMESTAMP_MOVED(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER,
            "DTMF to %s changes the RTP timestamp within a key press: %s digits seen, %s sent"),
    /** LiveKit answers INFO 405: digits sent so never reach the agent. */
    LK_DTMF_INFO_REFUSED(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER,
            "DTMF %s sent to LiveKit as SIP INFO never reaches the agent: %s"),
    /** A warning when the capture shows digits sent anyway; information otherwise (in-band tones do not show). */
    LK_DTMF_NOT_NEGOTIATED(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.AFTER_ANSWER,
            "No DTMF can %s LiveKit on this call: %s"),
    /**
     * An UPDATE of an early dialog (before the INVITE's answer, RFC 3311) refused: the early session stays as it was
     * and the INVITE goes on, so it never fails the call by itself; information when the change went through later.
     */
    SIP_EARLY_UPDATE_REFUSED(Severity.WARNING, FindingCode.NEVER_PRIMARY, Kind.SETUP,
            "%s before the answer refused by %s: %s");

    /** Where a finding of a code comes from, which decides when it can be primary and when it is an error. */
    public enum Kind {
        /** From simulating LiveKit's routing with the loaded config: never primary when the capture contradicts it. */
        SIMULATED,
        /** Read from the capture, about setting a call up: on a call that was answered it is at most a warning. */
        SETUP,
        /** Read from the capture, about what happens after the answer (media, dialog): it keeps its severity. */
        AFTER_ANSWER
    }

    /** The rank of a code that never names a failed call's primary cause. */
    public static final int NEVER_PRIMARY = Integer.MAX_VALUE;

    private final Severity severity;
    private final int rank;
    private final Kind kind;
    private final String title;
    private final String configTitle;
    private final String claim;
    /** {@link #title} and {@link #configTitle} split at their %s ({@link #runs}), or null. */
    private final String[] titleRuns;
    private final String[] configTitleRuns;

    FindingCode(Severity severity, int rank, Kind kind, String title) {
        this(severity, rank, kind, title, title);
    }

    FindingCode(Severity severity, int rank, Kind kind, String title, String configTitle) {
        this(severity, rank, kind, title, "", configTitle);
    }

    /** A code whose call title is {@code base} followed by {@code claim}, what LiveKit did according to the config. */
    FindingCode(Severity severity, int rank, Kind kind, String base, String claim, String configTitle) {
        this.severity = severity;
        this.rank = rank;
        this.kind = kind;
        this.title = base + claim;
        this.configTitle = configTitle;
        this.claim = claim;
        this.titleRuns = runs(title);
        this.configTitleRuns = runs(configTitle);
    }

    /**
     * The texts around a template's %s specifiers (a %% already as its %), or null when it has another specifier:
     * split once, not searched for '%' for every finding.
     */
    private static String[] runs(String template) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            char spec = c == '%' && i + 1 < template.length() ? template.charAt(i + 1) : 0;
            if (c != '%') {
                run.append(c);
            } else if (spec == '%') {
                run.append('%');
                i++;
            } else if (spec == 's') {
                runs.add(run.toString());
                run.setLength(0);
                i++;
            } else {
                return null;
            }
        }
        runs.add(run.toString());
        return runs.toArray(new String[0]);
    }

    /** {@link #fill} of {@code template}, split into {@code runs}, with {@code values}. */
    private static String filled(String[] runs, String template, Object[] values) {
        if (runs == null || values.length < runs.length - 1) {
            return fill(template, values); // which fails as String.format fails
        }
        int length = 0;
        for (int i = 0; i < runs.length; i++) {
            length += runs[i].length();
            if (i < runs.length - 1) {
                if (values[i] instanceof Formattable) {
                    return fill(template, values);
                }
                length += values[i] instanceof String v ? v.length() : 16;
            }
        }
        StringBuilder out = new StringBuilder(length).append(runs[0]);
        for (int i = 1; i < runs.length; i++) {
            out.append(values[i - 1]).append(runs[i]);
        }
        return out.toString();
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
        return kind == Kind.SIMULATED;
    }

    /** True for failures after the answer (media, dialog): an answered call is exactly where they matter. */
    public boolean afterAnswer() {
        return kind == Kind.AFTER_ANSWER;
    }

    /**
     * The end of a call title that states what LiveKit did with the call as the config predicts it ("" when the title
     * states the config only): a finding the capture contradicts drops it (see {@link ContradictedPredictions}).
     */
    String claim() {
        return claim;
    }

    /** The {@link String#format} template of {@link #title}. */
    String titleTemplate() {
        return title;
    }

    /** The {@link String#format} template of {@link #configTitle}. */
    String configTitleTemplate() {
        return configTitle;
    }

    /** The title of a finding about a call, filled in with {@code values}. */
    public String title(Object... values) {
        return filled(titleRuns, title, values);
    }

    /** The title of a finding about the LiveKit config alone, filled in with {@code values}. */
    public String configTitle(Object... values) {
        return filled(configTitleRuns, configTitle, values);
    }

    /**
     * {@code String.format(Locale.ROOT, template, values)}; templates of only %s and %% (all of ours) are filled in
     * without a Formatter, which a large capture's hundred thousand findings made in bulk.
     */
    static String fill(String template, Object... values) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int next = 0;
        int from = 0;
        // the text between two specifiers is appended as a run: char by char it was most of a title's cost
        for (int i = template.indexOf('%'); i >= 0; i = template.indexOf('%', from)) {
            out.append(template, from, i);
            char spec = i + 1 < template.length() ? template.charAt(i + 1) : 0;
            if (spec == '%') {
                out.append('%');
            } else if (spec == 's' && next < values.length && !(values[next] instanceof Formattable)) {
                out.append(values[next++]);
            } else {
                return String.format(Locale.ROOT, template, values);
            }
            from = i + 2;
        }
        return out.append(template, from, template.length()).toString();
    }
}
