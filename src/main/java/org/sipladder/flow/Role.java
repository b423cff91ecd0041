package org.sipladder.flow;

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
}
