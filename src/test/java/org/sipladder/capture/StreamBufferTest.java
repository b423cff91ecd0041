package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The buffer of one TCP direction keeps each held segment's start and frame however many it holds. */
class StreamBufferTest {

    @Test
    void manySegmentsHeldAtOnceKeepTheirStartsAndFrames() {
        StreamBuffer buffer = new StreamBuffer();
        for (int i = 0; i < 40; i++) {
            byte[] segment = ("segment " + (char) ('A' + i % 26) + ";").getBytes(StandardCharsets.ISO_8859_1);
            buffer.append(segment, 0, segment.length, 100 + i);
        }
        int segment = "segment A;".length();
        assertEquals(40 * segment, buffer.size());
        long[] expected = new long[39];
        for (int i = 0; i < 39; i++) {
            expected[i] = 101 + i;
        }
        // the frames of all 40 segments but the one named as the current packet's
        assertArrayEquals(expected, buffer.framesOf(buffer.size(), 100));

        buffer.consume(segment + 3);
        assertEquals(buffer.start() + segment - 3, buffer.nextSegmentStart());
        assertArrayEquals(new long[] {101, 102}, buffer.framesOf(segment + 4, 0));
        buffer.consume(buffer.size());
        assertEquals(0, buffer.size());
        assertEquals(-1, buffer.nextSegmentStart());
    }

    @Test
    void aReleasedBufferTakesBytesAgain() {
        StreamBuffer buffer = new StreamBuffer();
        byte[] first = "first".getBytes(StandardCharsets.ISO_8859_1);
        buffer.append(first, 0, first.length, 1);
        buffer.release();
        assertEquals(0, buffer.size());
        byte[] later = "INVITE sip:a@b SIP/2.0".getBytes(StandardCharsets.ISO_8859_1);
        buffer.append(later, 0, 6, 2);
        buffer.append(later, 6, later.length - 6, 3);
        assertEquals(later.length, buffer.size());
        assertArrayEquals(later, java.util.Arrays.copyOfRange(buffer.array(), buffer.start(), buffer.end()));
        assertArrayEquals(new long[] {2, 3}, buffer.framesOf(buffer.size(), 0));
    }
}
