package org.sipladder.sip;

import java.util.List;

/**
 * A parsed SDP body.
 *
 * @param origin     the {@code o=} line value
 * @param connection the session-level {@code c=} address, or null
 * @param media      the {@code m=} sections in order
 */
public record Sdp(String origin, String connection, List<SdpMedia> media) {

    /** Parses an SDP body's text; lines it does not understand are skipped. */
    public static Sdp parse(String text) {
        return SdpParser.parse(text);
    }

    /** The RFC 3551 static name of payload type {@code pt} ("8" gives "PCMA/8000"), or null for a dynamic type. */
    public static String staticType(String pt) {
        return SdpParser.staticType(pt);
    }
}
