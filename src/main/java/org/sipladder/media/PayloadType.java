package org.sipladder.media;

/**
 * One payload type as an SDP {@code m=} line lists it, with its {@code a=rtpmap} (or the RFC 3551 static name).
 *
 * @param number    0-127
 * @param encoding  encoding name, e.g. PCMU, opus, telephone-event; null when neither rtpmap nor static
 * @param clockRate clock rate from the rtpmap (or static table), 0 when unknown
 */
public record PayloadType(int number, String encoding, int clockRate) {

    /** "0 PCMU/8000", or just the number when nothing names it. */
    @Override
    public String toString() {
        return encoding == null ? Integer.toString(number) : number + " " + encoding + "/" + clockRate;
    }
}
