package org.sipladder.livekit;

/**
 * The parts of an INVITE that LiveKit uses to route it (routing notes, section 1).
 *
 * @param callId             Call-ID, or null when the header is missing
 * @param calledNumber       user part of the To URI (what LiveKit matches trunks against), or null when To is missing
 * @param callingNumber      user part of the From URI, or null when From is missing
 * @param fromHost           host part of the From URI, or null
 * @param sourceIp           IP source address of the packet as LiveKit receives it, or null when unknown
 * @param proxyAuthorization value of the Proxy-Authorization header, or null when absent
 * @param requestUriUser     user part of the Request-URI (not used by LiveKit for matching; kept for explanations)
 * @param challengeStored    whether the LiveKit node this INVITE went to holds a digest challenge for its Call-ID
 *                           (section 3): true when the capture shows that node's 407 to an earlier INVITE of the
 *                           Call-ID, false when it shows none, null when not known
 * @param challenge          the Proxy-Authenticate value of that node's latest 407 to the Call-ID before this INVITE
 *                           (the challenge it checks credentials against: each 407 replaces the one before), or null
 *                           when the capture does not show it
 * @param sourceBehindNat    true when {@code sourceIp} is the private address the capture shows and the INVITE went to
 *                           a public address with nothing naming the public one it left through: LiveKit saw that
 *                           unknown public address, never {@code sourceIp}
 * @param natAddressUnlisted true (only with {@code sourceBehindNat}) when LiveKit's answer shows that the NAT's public
 *                           address is none of a trunk's allowed_addresses entries: the public entries hold other
 *                           addresses; false when it may be any of them
 * @param offerEncrypted     true when the INVITE's SDP offers audio with SDES keys ({@code a=crypto}, what LiveKit
 *                           takes for SRTP), false when its audio offer has none, null when the capture shows no
 *                           audio offer in it
 * @param offerCodecs        the codec texts of the INVITE's audio offer ("0 PCMU/8000"), or null when the INVITE has
 *                           no SDP or they were not read
 */
public record InboundInvite(String callId, String calledNumber, String callingNumber, String fromHost,
                            String sourceIp, String proxyAuthorization, String requestUriUser, Boolean challengeStored,
                            String challenge, boolean sourceBehindNat, boolean natAddressUnlisted,
                            Boolean offerEncrypted, java.util.List<String> offerCodecs) {

    /** An INVITE whose offered codecs were not read. */
    public InboundInvite(String callId, String calledNumber, String callingNumber, String fromHost,
                         String sourceIp, String proxyAuthorization, String requestUriUser, Boolean challengeStored,
                         String challenge, boolean sourceBehindNat, boolean natAddressUnlisted,
                         Boolean offerEncrypted) {
        this(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization, requestUriUser,
                challengeStored, challenge, sourceBehindNat, natAddressUnlisted, offerEncrypted, null);
    }

    /** An INVITE whose audio offer, if any, is not known. */
    public InboundInvite(String callId, String calledNumber, String callingNumber, String fromHost,
                         String sourceIp, String proxyAuthorization, String requestUriUser, Boolean challengeStored,
                         String challenge, boolean sourceBehindNat, boolean natAddressUnlisted) {
        this(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization, requestUriUser,
                challengeStored, challenge, sourceBehindNat, natAddressUnlisted, null);
    }

    /** An INVITE whose source LiveKit saw as captured, or behind a NAT whose public address may be any entry. */
    public InboundInvite(String callId, String calledNumber, String callingNumber, String fromHost, String sourceIp,
                         String proxyAuthorization, String requestUriUser, Boolean challengeStored, String challenge,
                         boolean sourceBehindNat) {
        this(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization, requestUriUser,
                challengeStored, challenge, sourceBehindNat, false);
    }

    /** An INVITE whose source address LiveKit saw as captured (or as a Via received= names it). */
    public InboundInvite(String callId, String calledNumber, String callingNumber, String fromHost, String sourceIp,
                         String proxyAuthorization, String requestUriUser, Boolean challengeStored, String challenge) {
        this(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization, requestUriUser,
                challengeStored, challenge, false);
    }

    /** An INVITE whose stored challenge, if any, the capture does not show. */
    public InboundInvite(String callId, String calledNumber, String callingNumber, String fromHost, String sourceIp,
                         String proxyAuthorization, String requestUriUser, Boolean challengeStored) {
        this(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization, requestUriUser,
                challengeStored, null);
    }

    /** An INVITE for which it is not known whether LiveKit holds a challenge for its Call-ID. */
    public InboundInvite(String callId, String calledNumber, String callingNumber, String fromHost, String sourceIp,
                         String proxyAuthorization, String requestUriUser) {
        this(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization, requestUriUser, null);
    }

    /** The same INVITE sent from its private {@code sourceIp} through a NAT whose public address is unknown. */
    public InboundInvite behindNat() {
        return new InboundInvite(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization,
                requestUriUser, challengeStored, challenge, true, false, offerEncrypted, offerCodecs);
    }

    /**
     * As {@link #behindNat()}, with a NAT whose public address none of a trunk's allowed_addresses entries holds: what
     * LiveKit's refusal shows when a trunk allows the private address and some public ones.
     */
    public InboundInvite behindUnlistedNat() {
        return new InboundInvite(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization,
                requestUriUser, challengeStored, challenge, true, true, offerEncrypted, offerCodecs);
    }

    /** The same INVITE with another called number, e.g. to ask what the Request-URI user would have matched. */
    public InboundInvite withCalledNumber(String number) {
        return new InboundInvite(callId, number, callingNumber, fromHost, sourceIp, proxyAuthorization, requestUriUser,
                challengeStored, challenge, sourceBehindNat, natAddressUnlisted, offerEncrypted, offerCodecs);
    }

    /** The same INVITE offering audio with SDES keys ({@code true}), without ({@code false}) or not known (null). */
    public InboundInvite withOfferEncrypted(Boolean encrypted) {
        return new InboundInvite(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization,
                requestUriUser, challengeStored, challenge, sourceBehindNat, natAddressUnlisted, encrypted, offerCodecs);
    }

    /** The same INVITE with the codec texts of its audio offer (null: not read). */
    public InboundInvite withOfferCodecs(java.util.List<String> codecs) {
        return new InboundInvite(callId, calledNumber, callingNumber, fromHost, sourceIp, proxyAuthorization,
                requestUriUser, challengeStored, challenge, sourceBehindNat, natAddressUnlisted, offerEncrypted, codecs);
    }
}
