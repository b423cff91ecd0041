package org.sipladder.flow;

import org.sipladder.sip.B2buaProfile;

/** What a host is in a call path, guessed from evidence in the messages. */
public enum Role {
    CARRIER("Carrier"),
    JAMBONZ("Jambonz"),
    LIVEKIT("LiveKit"),
    SIP_ENDPOINT("SIP endpoint"),
    /**
     * A back-to-back user agent of a family in the B2BUA table with no role of its own (FreeSWITCH, Asterisk...), or a
     * host the call shows receiving one leg's INVITE and sending another's.
     */
    B2BUA("B2BUA"),
    /** A SIP proxy of a family in the B2BUA table (Kamailio, OpenSIPS), or a host the call shows relaying its INVITE. */
    PROXY("SIP proxy"),
    /**
     * The host that answered a REGISTER of a call without INVITE itself, accepting, challenging or refusing it
     * (RFC 3261 10.3): what a PBX or proxy does in such a call, whatever it does in its INVITE calls.
     */
    REGISTRAR("Registrar"),
    /**
     * A SIP scanning or attack tool ({@link org.sipladder.sip.ScanTool}: SIPVicious, SIPPTS, sipcli...) that sent
     * the call's requests: probing for servers, extensions or passwords, no carrier or phone.
     */
    SCANNER("Scanner"),
    /**
     * A host that sends no SIP in the call but relays its RTP between two or more parties (rtpengine or RTPProxy beside
     * a proxy, a B2BUA's media server on its own address): named from the media, never from SIP clues.
     */
    MEDIA_RELAY("Media relay");

    private final String displayName;

    Role(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * The role a B2BUA family's hop plays: the role named after the family (Jambonz), else the one of its kind
     * (a carrier's hop is the carrier).
     */
    public static Role of(B2buaProfile profile) {
        for (Role role : values()) {
            if (role.displayName.equals(profile.family())) {
                return role;
            }
        }
        return switch (profile.kind()) {
            case B2BUA -> B2BUA;
            case PROXY -> PROXY;
            case CARRIER -> CARRIER;
        };
    }
}
