package org.sipladder.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * UTF-8 text kept aside to be written out later, in memory while it is small and in a temporary file beyond that:
 * the findings of a large capture are listed by severity, but found call by call, so all but the first group wait.
 * Kept and copied as bytes (a large capture's findings are 400 MB of JSON: encoding them to the file and decoding
 * them back took seconds); decoded only for a writer. One thread; {@link #close} deletes the file.
 */
final class SpillBuffer implements AutoCloseable {

    /** Bytes kept in memory before the buffer moves to a file. */
    static final int IN_MEMORY = 1 << 18;

    private static final int CHUNK = 1 << 16;

    /**
     * Bytes gathered for one write of the file, outside the heap: a write from a heap array is copied into such a
     * buffer by the JDK first, and a buffered stream in front copied them once more (a large capture spills 370 MB).
     */
    private static final int FILE_CHUNK = 1 << 20;

    private byte[] memory = new byte[1 << 10];
    private int used;
    private Path file;
    /** The file being written once the text moved there, and the bytes not written to it yet. */
    private FileChannel fileOut;
    private ByteBuffer pending;
    private boolean empty = true;

    void append(byte[] text) throws IOException {
        append(text, 0, text.length);
    }

    /** As {@link #append(byte[])}, the {@code length} bytes of {@code text} at {@code from}. */
    void append(byte[] text, int from, int length) throws IOException {
        empty &= length == 0;
        if (fileOut != null) {
            toFile(text, from, length);
            return;
        }
        if (used + length > memory.length) {
            memory = Arrays.copyOf(memory, Math.max(used + length, 2 * memory.length));
        }
        System.arraycopy(text, from, memory, used, length);
        used += length;
        if (used > IN_MEMORY) {
            file = newFile();
            file.toFile().deleteOnExit();
            // opened without truncating the file newFile made empty: ext4 takes a truncation to zero for a
            // file being replaced and, at the first close after it, writes the whole file out (on big_sip 375 MB:
            // the close took 0.19 s and the unlink then 0.10-0.16 s, both after the findings were printed)
            fileOut = FileChannel.open(file, StandardOpenOption.WRITE);
            pending = ByteBuffer.allocateDirect(FILE_CHUNK);
            toFile(memory, 0, used);
            memory = null;
            used = 0;
        }
    }

    /** Appends to the file, through {@link #pending}; what does not fit there goes to the file whole. */
    private void toFile(byte[] text, int from, int length) throws IOException {
        if (length > pending.remaining()) {
            flushFile();
            if (length > pending.capacity()) {
                writeFully(fileOut, ByteBuffer.wrap(text, from, length));
                return;
            }
        }
        pending.put(text, from, length);
    }

    /** Writes {@link #pending} out. */
    private void flushFile() throws IOException {
        pending.flip();
        writeFully(fileOut, pending);
        pending.clear();
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** Names of a spill file tried before giving up: another is tried only when one is taken. */
    private static final int NAMES_TRIED = 100;

    /**
     * A new empty file in the temporary folder, readable and writable by this user only. Not Files.createTempFile:
     * its random name comes from a SecureRandom, whose set-up (a hundred classes, the system's entropy source) took
     * diagnose ~20 ms of a core when its first group of findings spilled. The name is the clock's; the file is
     * created only when no file (or link) of that name exists, so it is always a new file of ours.
     */
    static Path newFile() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        FileAttribute<?>[] ownerOnly = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
        for (int tried = 1; ; tried++) {
            Path file = dir.resolve("sipladder-" + Long.toHexString(System.nanoTime()) + "-" + tried + ".part");
            try {
                return Files.createFile(file, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                if (tried == NAMES_TRIED) {
                    throw e;
                }
            }
        }
    }

    boolean isEmpty() {
        return empty;
    }

    /** Writes everything appended, in order, but for its first {@code skip} bytes. */
    void writeTo(OutputStream out, int skip) throws IOException {
        if (fileOut == null) {
            int from = Math.min(skip, used);
            out.write(memory, from, used - from);
            return;
        }
        try (InputStream in = contents(skip)) {
            byte[] chunk = new byte[CHUNK];
            for (int n; (n = in.read(chunk)) > 0; ) {
                out.write(chunk, 0, n);
            }
        }
    }

    /**
     * As {@link #writeTo(OutputStream, int)}, to a channel: from a file by {@link FileChannel#transferTo}, which
     * the kernel does without copying the bytes through the heap where it can (to standard output, a file or a
     * pipe on Linux).
     */
    void writeTo(WritableByteChannel out, int skip) throws IOException {
        if (fileOut == null) {
            int from = Math.min(skip, used);
            writeFully(out, ByteBuffer.wrap(memory, from, used - from));
            return;
        }
        flushFile();
        try (FileChannel in = FileChannel.open(file)) {
            long size = in.size();
            long at = Math.min(skip, size);
            while (at < size) {
                long moved = in.transferTo(at, size - at, out);
                if (moved <= 0) {
                    // the channel took nothing: copy what is left through a buffer
                    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
                    while (in.read(chunk, at) > 0) {
                        chunk.flip();
                        while (chunk.hasRemaining()) {
                            at += out.write(chunk);
                        }
                        chunk.clear();
                    }
                    return;
                }
                at += moved;
            }
        }
    }

    /**
     * Writes everything appended but its first {@code skip} bytes to the first of these given: standard output as a
     * channel ({@code bytes}, written to the same output before, flushed first), the console's UTF-8 bytes, the
     * writer. As {@link ConsoleWriter#standardOutput} and {@link ConsoleWriter#utf8Stream} give them for a command's
     * output.
     */
    void writeTo(WritableByteChannel channel, OutputStream bytes, Writer out, int skip) throws IOException {
        if (channel != null) {
            if (bytes != null) {
                bytes.flush();
            }
            try {
                writeTo(channel, skip);
            } catch (IOException e) {
                // the kernel moves the bytes from the file to the output: its failure is the output's (a full disk)
                throw ConsoleWriter.failed(e);
            }
        } else if (bytes != null) {
            writeTo(bytes, skip);
        } else {
            writeTo(out, skip);
        }
    }

    /** As {@link #writeTo(OutputStream, int)}, decoded for a writer; {@code skip} counts bytes. */
    void writeTo(Writer out, int skip) throws IOException {
        try (Reader in = new InputStreamReader(contents(skip), StandardCharsets.UTF_8)) {
            char[] chunk = new char[CHUNK];
            for (int n; (n = in.read(chunk)) > 0; ) {
                out.write(chunk, 0, n);
            }
        }
    }

    /** What was appended, from byte {@code skip} on. */
    private InputStream contents(int skip) throws IOException {
        InputStream in;
        if (fileOut == null) {
            in = new ByteArrayInputStream(memory, 0, used);
        } else {
            flushFile();
            in = Files.newInputStream(file);
        }
        in.skipNBytes(Math.min(skip, size()));
        return in;
    }

    private long size() throws IOException {
        return fileOut == null ? used : Files.size(file);
    }

    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            pending = null;
            Files.deleteIfExists(file);
        }
    }
}
