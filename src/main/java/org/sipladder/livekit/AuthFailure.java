package org.sipladder.livekit;

/**
 * Why LiveKit's digest authentication refused an INVITE's credentials, in the order it checks them (livekit/sip
 * pkg/sip/inbound.go, handleInviteAuth), with the response it sends for each.
 */
public enum AuthFailure {
    /** Proxy-Authorization is not "Digest " credentials LiveKit can parse. */
    UNREADABLE(LiveKitResponses.AUTH_BAD_CREDENTIALS),
    /** The credentials' username is not the trunk's auth_username. */
    WRONG_USER(LiveKitResponses.AUTH_WRONG_CREDENTIALS),
    /** No challenge stored for the Call-ID on that node (a new Call-ID, or another node's 407). */
    NO_CHALLENGE(LiveKitResponses.AUTH_BAD_CREDENTIALS),
    /**
     * The credentials answer a nonce other than the node's latest challenge for the Call-ID: LiveKit computes the
     * digest from its own stored challenge, never from the nonce the credentials name, so they cannot match.
     */
    OTHER_NONCE(LiveKitResponses.AUTH_WRONG_CREDENTIALS),
    /** Right user and nonce, but the digest is not the one the trunk's password gives: the password differs. */
    WRONG_DIGEST(LiveKitResponses.AUTH_WRONG_CREDENTIALS);

    private final LiveKitResponses responses;

    AuthFailure(LiveKitResponses responses) {
        this.responses = responses;
    }

    /** The responses LiveKit sends for this failure. */
    public LiveKitResponses responses() {
        return responses;
    }
}
