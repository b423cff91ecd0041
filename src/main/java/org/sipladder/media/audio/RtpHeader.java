package org.sipladder.media.audio;

import java.util.Arrays;

/** Takes an RTP packet apart (RFC 3550 section 5.1): the fixed header, CSRCs, header extension and padding. */
final class RtpHeader {

    private RtpHeader() {
    }

    /** The frame in {@code b[at..at+length)}, or null when it is not a well-formed RTP version 2 packet. */
    static EncodedFrame frame(byte[] b, int at, int length) {
        if (length < 12 || (b[at] & 0xC0) != 0x80) {
            return null;
        }
        boolean padding = (b[at] & 0x20) != 0;
        boolean extension = (b[at] & 0x10) != 0;
        int csrcs = b[at] & 0x0F;
        int header = 12 + 4 * csrcs;
        if (extension) {
            if (length < header + 4) {
                return null;
            }
            int words = ((b[at + header + 2] & 0xFF) << 8) | (b[at + header + 3] & 0xFF);
            header += 4 + 4 * words;
        }
        int end = length;
        if (padding && length > header) {
            end -= b[at + length - 1] & 0xFF;
        }
        if (end < header) {
            return null;
        }
        int sequence = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
        long timestamp = ((b[at + 4] & 0xFFL) << 24) | ((b[at + 5] & 0xFFL) << 16) | ((b[at + 6] & 0xFFL) << 8)
                | (b[at + 7] & 0xFFL);
        return new EncodedFrame(sequence, timestamp, b[at + 1] & 0x7F, Arrays.copyOfRange(b, at + header, at + end));
    }
}
