package org.sipladder.diagnose;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sipladder.sip.SipMessage;

/**
 * A failure answer that a provider gives for a reason of the account rather than of the call, which LiveKit tells
 * apart from an ordinary rejection (sip {@code pkg/sip/errors.go}): Twilio's {@code X-Twilio-Error: 32203} on any
 * final status LiveKit does not authenticate for ({@code carrierBlockFromResponse}, "carrier-blocked"), and a 5xx
 * whose reason phrase says "cps limit exceeded" or "concurrent call limit exceeded" ({@code classifyInviteError},
 * "cps-limit-exceeded", "concurrent-limit-exceeded"). LiveKit reads the reason phrase of a 5xx as the status text
 * ({@code sipOutbound.Invite} puts the body there only for 400, 404, 480, 486 and 488), so a body or header saying
 * the same does not count.
 *
 * @param term     the SLI term LiveKit ends the call with
 * @param reason   the participant's disconnect reason LiveKit sets
 * @param cause    what the provider said, for the title
 * @param meaning  what it means, one sentence
 * @param steps    what to do about it
 */
record ProviderRefusal(String term, String reason, String cause, String meaning, List<String> steps) {

    /** X-Twilio-Error codes LiveKit treats as a permanent carrier block (errors.go twilioPermanentBlockCodes). */
    private static final Set<Integer> TWILIO_BLOCK_CODES = Set.of(32203);

    /** The refusal {@code answer} (a final response to an INVITE) is, or null when it is an ordinary one. */
    static ProviderRefusal of(SipMessage answer, String trunkId) {
        int status = answer.status();
        if (status < 300 || status == 401 || status == 407) {
            return null;
        }
        Integer twilio = leadingCode(answer.header("X-Twilio-Error"));
        if (twilio != null && TWILIO_BLOCK_CODES.contains(twilio)) {
            return new ProviderRefusal("carrier-blocked", "USER_REJECTED",
                    "Twilio blocked the call (X-Twilio-Error " + twilio + ")",
                    "Twilio blocks calls with error " + twilio + " as potential fraud or by a regulatory block on the "
                            + "destination: the " + status + " is Twilio's verdict on the destination for this account, "
                            + "not the callee declining, and calling again gets the same answer.",
                    List.of("Do not retry this destination: look the call up in Twilio's console (its error log, code "
                            + twilio + ") for why it was blocked, and ask Twilio support to lift the block if the "
                            + "destination is legitimate (check the account's voice geographic permissions for the "
                            + "destination's country too).",
                            "Nothing in outbound trunk " + trunkId + " or in LiveKit causes this: another gateway or "
                            + "other credentials for the same Twilio account get the same block."));
        }
        String phrase = status >= 500 && status < 600 && answer.reason() != null
                ? answer.reason().toLowerCase(Locale.ROOT) : "";
        if (phrase.contains("cps limit exceeded")) {
            return new ProviderRefusal("cps-limit-exceeded", "SIP_TRUNK_FAILURE",
                    "the account's calls-per-second limit was exceeded",
                    "The provider refuses calls started faster than the calls per second (CPS) its account or trunk "
                            + "allows: the provider is up, the rate of new calls is too high.",
                    List.of("Place calls through outbound trunk " + trunkId + " no faster than the provider's CPS "
                            + "limit: pace the CreateSIPParticipant requests (a queue that starts at most that many "
                            + "calls each second), and retry a refused call after a pause, not at once.",
                            "Or ask the provider to raise the account's (or trunk's) CPS limit. Another gateway of the "
                            + "same provider shares the account's limit, so pointing the trunk elsewhere does not help."));
        }
        if (phrase.contains("concurrent call limit exceeded")) {
            return new ProviderRefusal("concurrent-limit-exceeded", "SIP_TRUNK_FAILURE",
                    "the account's concurrent call limit was exceeded",
                    "The provider refuses a new call while the account (or trunk) already has as many calls in "
                            + "progress as it allows, ringing ones included: the provider is up, too many calls are "
                            + "up at once.",
                    List.of("Keep the calls in progress through outbound trunk " + trunkId + " under the provider's "
                            + "concurrent call limit: count calls being placed and answered, and hold new "
                            + "CreateSIPParticipant requests until calls end (check for calls left up, e.g. ones "
                            + "never hung up).",
                            "Or ask the provider to raise the account's (or trunk's) concurrent call limit. Another "
                            + "gateway of the same provider shares the limit, so pointing the trunk elsewhere does "
                            + "not help."));
        }
        return null;
    }

    /**
     * The error LiveKit keeps for the call (SIPCallInfo.error, from {@code EndCall.Report}) after it got
     * {@code answer}: {@code sipOutbound.Invite} wraps the status, and livekit/protocol {@code SIPStatus.Error} writes
     * it as "sip status: CODE: TEXT".
     */
    String reportedError(SipMessage answer) {
        String status = "sip status: " + answer.status() + ": " + statusText(answer);
        return "carrier-blocked".equals(term)
                ? "INVITE blocked by carrier: carrier blocked call (twilio error "
                + leadingCode(answer.header("X-Twilio-Error")) + "): " + status
                : "unexpected status from INVITE response: " + status;
    }

    /** The status text LiveKit records: the body or X-Twilio-Error for 400/404/480/486/488, else the reason phrase. */
    private static String statusText(SipMessage answer) {
        if (List.of(400, 404, 480, 486, 488).contains(answer.status())) {
            byte[] body = answer.body();
            if (body != null && body.length > 0) {
                return new String(body, StandardCharsets.UTF_8);
            }
            String twilio = answer.header("X-Twilio-Error");
            if (twilio != null) {
                return twilio;
            }
        }
        return answer.reason() == null ? "" : answer.reason();
    }

    /** The number a provider error header starts with ("32203 Call blocked" gives 32203), or null. */
    private static Integer leadingCode(String value) {
        if (value == null) {
            return null;
        }
        String first = value.trim().split("\\s+", 2)[0];
        try {
            return Integer.parseInt(first);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
