package org.sipladder.livekit;

import java.util.List;

/**
 * The responses LiveKit sends to an INVITE for each outcome (routing notes, section 5, plus the 401s of
 * section 3). Entries read "status reason"; a status alone accepts any reason phrase; "..." marks a response
 * that may repeat or be missing from a capture; {@value #NO_FINAL} means no final response follows.
 */
public enum LiveKitResponses {
    /** Any error while matching the trunk, including both "Multiple ... Trunks matched" conflicts. */
    TRUNK_ERROR("100 Processing", "503 Try again later"),
    /** LiveKit Cloud found trunks but none matched. */
    NO_TRUNK_CLOUD("100 Processing", "404 No trunk found"),
    /** LiveKit Cloud quota exceeded. */
    QUOTA_EXCEEDED("100 Processing", "503 Service temporarily unavailable"),
    /** The trunk needs credentials and the INVITE has none. */
    AUTH_CHALLENGE("100 Processing", "407 Unauthorized"),
    /** Credentials that cannot be parsed, or a retry without a stored challenge (section 3). */
    AUTH_BAD_CREDENTIALS("100 Processing", "401 Bad credentials"),
    /** Wrong username or digest (section 3). */
    AUTH_WRONG_CREDENTIALS("100 Processing", "401 Unauthorized"),
    /** Dispatch evaluation failed, e.g. conflicting rules. */
    DISPATCH_ERROR("100 Processing", "180 Ringing...", "503 Try again later"),
    /** No dispatch rule matched: LiveKit drops the call. */
    NO_DISPATCH_RULE("100 Processing", "180 Ringing...", LiveKitResponses.NO_FINAL),
    /** No common codec, SDP error, or encryption required but the offer is plain RTP (empty reason phrase). */
    MEDIA_REJECTED("100 Processing", "180 Ringing...", "400"),
    /** Media port or other server error (empty reason phrase). */
    SERVER_ERROR("100 Processing", "180 Ringing...", "500"),
    /** No agent joined before the trunk's ringing timeout (default 3 minutes). */
    NO_AGENT_TIMEOUT("100 Processing", "180 Ringing...", "486 Rejected"),
    /** The caller cancelled while ringing (the CANCEL itself gets 200). */
    CALLER_CANCELLED("100 Processing", "180 Ringing...", "487 Request Terminated"),
    /** The chosen rule has a PIN: LiveKit answers to prompt for it. */
    PIN_PROMPT("100 Processing", "180 Ringing...", "200 OK"),
    /** The call is answered once the agent's audio is subscribed. */
    SUCCESS("100 Processing", "180 Ringing...", "200 OK"),
    /** INVITE without Call-ID, From, From tag or To: rejected at once, no 100. */
    MALFORMED_INVITE("400 Bad request"),
    /** A method LiveKit does not handle, e.g. REGISTER. */
    METHOD_NOT_ALLOWED("405");

    /** Marks that no final response follows. */
    public static final String NO_FINAL = "(no final response)";

    /**
     * LiveKit's answer when its dispatch service says "reject" instead of "drop" for a call no rule takes
     * ({@code DispatchNoRuleReject} in livekit/sip's inbound.go): the same outcome as {@link #NO_DISPATCH_RULE}'s
     * silence, so a capture showing it agrees with that prediction.
     */
    public static final String NO_RULE_REJECT = "404 Does not match Trunks or Dispatch Rules";

    private final List<String> responses;

    LiveKitResponses(String... responses) {
        this.responses = List.of(responses);
    }

    /** The expected responses in order. */
    public List<String> responses() {
        return responses;
    }
}
