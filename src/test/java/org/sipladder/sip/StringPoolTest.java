package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringPoolTest {

    @Test
    void bytesAndStringsOfOneTextShareOneInstanceWhateverTheLength() {
        Random random = new Random(3);
        // past the 64 bytes a slot holds in the pool's block
        for (int length = 0; length < 200; length++) {
            StringPool pool = new StringPool();
            byte[] text = text(random, length);
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
    void aTextDifferingInOneByteOrInLengthIsAnotherString() {
        Random random = new Random(5);
        StringPool pool = new StringPool();
        for (int length = 1; length < 150; length++) {
            byte[] text = text(random, length);
            String first = pool.share(text, 0, length);
            byte[] other = text.clone();
            other[random.nextInt(length)] ^= 1;
            String second = pool.share(other, 0, length);
            assertEquals(new String(other, StandardCharsets.ISO_8859_1), second, "length " + length);
            assertEquals(new String(text, 0, length - 1, StandardCharsets.ISO_8859_1),
                    pool.share(text, 0, length - 1), "length " + length);
            assertEquals(first, pool.share(text, 0, length), "length " + length);
        }
    }

    @Test
    void manyTextsInFewSlotsAreEachReturnedEqual() {
        // 60,000 texts through 4,096 slots: every collision replaces a slot, and no look-up may return another text
        Random random = new Random(7);
        StringPool pool = new StringPool(new SharedStrings());
        List<byte[]> texts = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            byte[] t = text(random, 1 + random.nextInt(90));
            texts.add(t);
            assertEquals(new String(t, StandardCharsets.ISO_8859_1), pool.share(t, 0, t.length));
            byte[] again = texts.get(random.nextInt(texts.size()));
            assertEquals(new String(again, StandardCharsets.ISO_8859_1), pool.share(again, 0, again.length));
            assertArrayEquals(again, pool.shareBytes(again, 0, again.length));
            byte[] marked = pool.shareBytes((byte) 1, again, 0, again.length);
            assertEquals(again.length + 1, marked.length);
            assertEquals(1, marked[0]);
        }
    }

    @Test
    void twoPoolsOfOneReadKeepOneInstance() {
        SharedStrings shared = new SharedStrings();
        StringPool a = new StringPool(shared);
        StringPool b = new StringPool(shared);
        for (int length : new int[] {0, 5, 64, 65, 120}) {
            byte[] text = text(new Random(length), length);
            assertSame(a.share(text, 0, length), b.share(text.clone(), 0, length), "length " + length);
        }
        StringPool alone = new StringPool();
        byte[] text = "sip:alice@example.com".getBytes(StandardCharsets.US_ASCII);
        assertNotSame(a.share(text, 0, text.length), alone.share(text, 0, text.length));
    }

    @Test
    void aSharedStringStaysUntilFourNewerOnesCameToItsSet() {
        // one hash, one set: a leg's Call-ID must still be there when three other values landed in its set
        SharedStrings shared = new SharedStrings();
        String callId = new String("a84b4c76e66710@pc33.atlanta.com");
        assertSame(callId, shared.share(callId, 42));
        for (int i = 1; i <= 3; i++) {
            String other = "other-" + i;
            assertSame(other, shared.share(other, 42));
            assertSame(callId, shared.share(new String(callId), 42), "after " + i + " newer");
        }
        // the one it gave back moved nothing: a fourth newer value of the set is what pushes it out
        assertSame("other-4", shared.share("other-4", 42));
        String again = new String(callId);
        assertSame(again, shared.share(again, 42));
        // and an equal hash never stands for an unequal text
        String unequal = new String("other-5");
        assertSame(unequal, shared.share(unequal, 42));
        assertNotSame(callId, shared.share(new String("a84b4c76e66710@pc33.atlanta.com!"), 42));
    }

    @Test
    void aStringBeyondAsciiIsNeverTheAnswerToItsLatin1Bytes() {
        StringPool pool = new StringPool();
        String s = "caf\u00e9";
        assertSame(s, pool.share(s));
        byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
        String fromBytes = pool.share(latin1, 0, latin1.length);
        assertEquals(s, fromBytes);
        assertNotSame(s, fromBytes);
    }

    private static byte[] text(Random random, int length) {
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
            text[i] = (byte) (' ' + random.nextInt(95));
        }
        return text;
    }
}
