package org.sipladder.diagnose;

import org.sipladder.sip.SipMessage;

/**
 * How bad an answer to a scanner's request is, worst first: a 2xx to its INVITE or REGISTER let it in; ringing may
 * have rung a phone for it; a 404 (484, 604) tells it which users exist; any other 2xx tells it a SIP server is there;
 * other refusals; a challenge or a 403, the right answers; and no answer at all, the best.
 */
public enum ScanAnswer {
    ACCEPTED, RANG, NO_SUCH_USER, ANSWERED, REFUSED_OTHERWISE, CHALLENGED_OR_FORBIDDEN, NONE;

    /** The kind of {@code response} to a scanner's request, or null for a provisional response that tells nothing. */
    static ScanAnswer of(SipMessage response) {
        int status = response.status();
        String method = response.cseqMethod();
        if (status < 200) {
            return (status == 180 || status == 183) && "INVITE".equals(method) ? RANG : null;
        }
        if (status < 300) {
            return "INVITE".equals(method) || "REGISTER".equals(method) ? ACCEPTED : ANSWERED;
        }
        return switch (status) {
            case 404, 484, 604 -> NO_SUCH_USER;
            case 401, 403, 407 -> CHALLENGED_OR_FORBIDDEN;
            default -> REFUSED_OTHERWISE;
        };
    }
}
