package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Text kept aside comes back whole and in order, from memory or from its file. */
class SpillBufferTest {

    @Test
    void smallTextStaysInMemoryAndComesBackWithoutItsFirstCharacters() throws Exception {
        try (SpillBuffer b = new SpillBuffer()) {
            assertTrue(b.isEmpty());
            b.append(",one");
            b.append(",two");
            assertFalse(b.isEmpty());
            StringWriter out = new StringWriter();
            b.writeTo(out, 1);
            assertEquals("one,two", out.toString());
        }
    }

    @Test
    void largeTextGoesToAFileAndComesBackWhole() throws Exception {
        StringBuilder expected = new StringBuilder();
        try (SpillBuffer b = new SpillBuffer()) {
            for (int i = 0; expected.length() <= 3 * SpillBuffer.IN_MEMORY; i++) {
                String part = ",finding " + i + " é\n";
                b.append(part);
                expected.append(part);
            }
            StringWriter out = new StringWriter();
            b.writeTo(out, 1);
            assertEquals(expected.substring(1), out.toString());
        }
    }
}
