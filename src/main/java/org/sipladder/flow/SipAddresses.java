package org.sipladder.flow;

/** Pulls the part people recognise (the number or user) out of a From/To header value or a SIP URI. */
public final class SipAddresses {

    private SipAddresses() {
    }

    /**
     * "\"Bob\" &lt;sip:+4930123@10.0.0.1;user=phone&gt;;tag=1" becomes "+4930123"; a URI without a user
     * part gives its host; anything unrecognisable comes back trimmed.
     */
    public static String user(String headerValue) {
        if (headerValue == null) {
            return "";
        }
        String v = headerValue.trim();
        int lt = v.indexOf('<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            v = gt > lt ? v.substring(lt + 1, gt) : v.substring(lt + 1);
        } else {
            int semicolon = v.indexOf(';');
            v = semicolon >= 0 ? v.substring(0, semicolon) : v;
        }
        int colon = v.indexOf(':');
        boolean hasScheme = v.regionMatches(true, 0, "sip:", 0, 4) || v.regionMatches(true, 0, "sips:", 0, 5)
                || v.regionMatches(true, 0, "tel:", 0, 4);
        if (hasScheme) {
            v = v.substring(colon + 1);
        }
        int at = v.indexOf('@');
        String user = at >= 0 ? v.substring(0, at) : v;
        int params = user.indexOf(';');
        if (params >= 0) {
            user = user.substring(0, params);
        }
        if (user.isEmpty() && at >= 0) {
            user = v.substring(at + 1);
        }
        return user.trim();
    }
}
