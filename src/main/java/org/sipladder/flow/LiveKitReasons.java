package org.sipladder.flow;

/**
 * The reason phrases LiveKit SIP writes on its own refusals of an inbound INVITE, which no RFC and no other common
 * server uses for that status: a refusal in these words names LiveKit where its other tells (100 Processing, an SCL_
 * To tag, a livekit.cloud domain) are missing, e.g. behind {@code hide_inbound_port}, which skips the 100.
 * Read from livekit/sip {@code pkg/sip/inbound.go} (processInvite, handleInviteAuth, handleInvite).
 */
final class LiveKitReasons {

    /** Status and reason phrase, as LiveKit sends them. */
    private record Phrase(int status, String reason) {
    }

    private static final Phrase[] PHRASES = {
        new Phrase(503, "Try again later"),                          // trunk or dispatch evaluation failed
        new Phrase(404, "No trunk found"),                           // LiveKit Cloud: no trunk accepts the call
        new Phrase(404, "Does not match any SIP Trunks"),            // AuthNotFound
        new Phrase(404, "Does not match Trunks or Dispatch Rules"),  // DispatchNoRuleReject
        new Phrase(407, "Unauthorized"),                             // its digest challenge (RFC 3261: Proxy Authentication Required)
        new Phrase(401, "Bad credentials"),                          // credentials it cannot check
    };

    private LiveKitReasons() {
    }

    /** True when {@code status reason} is a refusal in LiveKit SIP's own words. */
    static boolean isLiveKits(int status, String reason) {
        if (reason == null || status < 401 || status > 503) {
            return false;
        }
        for (Phrase p : PHRASES) {
            if (p.status == status && p.reason.equalsIgnoreCase(reason.trim())) {
                return true;
            }
        }
        return false;
    }
}
