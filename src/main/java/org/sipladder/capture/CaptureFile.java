package org.sipladder.capture;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A capture file that messages point into: a message found whole inside one packet keeps only its offset and
 * length here, and its bytes are read back when someone looks at it. Reading back refuses a file that changed
 * (size or modification time) since it was read. The file is opened on the first read-back and closed when
 * this object is no longer reachable.
 */
public final class CaptureFile {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Path path;
    private final long size;
    private final long modifiedMillis;
    private final Channel channel = new Channel();

    private CaptureFile(Path path, long size, long modifiedMillis) {
        this.path = path;
        this.size = size;
        this.modifiedMillis = modifiedMillis;
        CLEANER.register(this, channel);
    }

    /** The file as it is now; later read-backs check that it is unchanged. */
    public static CaptureFile of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new CaptureFile(path, attributes.size(), attributes.lastModifiedTime().toMillis());
    }

    public Path path() {
        return path;
    }

    /**
     * The {@code length} bytes at {@code offset}.
     *
     * @throws IOException when the file is gone, cannot be read, or changed since it was read
     */
    public byte[] read(long offset, int length) throws IOException {
        BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
        if (now.size() != size || now.lastModifiedTime().toMillis() != modifiedMillis) {
            throw new IOException(path + " changed since it was read; open it again");
        }
        byte[] bytes = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        synchronized (channel) {
            FileChannel c = channel.open(path);
            while (buffer.hasRemaining()) {
                if (c.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException(path + " ends before byte " + (offset + length));
                }
            }
        }
        return bytes;
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
