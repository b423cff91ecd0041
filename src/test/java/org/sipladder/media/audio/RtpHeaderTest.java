package org.sipladder.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RtpHeaderTest {

    @Test
    void theFixedHeaderGivesSequenceTimestampAndPayloadType() {
        byte[] packet = {(byte) 0x80, (byte) 0x88, (byte) 0xFF, (byte) 0xFE, (byte) 0xF0, 0, 0, 1, 1, 2, 3, 4, 9, 8, 7};
        EncodedFrame frame = RtpHeader.frame(packet, 0, packet.length);
        assertEquals(65534, frame.sequence());
        assertEquals(0xF0000001L, frame.timestamp());
        assertEquals(8, frame.payloadType());
        assertArrayEquals(new byte[] {9, 8, 7}, frame.payload());
    }

    @Test
    void csrcsTheHeaderExtensionAndPaddingAreNotAudio() {
        byte[] packet = {
            0x00, // bytes before the packet
            (byte) 0xB1, 0x00, 0x00, 0x05, 0, 0, 0, (byte) 160, 1, 2, 3, 4, // V=2 P X CC=1, PT 0
            5, 6, 7, 8,                                                   // one CSRC
            (byte) 0xBE, (byte) 0xDE, 0x00, 0x01, 0x10, 0x20, 0x30, 0x40,  // extension of one word
            42, 43,                                                       // audio
            0, 0, 3};                                                     // three bytes of padding
        EncodedFrame frame = RtpHeader.frame(packet, 1, packet.length - 1);
        assertEquals(5, frame.sequence());
        assertEquals(160, frame.timestamp());
        assertArrayEquals(new byte[] {42, 43}, frame.payload());
    }

    @Test
    void anythingElseIsNotAFrame() {
        assertNull(RtpHeader.frame(new byte[11], 0, 11));
        byte[] version1 = new byte[20];
        version1[0] = 0x40;
        assertNull(RtpHeader.frame(version1, 0, 20));
        byte[] extensionBeyondTheEnd = new byte[14];
        extensionBeyondTheEnd[0] = (byte) 0x90;
        assertNull(RtpHeader.frame(extensionBeyondTheEnd, 0, 14));
    }
}
