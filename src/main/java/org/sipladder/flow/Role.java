package org.sipladder.flow;

import org.sipladder.sip.B2buaProfile;

/** What a host is in a call path, guessed from evidence in the messages. */
public enum Role {
    CARRIER("Carrier"),
    JAMBONZ("Jambonz"),
    LIVEKIT("LiveKit"),
    SIP_ENDPOINT("SIP endpoint");

    private final String displayName;

    Role(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The role a B2BUA family's hop plays (its family name is the role's name), or null when it has none yet. */
    public static Role of(B2buaProfile profile) {
        for (Role role : values()) {
            if (role.displayName.equals(profile.family())) {
                return role;
            }
        }
        return null;
    }
}
