package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringPoolTest {

    @Test
    void bytesAndStringsOfOneTextShareOneInstanceWhateverTheLength() {
        Random random = new Random(3);
        for (int length = 0; length < 40; length++) {
            StringPool pool = new StringPool();
            byte[] text = new byte[length];
            for (int i = 0; i < length; i++) {
                text[i] = (byte) (' ' + random.nextInt(95));
            }
            String s = new String(text, StandardCharsets.ISO_8859_1);
            String shared = pool.share(new String(s));
            byte[] padded = new byte[length + 6];
            System.arraycopy(text, 0, padded, 3, length);
            assertSame(shared, pool.share(padded, 3, 3 + length), "length " + length);
            assertSame(shared, pool.share(new String(s)), "length " + length);
            assertEquals(s, pool.share(text, 0, length));
        }
    }
}
