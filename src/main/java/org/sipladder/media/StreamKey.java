package org.sipladder.media;

import org.sipladder.capture.Endpoint;

/**
 * What makes one RTP stream: one synchronisation source sending from one transport address to another.
 *
 * @param src  sender
 * @param dst  receiver
 * @param ssrc the RTP SSRC, 0 to 4294967295
 */
public record StreamKey(Endpoint src, Endpoint dst, long ssrc) {

    /** "10.0.0.1:4000 -> 10.0.0.2:5000 ssrc 0x1234ABCD". */
    @Override
    public String toString() {
        return src + " -> " + dst + " ssrc " + String.format("0x%08X", ssrc);
    }
}
