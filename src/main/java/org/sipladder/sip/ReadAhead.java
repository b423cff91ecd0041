package org.sipladder.sip;

import java.io.IOException;
import org.sipladder.capture.CaptureFile;

/**
 * Reads messages back from their capture file a stretch of {@link #CHUNK} bytes at a time, keeping the last
 * {@link #CHUNKS} stretches: for a reader that asks for nearly every message in about file order, as a diagnosis
 * does call after call (a call's messages lie within tens of kilobytes of each other), so that one read of the file
 * serves a hundred messages; each read of the file cost more than all else the diagnosis did with most messages.
 * What a stretch gives is checked against the message's checksum as any read-back is, and read from the file again
 * when it does not match. For one thread; it belongs to the reader that made it and goes with it.
 */
public final class ReadAhead {

    /** Bytes read from the file at a time, and how many such stretches are kept (2 MB). */
    static final int CHUNK = 1 << 16;
    static final int CHUNKS = 32;
    /** {@link #CHUNK} as a shift: positions are split by shifts and masks (the quick JIT divides a long in the VM). */
    private static final int CHUNK_BITS = 16;

    /** The stretch in each slot ({@code index % CHUNKS}): its file, which one, its bytes and how many were read. */
    private final CaptureFile[] files = new CaptureFile[CHUNKS];
    private final long[] indexes = new long[CHUNKS];
    private final byte[][] chunks = new byte[CHUNKS][];
    private final int[] lengths = new int[CHUNKS];

    /**
     * The {@code length} bytes at {@code offset} of {@code file}, from the stretches kept or read now; null when
     * the file does not reach that far (the caller reads the file directly, which says why).
     */
    byte[] read(CaptureFile file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        int at = 0;
        while (at < length) {
            long position = offset + at;
            int slot = stretch(file, position);
            int from = (int) position & (CHUNK - 1);
            int n = Math.min(length - at, lengths[slot] - from);
            if (n <= 0) {
                return null;
            }
            System.arraycopy(chunks[slot], from, bytes, at, n);
            at += n;
        }
        return bytes;
    }

    /** The slot of the stretch holding byte {@code position} of {@code file}, read now unless kept. */
    private int stretch(CaptureFile file, long position) throws IOException {
        long index = position >>> CHUNK_BITS;
        int slot = (int) index & (CHUNKS - 1);
        if (files[slot] == file && indexes[slot] == index && position < index * CHUNK + lengths[slot]) {
            return slot;
        }
        if (chunks[slot] == null) {
            chunks[slot] = new byte[CHUNK];
        }
        files[slot] = file;
        indexes[slot] = index;
        lengths[slot] = file.read(index * CHUNK, chunks[slot]);
        return slot;
    }
}
