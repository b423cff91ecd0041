package org.sipladder.sip;

import java.util.List;

/**
 * A parsed SDP body.
 *
 * @param origin     the {@code o=} line value
 * @param connection the session-level {@code c=} address, or null
 * @param media      the {@code m=} sections in order
 * @param problem    what is wrong with the body's text ("a NUL byte in its s= line"), or null
 */
public record Sdp(String origin, String connection, List<SdpMedia> media, String problem) {

    /** A body with nothing wrong with its text. */
    public Sdp(String origin, String connection, List<SdpMedia> media) {
        this(origin, connection, media, null);
    }

    /** Parses an SDP body's text; lines it does not understand are skipped. */
    public static Sdp parse(String text) {
        return SdpParser.parse(text);
    }

    /**
     * The first media section that has a port (media to send) and no {@code c=} line, when the session has none
     * either: RFC 4566 5.7 requires one or the other, and without an address the section's media goes nowhere one
     * can tell. Null when every such section has an address.
     */
    public SdpMedia withoutAddress() {
        if (connection != null) {
            return null;
        }
        for (SdpMedia m : media) {
            if (m.connection() == null && m.port() != 0) {
                return m;
            }
        }
        return null;
    }

    /** The port of an {@code m=} line's port field ("5004/2" gives 5004), or -1 when it is not a number. */
    public static int mediaPort(String portText) {
        int slash = portText.indexOf('/');
        try {
            return Integer.parseInt(slash > 0 ? portText.substring(0, slash) : portText);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The RFC 3551 static name of payload type {@code pt} ("8" gives "PCMA/8000"), or null for a dynamic type. */
    public static String staticType(String pt) {
        return SdpParser.staticType(pt);
    }
}
