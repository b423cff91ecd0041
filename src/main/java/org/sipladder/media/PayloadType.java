package org.sipladder.media;

import java.util.Objects;

/**
 * One payload type as an SDP {@code m=} line lists it, with its {@code a=rtpmap} (or the RFC 3551 static name).
 *
 * @param number    0-127
 * @param encoding  encoding name, e.g. PCMU, opus, telephone-event; null when neither rtpmap nor static
 * @param clockRate clock rate from the rtpmap (or static table), 0 when unknown
 */
public record PayloadType(int number, String encoding, int clockRate) {

    // equals and hashCode are written out: a record's generated ones are linked at their first call by a bootstrap
    // that spins method handles, ~15 ms of the media thread at the start of every read (lists of payload types are
    // map keys there: SdpScan)

    @Override
    public boolean equals(Object other) {
        return other instanceof PayloadType type && number == type.number && clockRate == type.clockRate
                && Objects.equals(encoding, type.encoding);
    }

    @Override
    public int hashCode() {
        return (number * 31 + Objects.hashCode(encoding)) * 31 + clockRate;
    }

    /** True for an RFC 4733 telephone-event type, at any clock rate. */
    public boolean telephoneEvent() {
        return Codecs.isTelephoneEvent(encoding);
    }

    /** "0 PCMU/8000", or just the number when nothing names it. */
    @Override
    public String toString() {
        return encoding == null ? Integer.toString(number) : number + " " + encoding + "/" + clockRate;
    }
}
