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
    @Test
    void poolsOfOneReadGiveEachTextAsItsOwnStringAndTheSameInstanceToBoth() {
        SharedStrings read = new SharedStrings();
        StringPool one = new StringPool(read);
        StringPool other = new StringPool(read);
        Random random = new Random(5);
        // far more texts than either table has slots: collisions must give the right text, never a neighbour's
        for (int n = 0; n < 60_000; n++) {
            int length = random.nextInt(12);
            byte[] padded = new byte[length + 4];
            for (int i = 0; i < padded.length; i++) {
                padded[i] = (byte) ('a' + random.nextInt(4));
            }
            String expected = new String(padded, 2, length, StandardCharsets.ISO_8859_1);
            String first = one.share(padded, 2, 2 + length);
            assertEquals(expected, first);
            byte[] copy = java.util.Arrays.copyOfRange(padded, 2, 2 + length);
            assertSame(first, other.share(copy, 0, length), expected);
            assertSame(first, one.share(copy, 0, length), expected);
        }
    }
}
