package org.sipladder.sip;

import java.util.List;
import java.util.Locale;

/**
 * One {@code m=} section of an SDP body.
 *
 * @param type       audio, video, application...
 * @param port       media port
 * @param protocol   RTP/AVP, RTP/SAVP...
 * @param codecs     codec names with payload types as offered, e.g. "0 PCMU/8000"
 * @param connection the section's {@code c=} address, or null when only the session level has one
 * @param direction  sendrecv, sendonly, recvonly, inactive (sendrecv when absent)
 * @param crypto     true when the section has an {@code a=crypto} line (SDES keys for SRTP, RFC 4568): what
 *                   LiveKit takes for an encrypted offer
 */
public record SdpMedia(String type, int port, String protocol, List<String> codecs, String connection, String direction,
                       boolean crypto) {

    /** True for an SRTP profile: RTP/SAVP and those built on it (RTP/SAVPF, UDP/TLS/RTP/SAVP[F]). */
    public boolean srtp() {
        if (protocol == null) {
            return false;
        }
        // "RTP/AVP" or "RTP/SAVP" as nearly every SDP writes it, without a copy in upper case for each question
        if (protocol.contains("SAVP")) {
            return true;
        }
        return !protocol.equals("RTP/AVP") && protocol.toUpperCase(Locale.ROOT).contains("SAVP");
    }

    /** A section without {@code a=crypto} lines. */
    public SdpMedia(String type, int port, String protocol, List<String> codecs, String connection, String direction) {
        this(type, port, protocol, codecs, connection, direction, false);
    }
}
