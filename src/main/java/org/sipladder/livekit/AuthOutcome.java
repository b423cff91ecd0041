package org.sipladder.livekit;

/** What LiveKit's digest authentication does with an INVITE (routing notes, section 3). */
public enum AuthOutcome {
    /** The matched trunk has no username and password (or no trunk matched): no authentication. */
    NOT_REQUIRED,
    /** Credentials required and the INVITE has no Proxy-Authorization: LiveKit answers 407. */
    CHALLENGE,
    /** Credentials that cannot be parsed, a wrong username or a wrong digest: LiveKit answers 401. */
    BAD_CREDENTIALS,
    /** Credentials present and plausible; whether LiveKit accepts the nonce cannot be told from a capture. */
    CREDENTIALS_PRESENT,
    /** Not reached because trunk selection failed. */
    NOT_EVALUATED
}
