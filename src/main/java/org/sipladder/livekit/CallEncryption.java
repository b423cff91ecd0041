package org.sipladder.livekit;

import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPMediaEncryption;

/**
 * The media encryption LiveKit applies to an inbound call, and the config item that sets it: the trunk's
 * media_encryption merged with the winning dispatch rule's (livekit/protocol sip.go, the dispatch evaluation:
 * SIPMediaConfig.Merge and SIPMediaEncryption.MergeValue), where the rule's wins unless it is
 * SIP_MEDIA_ENCRYPT_DISABLE, the value of a field left unset. With SIP_MEDIA_ENCRYPT_REQUIRE LiveKit's answer to an
 * offer needs SDES keys ({@code a=crypto} lines): without them it fails the call with "no common encryption profiles"
 * (livekit/media-sdk sdp Offer.Answer, ErrNoCommonCrypto), a 400 with an empty reason phrase (livekit/sip
 * pkg/sip/inbound.go runMedia).
 *
 * @param value the encryption LiveKit applies
 * @param setBy "trunk ST_x" or "dispatch rule SDR_y": the item whose media_encryption decides, or null when neither
 *              sets one
 * @param id    that item's id, or null
 * @param field "media.encryption" or the deprecated "media_encryption": the field of that item that sets it
 */
public record CallEncryption(SIPMediaEncryption value, String setBy, String id, String field) {

    /** Set by the deprecated media_encryption field. */
    public CallEncryption(SIPMediaEncryption value, String setBy, String id) {
        this(value, setBy, id, "media_encryption");
    }

    /** The encryption of a call that {@code trunk} (null: none matched) let in and {@code rule} took. */
    public static CallEncryption of(SIPInboundTrunkInfo trunk, SIPDispatchRuleInfo rule) {
        return of(trunk, rule, MediaConfig.NONE, MediaConfig.NONE);
    }

    /**
     * As {@link #of(SIPInboundTrunkInfo, SIPDispatchRuleInfo)}, with the trunk's and rule's {@code media}: each
     * item's media.encryption when set, else its deprecated media_encryption unless DISABLE (SIPMediaConfig
     * UpgradeWith, applied to both before the merge), then the rule's over the trunk's as MergeValue.
     */
    static CallEncryption of(SIPInboundTrunkInfo trunk, SIPDispatchRuleInfo rule, MediaConfig trunkMedia,
                             MediaConfig ruleMedia) {
        if (rule != null) {
            CallEncryption r = upgraded(ruleMedia, rule.getMediaEncryption(), "dispatch rule "
                    + rule.getSipDispatchRuleId(), rule.getSipDispatchRuleId());
            if (r != null && r.value != SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE) {
                return r;
            }
        }
        if (trunk != null && trunkMedia != null) {
            CallEncryption t = upgraded(trunkMedia, trunk.getMediaEncryption(), "trunk " + trunk.getSipTrunkId(),
                    trunk.getSipTrunkId());
            if (t != null && isSet(t.value)) {
                return t;
            }
        }
        return new CallEncryption(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE, null, null);
    }

    /** The item's encryption after UpgradeWith, naming the field that sets it; null when neither is set. */
    private static CallEncryption upgraded(MediaConfig media, SIPMediaEncryption legacy, String by, String id) {
        if (media.encryption() != null) {
            return new CallEncryption(media.encryption(), by, id, "media.encryption");
        }
        return isSet(legacy) ? new CallEncryption(legacy, by, id) : null;
    }

    /**
     * True unless DISABLE, the value of a field left unset. UNRECOGNIZED (a value of a newer LiveKit, which the loader
     * warned about) is set: LiveKit takes it for something, and what it takes it for is not known here.
     */
    static boolean isSet(SIPMediaEncryption e) {
        return e != SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE;
    }

    /** True when the deciding item sets a value this SDK does not know, so the call's encryption cannot be judged. */
    public boolean unknown() {
        return value == SIPMediaEncryption.UNRECOGNIZED;
    }

    /** True when LiveKit refuses an offer without SDES keys. */
    public boolean required() {
        return value == SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE;
    }

    /** "trunk ST_x's media_encryption is SIP_MEDIA_ENCRYPT_REQUIRE". */
    public String describe() {
        if (unknown()) {
            return setBy + "'s " + field + " is a value this version of SIP Ladder does not know, so whether LiveKit "
                    + "requires, allows or ignores SRTP for the call is not known";
        }
        return setBy == null ? "no trunk or rule sets media_encryption" : setBy + "'s " + field + " is " + value.name();
    }
}
