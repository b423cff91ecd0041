package org.sipladder.diagnose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipladder.sip.SipMessage;

/** The {@code uri} parameter of a request's digest credentials (Authorization or Proxy-Authorization). */
final class DigestUri {

    private static final Pattern URI = Pattern.compile("[,\\s]uri\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private DigestUri() {
    }

    /** The digest uri, or null when the request has no digest credentials. */
    static String of(SipMessage request) {
        String credentials = request.header("Authorization");
        if (credentials == null) {
            credentials = request.header("Proxy-Authorization");
        }
        if (credentials == null) {
            return null;
        }
        Matcher m = URI.matcher(" " + credentials);
        return m.find() ? m.group(1) : null;
    }
}
