package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.ByteWords;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Mutations;

/**
 * Thousands of mutated and random captures (fixed seed, so any failure reproduces): no exception other than
 * {@link CaptureException} escapes, and every payload is made of bytes that were in the file.
 */
class RobustnessTest {

    private static final long T = 1_700_000_000_000_000L;
    private static final int ROUNDS = 4000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void mutatedAndRandomCapturesNeverBreakTheReader() throws Exception {
        Random random = new Random(20261123L);
        List<byte[]> seeds = Mutations.seedCaptures();
        Path file = dir.resolve("fuzz.pcap");
        int payloads = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = round % 10 == 9 ? randomCapture(random) : Mutations.mutate(seeds.get(random.nextInt(seeds.size())),
                    random);
            Files.write(file, input);
            payloads += readChecked(file, input, round);
        }
        assertTrue(payloads > ROUNDS / 4, "mutations leave most messages intact, so many must be found: " + payloads);
    }

    private static int readChecked(Path file, byte[] input, int round) {
        Set<Long> windows = windows(input);
        boolean gzip = input.length > 1 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b;
        int[] count = {0};
        try {
            new CaptureReader().read(file, p -> {
                count[0]++;
                if (!gzip) {
                    assertMadeOfInput(p, input, windows, round);
                }
            });
        } catch (CaptureException expected) {
            // a mutation may well destroy the file header: that is a user error, not a crash
        } catch (RuntimeException | Error e) {
            throw new AssertionError("round " + round + ": " + e, e);
        }
        return count[0];
    }

    /** The start line occurs verbatim in the file, and the rest is stitched from runs of file bytes. */
    private static void assertMadeOfInput(SipPayload p, byte[] input, Set<Long> windows, int round) {
        byte[] data = p.data();
        int lineEnd = ByteWords.indexOf(data, 0, data.length, (byte) '\n');
        byte[] line = Arrays.copyOf(data, lineEnd < 0 ? data.length : lineEnd + 1);
        if (!contains(input, line)) {
            fail("round " + round + ": start line not in input: " + new String(line, StandardCharsets.ISO_8859_1));
        }
        int missing = 0;
        for (int i = 0; i + 8 <= data.length; i++) {
            if (!windows.contains(ByteBuffer.wrap(data, i, 8).order(ByteOrder.BIG_ENDIAN).getLong())) {
                missing++;
            }
        }
        int allowed = 7 * (data.length / 16 + 1); // segment and fragment joins are at least 16 bytes apart
        if (missing > allowed) {
            fail("round " + round + ": payload not made of input bytes (" + missing + " foreign windows)");
        }
    }

    private static Set<Long> windows(byte[] input) {
        Set<Long> set = new HashSet<>();
        ByteBuffer b = ByteBuffer.wrap(input);
        for (int i = 0; i + 8 <= input.length; i++) {
            set.add(b.getLong(i));
        }
        return set;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A valid pcap or pcapng header with random packets behind it. */
    private static byte[] randomCapture(Random r) {
        Captures c = r.nextBoolean() ? Captures.pcap().linkType(new int[] {1, 113, 276, 101, 0}[r.nextInt(5)])
                : Captures.pcapng().iface(new int[] {1, 113, 276, 101, 0}[r.nextInt(5)], 6);
        for (int i = 0; i < 1 + r.nextInt(20); i++) {
            byte[] frame = new byte[r.nextInt(200)];
            r.nextBytes(frame);
            c.frame(T, frame);
        }
        return c.toBytes();
    }
}
