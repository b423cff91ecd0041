package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Text kept aside comes back whole and in order, from memory or from its file, as bytes or decoded. */
class SpillBufferTest {

    @Test
    void smallTextStaysInMemoryAndComesBackWithoutItsFirstCharacters() throws Exception {
        try (SpillBuffer b = new SpillBuffer()) {
            assertTrue(b.isEmpty());
            b.append(utf8(",one"));
            b.append(utf8(",twö"));
            assertFalse(b.isEmpty());
            StringWriter out = new StringWriter();
            b.writeTo(out, 1);
            assertEquals("one,twö", out.toString());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            b.writeTo(bytes, 1);
            assertArrayEquals(utf8("one,twö"), bytes.toByteArray());
        }
    }

    @Test
    void largeTextGoesToAFileAndComesBackWhole() throws Exception {
        StringBuilder expected = new StringBuilder();
        try (SpillBuffer b = new SpillBuffer()) {
            // characters of two, three and four bytes fall across the file's chunks and the reader's buffers
            for (int i = 0; expected.length() <= 3 * SpillBuffer.IN_MEMORY; i++) {
                String part = ",finding " + i + " é€\uD83D\uDE00" + "x".repeat(i % 7) + "\n";
                b.append(utf8(part));
                expected.append(part);
            }
            StringWriter out = new StringWriter();
            b.writeTo(out, 1);
            assertEquals(expected.substring(1), out.toString());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            b.writeTo(bytes, 1);
            assertArrayEquals(utf8(expected.substring(1)), bytes.toByteArray());
        }
    }

    @Test
    void nothingAppendedWritesNothing() throws Exception {
        try (SpillBuffer b = new SpillBuffer()) {
            b.append(new byte[0]);
            assertTrue(b.isEmpty());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            b.writeTo(bytes, 1);
            assertEquals(0, bytes.size());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
