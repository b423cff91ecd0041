package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void spillFilesAreNewEmptyAndTheUsersOwn() throws Exception {
        Path a = SpillBuffer.newFile();
        Path b = SpillBuffer.newFile();
        try {
            assertNotEquals(a, b);
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")), a.getParent());
            assertEquals(0, Files.size(a));
            assertEquals(0, Files.size(b));
            if (a.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(a));
            }
        } finally {
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
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
    void aChannelGetsTheSameBytesFromMemoryAndFromTheFile(@TempDir Path dir) throws Exception {
        for (int limit : new int[] {100, 3 * SpillBuffer.IN_MEMORY}) {
            StringBuilder expected = new StringBuilder();
            try (SpillBuffer b = new SpillBuffer()) {
                for (int i = 0; expected.length() <= limit; i++) {
                    String part = ",finding " + i + " é€" + "y".repeat(i % 5) + "\n";
                    b.append(utf8(part));
                    expected.append(part);
                }
                byte[] whole = utf8(expected.substring(1));
                // a channel the kernel can write a file's bytes to, and one it cannot (a stream's)
                Path target = dir.resolve("out-" + limit);
                try (FileChannel file = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    file.write(ByteBuffer.wrap(utf8("[")));
                    b.writeTo(file, 1);
                }
                assertArrayEquals(utf8("[" + expected.substring(1)), Files.readAllBytes(target));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                b.writeTo(Channels.newChannel(bytes), 1);
                assertArrayEquals(whole, bytes.toByteArray());
            }
        }
    }

    /**
     * Stretches of a run's bytes of every size, from parts of an array (a few bytes, many findings at once, more than
     * the file's write buffer holds), come back whole and in order.
     */
    @Test
    void stretchesOfAnyLengthComeBackInOrder() throws Exception {
        byte[] source = new byte[3 << 20];
        for (int i = 0; i < source.length; i++) {
            source[i] = (byte) ('a' + i % 26);
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (SpillBuffer b = new SpillBuffer()) {
            int[] lengths = {3, SpillBuffer.IN_MEMORY, 5_000, (1 << 20) - 7, 1, (2 << 20) + 11, 70_000, 0, 9};
            for (int i = 0; i < lengths.length; i++) {
                int from = (i * 131) % 1000;
                b.append(source, from, lengths[i]);
                expected.write(source, from, lengths[i]);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            b.writeTo(bytes, 1);
            byte[] all = expected.toByteArray();
            assertArrayEquals(java.util.Arrays.copyOfRange(all, 1, all.length), bytes.toByteArray());
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            b.writeTo(Channels.newChannel(again), 0);
            assertArrayEquals(all, again.toByteArray());
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
