package org.sipladder.capture;

/**
 * The bytes of one candidate SIP message as found in a capture, with where and when it was seen.
 *
 * @param frame           1-based number of the packet that completed the message, as Wireshark numbers it
 * @param timestampMicros capture time of that packet, microseconds since the epoch
 * @param src             sender
 * @param dst             receiver
 * @param transport       transport as seen on the wire (for HEP: the transport HEP reports, or HEP)
 * @param data            the message bytes (start line, headers and body); never modified after creation
 * @param file            the capture file holding these bytes as one run, or null (reassembled, compressed, in memory)
 * @param fileOffset      where in {@code file} the bytes start, or -1 when {@code file} is null
 * @param dependsOn       the frames of the other packets the message was reassembled from (earlier TCP segments, IP
 *                        fragments), in the order their bytes were added; empty when packet {@code frame} held it
 *                        all. A saved message takes them along, as Wireshark's "include depended upon packets" does.
 */
public record SipPayload(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] data,
                         CaptureFile file, long fileOffset, long[] dependsOn) {

    /** No other frames: the message came in one packet. Shared, never modified. */
    static final long[] ONE_PACKET = new long[0];

    /** A payload that one packet held. */
    public SipPayload(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] data,
                      CaptureFile file, long fileOffset) {
        this(frame, timestampMicros, src, dst, transport, data, file, fileOffset, ONE_PACKET);
    }

    /** A payload that one packet held and that is not a run of bytes in a capture file. */
    public SipPayload(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport, byte[] data) {
        this(frame, timestampMicros, src, dst, transport, data, null, -1);
    }
}
