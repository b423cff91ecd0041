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
 */
public record Leg(int index, String callId, String from, String to, String requestUri,
                  long firstFrame, long lastFrame, int finalStatus, String finalReason, int messageCount) {

    public boolean hasFinalResponse() {
        return finalStatus > 0;
    }

    public boolean failed() {
        return finalStatus >= 300 || finalStatus == 0;
    }
}
