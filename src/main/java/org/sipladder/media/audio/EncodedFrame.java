package org.sipladder.media.audio;

/**
 * One RTP packet's audio as captured: its sequence number, timestamp, payload type and payload bytes
 * (header, CSRCs, extension and padding already removed).
 */
public record EncodedFrame(int sequence, long timestamp, int payloadType, byte[] payload) {

    public EncodedFrame {
        sequence &= 0xFFFF;
        timestamp &= 0xFFFFFFFFL;
    }
}
