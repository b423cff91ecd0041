package org.sipladder.flow;

/**
 * Call timings in microseconds, measured on the A-leg; null when the capture does not show them.
 *
 * @param postDialDelayMicros       INVITE to first 180/183
 * @param firstProvisionalMicros    INVITE to first 1xx
 * @param finalResponseMicros       INVITE to final response
 * @param durationMicros            200 OK to the BYE that ended the dialog (the first answered 2xx, else the last)
 *                                  when answered; null without a BYE in the capture
 */
public record Timings(Long postDialDelayMicros, Long firstProvisionalMicros, Long finalResponseMicros,
                      Long durationMicros) {
}
