package org.sipladder.capture;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Reads a capture front to back through one reusable buffer, so memory stays flat whatever the file size.
 * {@link #take} hands out a window of the buffer that stays valid until the next call.
 */
final class ByteSource implements Closeable {

    /**
     * The buffer's first size (it grows for a longer record). It lives as long as the read: on a capture long enough
     * for the collector to run during the read it is moved to the old generation and stays there after the read
     * (1 MB was 0.75 MB more of the 4 GB benchmark capture's peak); reads of 256 KB are no slower.
     */
    private static final int INITIAL = 1 << 18;

    private final InputStream in;
    private final LongSupplier consumed;
    private final int maxRecord;
    private final int readChunk;
    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL).limit(0);
    private boolean eof;
    /** Why the input stopped early (corrupt compressed data): raised once the bytes read before it are used up. */
    private IOException failure;
    /** Offset in the input stream of {@code array()[0]}. */
    private long arrayStart;

    /**
     * @param consumed   how many bytes of the file have been read so far (differs from the decoded bytes for gzip)
     * @param maxRecord  the largest window a caller may ask for
     */
    ByteSource(InputStream in, LongSupplier consumed, int maxRecord) {
        this(in, consumed, maxRecord, Integer.MAX_VALUE);
    }

    /**
     * @param readChunk the most bytes asked of {@code in} at once: a decompressing stream loses the output of the
     *                  read that meets corrupt data, so small reads keep all but a little of what came before it
     */
    ByteSource(InputStream in, LongSupplier consumed, int maxRecord, int readChunk) {
        this.in = in;
        this.consumed = consumed;
        this.maxRecord = maxRecord;
        this.readChunk = readChunk;
    }

    /** The array behind every window. */
    byte[] array() {
        return buffer.array();
    }

    /**
     * Takes the next {@code n} bytes and returns their offset in {@link #array()}; returns -1 when the input
     * ended cleanly before the first of them.
     *
     * @throws EOFException when the input ends after some but not all of them
     */
    int take(int n) throws IOException {
        if (n < 0 || n > maxRecord) {
            throw new IllegalArgumentException("window of " + n + " bytes");
        }
        if (buffer.remaining() < n) {
            fill(n);
            if (buffer.remaining() < n && failure != null) {
                buffer.position(buffer.limit());
                throw failure;
            }
            if (buffer.remaining() == 0) {
                return -1;
            }
            if (buffer.remaining() < n) {
                buffer.position(buffer.limit());
                throw new EOFException();
            }
        }
        int at = buffer.position();
        buffer.position(at + n);
        return at;
    }

    /**
     * Makes up to the next {@code n} bytes readable without taking them, from {@link #peekOffset()} of
     * {@link #array()}, and says how many there are: fewer only where the input ends (or breaks off). For a format
     * told by its first records rather than by a magic number.
     */
    int peek(int n) throws IOException {
        if (n < 0 || n > maxRecord) {
            throw new IllegalArgumentException("window of " + n + " bytes");
        }
        if (buffer.remaining() < n) {
            fill(n);
        }
        return Math.min(n, buffer.remaining());
    }

    /** Where in {@link #array()} the bytes of the last {@link #peek} start. */
    int peekOffset() {
        return buffer.position();
    }

    /**
     * As {@link #take}, for the next part of a record: the input ending after some but not all of its bytes is the
     * file cut inside {@code what} ("the file ends inside " + what); -1 still means a clean end before it.
     */
    int takeWithin(int n, String what) throws IOException, DamagedCaptureException {
        try {
            return take(n);
        } catch (EOFException e) {
            throw new DamagedCaptureException("the file ends inside " + what, true);
        }
    }

    /** Gives back the last {@code n} bytes taken, so that the next take starts with them again. */
    void giveBack(int n) {
        buffer.position(buffer.position() - n);
    }

    /** Offset in the input stream of the next byte to take. */
    long position() {
        return arrayStart + buffer.position();
    }

    /** Offset in the input stream of the byte at {@code index} of {@link #array()}. */
    long streamOffset(int index) {
        return arrayStart + index;
    }

    /** Bytes of the file read so far. */
    long consumed() {
        return consumed.getAsLong();
    }

    private void fill(int n) throws IOException {
        arrayStart += buffer.position();
        if (buffer.capacity() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(n, buffer.capacity() * 2));
            bigger.put(buffer).flip();
            buffer = bigger;
        }
        buffer.compact();
        try {
            // read straight into the array: a failing read (a cut gzip stream) then loses nothing read before it
            while (!eof && buffer.position() < n) {
                int got;
                try {
                    got = in.read(buffer.array(), buffer.position(), Math.min(buffer.remaining(), readChunk));
                } catch (IOException e) {
                    // like a cut at this point: what was read before stays usable, the failure comes after it
                    failure = e;
                    got = -1;
                }
                if (got < 0) {
                    eof = true;
                } else {
                    buffer.position(buffer.position() + got);
                }
            }
        } finally {
            buffer.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
