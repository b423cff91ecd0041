package org.sipladder.flow;

import java.util.Set;
import org.sipladder.sip.SipMessage;

/**
 * One SIP dialog (one Call-ID) of a call flow.
 *
 * @param index        position in the flow, 0 for the A-leg
 * @param callId       Call-ID
 * @param from         From header value of the first request
 * @param to           To header value of the first request
 * @param requestUri   Request-URI of the first request
 * @param firstFrame   first frame of the leg
 * @param lastFrame    last frame of the leg
 * @param finalStatus  final response status to the initial INVITE (or first request), 0 when none
 * @param finalReason  its reason phrase as sent, or null
 * @param messageCount number of messages in the leg, retransmissions included
 * @param setupCaptured true when the capture shows any of the transaction that opened the dialog (its request or a
 *                     response to it); false when it holds only in-dialog messages (it started after the call was
 *                     set up: a BYE and its 200 OK), so how the call was set up is not known
 * @param method       the method of the request that opened the dialog (INVITE, REGISTER, SUBSCRIBE...); when the
 *                     capture misses it, the CSeq method of the answer to it, else of the leg's first message (a
 *                     BYE, for a call seen from its middle); null when the leg has no message
 * @param retryOf      the index of the earlier leg this one retries under a new Call-ID (the same caller trying the
 *                     same call again after that attempt failed), or -1
 * @param renewal      for a registration whose last answer refused it: the 2xx of a later registration of the same
 *                     address of record at the same registrar under another Call-ID (the client registered afresh),
 *                     else null
 */
public record Leg(int index, String callId, String from, String to, String requestUri,
                  long firstFrame, long lastFrame, int finalStatus, String finalReason, int messageCount,
                  boolean setupCaptured, String method, int retryOf, SipMessage renewal) {

    /** A leg no later registration renews. */
    public Leg(int index, String callId, String from, String to, String requestUri, long firstFrame, long lastFrame,
               int finalStatus, String finalReason, int messageCount, boolean setupCaptured, String method,
               int retryOf) {
        this(index, callId, from, to, requestUri, firstFrame, lastFrame, finalStatus, finalReason, messageCount,
                setupCaptured, method, retryOf, null);
    }

    /** A leg that retries no other. */
    public Leg(int index, String callId, String from, String to, String requestUri, long firstFrame, long lastFrame,
               int finalStatus, String finalReason, int messageCount, boolean setupCaptured, String method) {
        this(index, callId, from, to, requestUri, firstFrame, lastFrame, finalStatus, finalReason, messageCount,
                setupCaptured, method, -1);
    }

    /** Methods sent only inside a call (an INVITE dialog): a leg seen from its middle with one of them is a call. */
    private static final Set<String> CALL_METHODS = Set.of("INVITE", "ACK", "BYE", "CANCEL", "PRACK", "UPDATE", "INFO");

    /** An INVITE leg whose setup the capture shows. */
    public Leg(int index, String callId, String from, String to, String requestUri, long firstFrame, long lastFrame,
               int finalStatus, String finalReason, int messageCount) {
        this(index, callId, from, to, requestUri, firstFrame, lastFrame, finalStatus, finalReason, messageCount, true,
                "INVITE");
    }

    /**
     * True for a call: an INVITE dialog, or one the capture shows only methods of a call of (a BYE, a CANCEL);
     * false for a registration, a subscription, an OPTIONS ping, a MESSAGE...
     */
    public boolean isCall() {
        return isCallMethod(method);
    }

    /**
     * True when a dialog opened (or first seen) with {@code method} is a call ({@link #isCall}); null or empty, no
     * request captured, counts as a call.
     */
    public static boolean isCallMethod(String method) {
        return method == null || method.isEmpty() || CALL_METHODS.contains(method);
    }

    public boolean hasFinalResponse() {
        return finalStatus > 0;
    }

    /** What the leg's caller got: "603 Decline", "503", or "no final response". */
    public String statusText() {
        if (!hasFinalResponse()) {
            return "no final response";
        }
        return finalReason == null || finalReason.isEmpty() ? Integer.toString(finalStatus)
                : finalStatus + " " + finalReason;
    }

    /**
     * True when the leg's setup failed: a final error response, or none at all to a setup the capture shows. A leg
     * seen only in the middle of its dialog did not fail that the capture could tell. The final response is the one
     * to the last attempt, so a REGISTER challenged (401) and then accepted did not fail; in a dialog without INVITE
     * a failure is a rejected request (a SUBSCRIBE answered 489 Bad Event) or one never answered.
     */
    public boolean failed() {
        return finalStatus >= 300 || finalStatus == 0 && setupCaptured;
    }
}
