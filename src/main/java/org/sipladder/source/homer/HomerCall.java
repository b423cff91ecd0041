package org.sipladder.source.homer;

import java.time.Instant;

/**
 * One call as Homer's search found it: the messages of one Call-ID.
 *
 * @param callId    the Call-ID
 * @param from      the caller's user part (From), "" when Homer has none
 * @param to        the callee's user part (To), "" when Homer has none
 * @param start     time of its first message found
 * @param method    method of its first request (INVITE, REGISTER...)
 * @param status    its final response (the first final one, a 401/407 challenge only when nothing else came), or
 *                  "" when none was found
 * @param messages  messages found
 */
public record HomerCall(String callId, String from, String to, Instant start, String method, String status,
        int messages) {
}
