package org.sipladder.flow;

import org.sipladder.sip.Sdp;
import org.sipladder.sip.SipMessage;

/**
 * The session an SDP body's {@code o=} line names (RFC 4566 5.2): user name, session id and the address of the host
 * that made it. The version is left out: it counts changes to one session. A B2BUA that does not anchor the media
 * passes the caller's offer on with this line as it came, so a B-leg carrying an A-leg's origin continues it.
 *
 * @param text the line's value as written
 */
record SdpOrigin(String user, String sessionId, String address, String text) {

    /** The origin of {@code message}'s SDP, or null when it has none or the line is not six fields. */
    static SdpOrigin of(SipMessage message) {
        Sdp sdp = message.sdp();
        String line = sdp == null ? null : sdp.origin();
        if (line == null) {
            return null;
        }
        String[] fields = line.trim().split("\\s+");
        return fields.length == 6 ? new SdpOrigin(fields[0], fields[1], fields[5], line.trim()) : null;
    }

    /** True when {@code other} names the same session (user, id and address), whatever its version. */
    boolean sameSession(SdpOrigin other) {
        return other != null && user.equals(other.user) && sessionId.equals(other.sessionId)
                && address.equals(other.address);
    }

    /**
     * True when the line may have been passed on from another host to {@code sender}'s: it names neither that sender,
     * nor a loopback or unspecified address (a test tool's fixed line, as SIPp's, names 127.0.0.1 on many hosts).
     */
    boolean passedOnBy(String sender) {
        return !address.equals(sender) && !address.startsWith("127.") && !address.equals("::1")
                && !address.equals("0.0.0.0") && !address.equals("::") && !address.equals("-");
    }
}
