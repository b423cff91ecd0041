package org.sipladder.sip;

import java.io.IOException;
import java.util.concurrent.locks.StampedLock;
import org.sipladder.capture.CaptureFile;

/**
 * Reads messages back from their capture file a stretch of {@link #CHUNK} bytes at a time, keeping the last
 * {@link #CHUNKS} stretches: for readers that ask for nearly every message in about file order, as a diagnosis
 * does call after call (a call's messages lie within tens of kilobytes of each other), so that one read of the file
 * serves a hundred messages; each read of the file cost more than all else the diagnosis did with most messages.
 * What a stretch gives is checked against the message's checksum as any read-back is, and read from the file again
 * when it does not match.
 *
 * <p>Shared by the threads of one diagnosis: they take the calls in start order a few at a time, so they ask for the
 * same stretches within moments of each other, and each keeping stretches of its own read the whole file once per
 * thread. A slot's bytes are copied without a lock and kept only when no stretch was read into the slot meanwhile
 * (an optimistic read of its {@link StampedLock}); a stretch is read into its slot under the slot's write lock, so a
 * thread that needs the same one waits for it rather than reading it too. The slots' buffers are reused: a new
 * buffer for each stretch read would be kept past a young collection (the launcher promotes what survives one) and
 * grow the old generation by the whole file.
 */
public final class ReadAhead {

    /** Bytes read from the file at a time, and how many such stretches are kept (2 MB). */
    static final int CHUNK = 1 << 16;
    static final int CHUNKS = 32;
    /** {@link #CHUNK} as a shift: positions are split by shifts and masks (the quick JIT divides a long in the VM). */
    private static final int CHUNK_BITS = 16;

    /**
     * The stretch in each slot ({@code index % CHUNKS}): its file, which one, its bytes and how many were read;
     * written under the slot's write lock.
     */
    private final CaptureFile[] files = new CaptureFile[CHUNKS];
    private final long[] indexes = new long[CHUNKS];
    private final byte[][] chunks = new byte[CHUNKS][];
    private final int[] lengths = new int[CHUNKS];
    private final StampedLock[] locks = new StampedLock[CHUNKS];

    public ReadAhead() {
        for (int i = 0; i < CHUNKS; i++) {
            locks[i] = new StampedLock();
            chunks[i] = new byte[0];
        }
    }

    /**
     * The {@code length} bytes at {@code offset} of {@code file}, from the stretches kept or read now; null when
     * the file does not reach that far (the caller reads the file directly, which says why).
     */
    byte[] read(CaptureFile file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        return read(file, offset, length, bytes, 0) ? bytes : null;
    }

    /**
     * As {@link #read(CaptureFile, long, int)}, the bytes put in {@code bytes} from {@code to} on; false when the
     * file does not reach that far.
     */
    boolean read(CaptureFile file, long offset, int length, byte[] bytes, int to) throws IOException {
        int at = 0;
        while (at < length) {
            long position = offset + at;
            long index = position >>> CHUNK_BITS;
            int slot = (int) index & (CHUNKS - 1);
            int from = (int) position & (CHUNK - 1);
            StampedLock lock = locks[slot];
            long stamp = lock.tryOptimisticRead();
            byte[] chunk = chunks[slot];
            int kept = lengths[slot];
            if (stamp != 0 && files[slot] == file && indexes[slot] == index && from < kept && kept <= chunk.length) {
                int n = Math.min(length - at, kept - from);
                System.arraycopy(chunk, from, bytes, to + at, n);
                if (lock.validate(stamp)) {
                    at += n;
                    continue;
                }
            }
            if (!readInto(slot, file, index, from)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads stretch {@code index} of {@code file} into {@code slot} unless it holds it already, through byte
     * {@code from} of it; false when the file does not reach that byte.
     */
    private boolean readInto(int slot, CaptureFile file, long index, int from) throws IOException {
        StampedLock lock = locks[slot];
        long stamp = lock.writeLock();
        try {
            if (files[slot] != file || indexes[slot] != index || from >= lengths[slot]) {
                if (chunks[slot].length < CHUNK) {
                    chunks[slot] = new byte[CHUNK];
                }
                files[slot] = null; // not the stretch it was, should the read fail
                lengths[slot] = file.read(index << CHUNK_BITS, chunks[slot]);
                indexes[slot] = index;
                files[slot] = file;
            }
            return from < lengths[slot];
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
