package org.sipladder.capture;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file that messages point into: a message found whole inside one packet keeps only its offset and
 * length here, and its bytes are read back when someone looks at it (the message checks that they are still the
 * same; a capture still being written keeps its earlier bytes). The file is opened on the first read-back and
 * closed when this object is no longer reachable.
 */
public final class CaptureFile {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Path path;
    private final Channel channel = new Channel();

    private CaptureFile(Path path) {
        this.path = path;
        CLEANER.register(this, channel);
    }

    public static CaptureFile of(Path path) {
        return new CaptureFile(path);
    }

    public Path path() {
        return path;
    }

    /**
     * The {@code length} bytes at {@code offset}.
     *
     * @throws IOException when the file is gone, cannot be read, or is now shorter
     */
    public byte[] read(long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        synchronized (channel) {
            FileChannel c = channel.open(path);
            while (buffer.hasRemaining()) {
                if (c.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException(path + " ends before byte " + (offset + length)
                            + " (it changed since it was read); open it again");
                }
            }
        }
        return bytes;
    }

    /**
     * Reads the file from {@code position} into {@code into} until it is full or the file ends: for a reader that
     * keeps stretches of the file (see {@code sip.ReadAhead}). How many bytes were read.
     */
    public int read(long position, byte[] into) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into);
        synchronized (channel) {
            FileChannel c = channel.open(path);
            while (buffer.hasRemaining() && c.read(buffer, position + buffer.position()) >= 0) {
                // until the stretch is full or the file ends
            }
        }
        return buffer.position();
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** The open channel, shared by all read-backs; closed by the cleaner. */
    private static final class Channel implements Runnable {
        private FileChannel open;

        FileChannel open(Path path) throws IOException {
            if (open == null || !open.isOpen()) {
                open = FileChannel.open(path, StandardOpenOption.READ);
            }
            return open;
        }

        @Override
        public synchronized void run() {
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    // nothing left to do with a channel nobody can reach
                }
            }
        }
    }
}
