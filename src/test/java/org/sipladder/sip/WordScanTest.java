package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipladder.ByteWords;

class WordScanTest {

    @Test
    void plainEndFindsTheFirstLineFeedControlByteOrHighByteExactly() {
        Random random = new Random(6);
        // line feeds beside zero bytes and bytes one above and below: the neighbours a word's flags confuse
        byte[] alphabet = {'\n', 0, 0x0B, 0x0C, 0x0E, 0x09, 0x08, 0x01, 0x02, 'a', 'b', ' ', '\r', (byte) 0x80, (byte) 0xF6, 0x7F, 'a', 'b',
            'c', 'd', 'e'};
        for (int round = 0; round < 20_000; round++) {
            byte[] d = new byte[random.nextInt(40)];
            for (int i = 0; i < d.length; i++) {
                d[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = random.nextInt(d.length + 1);
            int first = from;
            while (first < d.length && d[first] >= 0 && (d[first] > 0x0B || d[first] == '\t')) {
                first++;
            }
            assertEquals(first, ByteWords.plainEnd(d, from, d.length), Arrays.toString(d) + " from " + from);
        }
    }

    @Test
    void lineFeedFindsTheFirstLineFeedPastHighBytes() {
        Random random = new Random(7);
        byte[] alphabet = {'\n', 0, 0x0B, 0x09, 'a', ' ', '\r', (byte) 0x80, (byte) 0x8A, (byte) 0xF6, 0x7F, 'b', 'c'};
        for (int round = 0; round < 20_000; round++) {
            byte[] d = new byte[random.nextInt(40)];
            for (int i = 0; i < d.length; i++) {
                d[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = random.nextInt(d.length + 1);
            int to = from + random.nextInt(d.length - from + 1);
            int first = from;
            while (first < to && d[first] != '\n') {
                first++;
            }
            assertEquals(first, WordScan.lineFeed(d, from, to), Arrays.toString(d) + " from " + from + " to " + to);
        }
    }

    @Test
    void sameRunAgreesWithArraysEquals() {
        Random random = new Random(8);
        for (int round = 0; round < 50_000; round++) {
            byte[] a = new byte[random.nextInt(40) + 1];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) ('a' + random.nextInt(2));
            }
            byte[] b = new byte[a.length + 5];
            int n = random.nextInt(a.length + 1);
            int aFrom = random.nextInt(a.length - n + 1);
            int bFrom = random.nextInt(b.length - n + 1);
            System.arraycopy(a, aFrom, b, bFrom, n);
            if (n > 0 && random.nextBoolean()) {
                b[bFrom + random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
            }
            assertEquals(Arrays.equals(a, aFrom, aFrom + n, b, bFrom, bFrom + n), WordScan.sameRun(a, aFrom, b, bFrom, n),
                    Arrays.toString(a) + " " + aFrom + " / " + Arrays.toString(b) + " " + bFrom + ", " + n);
        }
    }

    @Test
    void equalBytesHashAlikeWhereverTheyAreAndDifferentOnesRarelyCollide() {
        Random random = new Random(9);
        Set<Integer> hashes = new HashSet<>();
        Set<String> inputs = new HashSet<>();
        for (int round = 0; round < 10_000; round++) {
            byte[] text = new byte[random.nextInt(60)];
            random.nextBytes(text);
            byte[] shifted = new byte[text.length + 11];
            System.arraycopy(text, 0, shifted, 7, text.length);
            assertEquals(WordScan.hash(text, 0, text.length), WordScan.hash(shifted, 7, 7 + text.length));
            hashes.add(WordScan.hash(text, 0, text.length));
            inputs.add(Arrays.toString(text));
        }
        // dialog values differing in one digit must not pile into one slot
        for (int n = 0; n < 10_000; n++) {
            byte[] to = ("<sip:" + (91874350000L + n) + "@sip.jambonz.cloud>").getBytes();
            hashes.add(WordScan.hash(to, 0, to.length));
            inputs.add(Arrays.toString(to));
        }
        assertTrue(hashes.size() >= inputs.size() - 2, hashes.size() + " distinct hashes of " + inputs.size()
                + " distinct values");
    }

    @Test
    void lastIndexOfFindsTheLastByteInAnyRangeWhateverItsNeighbours() {
        Random random = new Random(11);
        // neighbours that fool a word-at-a-time test: zero bytes, the byte one below and above, high bytes
        byte[] alphabet = {'v', 'v', 0, 'u', 'w', (byte) 0xf6, (byte) 0x80, '\n', '=', '0'};
        for (int round = 0; round < 50_000; round++) {
            byte[] d = new byte[random.nextInt(50)];
            for (int i = 0; i < d.length; i++) {
                d[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = d.length == 0 ? 0 : random.nextInt(d.length + 1);
            int to = from + random.nextInt(d.length - from + 1);
            int last = -1;
            for (int i = to - 1; i >= from && last < 0; i--) {
                if (d[i] == 'v') {
                    last = i;
                }
            }
            assertEquals(last, WordScan.lastIndexOf(d, from, to, (byte) 'v'), Arrays.toString(d) + " [" + from + ", "
                    + to + ")");
        }
    }

    @Test
    void parameterEndFindsTheFirstSemicolonCommaOrBlank() {
        Random random = new Random(12);
        // the bytes looked for and their neighbours, zero, space's neighbours, high bytes
        byte[] alphabet = {';', ',', ':', '<', '+', '-', 0, ' ', '!', 0x1f, '\t', '\r', (byte) 0xbb, (byte) 0xac,
            (byte) 0xa0, (byte) 0x80, 'a', 'z', '9'};
        for (int round = 0; round < 50_000; round++) {
            byte[] d = new byte[random.nextInt(40)];
            for (int i = 0; i < d.length; i++) {
                d[i] = random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = random.nextInt(d.length + 1);
            int to = from + random.nextInt(d.length - from + 1);
            int punctuation = from;
            while (punctuation < to && d[punctuation] != ';' && d[punctuation] != ',') {
                punctuation++;
            }
            int stop = from;
            while (stop < to && d[stop] != ';' && d[stop] != ',' && !(d[stop] >= 0 && d[stop] <= ' ')) {
                stop++;
            }
            String where = Arrays.toString(d) + " [" + from + ", " + to + ")";
            assertEquals(punctuation, WordScan.parameterEnd(d, from, to, false), where);
            assertEquals(stop, WordScan.parameterEnd(d, from, to, true), where);
        }
    }
}
