package org.sipladder.flow;

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
 */
public record Leg(int index, String callId, String from, String to, String requestUri,
                  long firstFrame, long lastFrame, int finalStatus, String finalReason, int messageCount,
                  boolean setupCaptured) {

    /** A leg whose setup the capture shows. */
    public Leg(int index, String callId, String from, String to, String requestUri, long firstFrame, long lastFrame,
               int finalStatus, String finalReason, int messageCount) {
        this(index, callId, from, to, requestUri, firstFrame, lastFrame, finalStatus, finalReason, messageCount, true);
    }

    public boolean hasFinalResponse() {
        return finalStatus > 0;
    }

    /**
     * True when the leg's setup failed: a final error response, or none at all to a setup the capture shows. A leg
     * seen only in the middle of its dialog did not fail that the capture could tell.
     */
    public boolean failed() {
        return finalStatus >= 300 || finalStatus == 0 && setupCaptured;
    }
}
