package org.sipladder.capture;

/**
 * Decodes what a TCP direction carries, in the spirit of Netty's ByteToMessageDecoder: it consumes whole units
 * from the buffer and leaves a partial one untouched ("need more"), and may hand over to another decoder (after
 * an HTTP upgrade, say) by returning it.
 */
interface StreamDecoder {

    /** Consumes what it can; returns the decoder for the bytes that follow (usually itself). */
    StreamDecoder decode(StreamBuffer buffer, StreamContext context);

    /**
     * The stream ended (FIN, RST or end of file), with {@code buffer} holding the bytes not consumed (maybe none);
     * it may end more than once (a late retransmission after a FIN, a reset after it).
     */
    default void end(StreamBuffer buffer, StreamContext context) {
    }

    /**
     * Bytes are missing (a segment the capture lost) right after what {@code buffer} holds, which is then dropped:
     * the decoder's last look at a unit that will not be completed.
     */
    default void gap(StreamBuffer buffer, StreamContext context) {
    }

    /** Whether this stream has carried a SIP message: only then are its gaps worth a warning. */
    default boolean carriesSip() {
        return false;
    }
}
