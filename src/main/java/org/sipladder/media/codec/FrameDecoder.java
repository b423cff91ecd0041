package org.sipladder.media.codec;

/** Turns the payload of one RTP packet into 16-bit linear samples, keeping whatever state the codec carries between packets. */
public interface FrameDecoder {

    /** How many samples {@code payloadBytes} bytes of payload decode to. */
    int samplesFor(int payloadBytes);

    /**
     * Decodes {@code length} payload bytes from {@code payload[offset]} into {@code out[outOffset]...}.
     *
     * @return the number of samples written, {@link #samplesFor(int) samplesFor(length)}
     */
    int decode(byte[] payload, int offset, int length, short[] out, int outOffset);
}
