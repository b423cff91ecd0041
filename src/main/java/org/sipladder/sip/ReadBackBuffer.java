package org.sipladder.sip;

/**
 * Where one thread's message read-backs put their bytes and header lines for the length of one piece of work (a
 * diagnosis reads back ~10 messages of each call, each asked several questions, then drops them all): the bytes are
 * appended to an array reused from piece to piece, and the header lines' positions go to index arrays reused too,
 * instead of a new byte array and a new index array for every message (~380 MB of garbage on big_sip's diagnosis).
 *
 * <p>{@link #clear} ends a piece: what was read back before it is then stale. A read-back made under an earlier
 * {@link #epoch} reads its message again into an array of its own, so that one used after its piece (or during
 * another piece on the same thread) still answers right. For one thread.
 */
public final class ReadBackBuffer {

    /** The array's size: a call's read-backs take a few kilobytes. */
    static final int SIZE = 1 << 15;

    /** Where the bytes go; a full one is left to the read-backs that point into it and a new one started. */
    private byte[] bytes = new byte[SIZE];
    private int used;
    /** The header-line walks handed out in this piece ({@link #lines}), kept for the next piece. */
    private PlainReadBack.HeaderLines[] lines = new PlainReadBack.HeaderLines[16];
    private int linesUsed;
    /** At most this many walks are kept for reuse (a call of more read-backs makes the rest anew). */
    static final int LINES_KEPT = 256;
    private int epoch;

    /** Which piece of work this is: read-backs made under another are stale. */
    public int epoch() {
        return epoch;
    }

    /** Ends the piece of work: its read-backs become stale and their room is reused. */
    public void clear() {
        used = 0;
        linesUsed = 0;
        epoch++;
    }

    /** The array the next {@link #reserve} puts bytes in (where they are after {@link #reserve}). */
    byte[] bytes() {
        return bytes;
    }

    /** Room for {@code length} bytes in {@link #bytes()}: where they go (not yet taken: {@link #take}). */
    int reserve(int length) {
        if (used + length > bytes.length) {
            bytes = new byte[Math.max(SIZE, length)];
            used = 0;
        }
        return used;
    }

    /** Where the bytes taken so far end in {@link #bytes()}. */
    int used() {
        return used;
    }

    /** Takes the {@code length} bytes last {@link #reserve reserved}. */
    void take(int length) {
        used += length;
    }

    /** A header-line walk of {@code d[from, end)}, its index array reused from earlier pieces. */
    PlainReadBack.HeaderLines lines(byte[] d, int from, int end) {
        if (linesUsed == lines.length) {
            if (linesUsed == LINES_KEPT) {
                return PlainReadBack.lines(new PlainReadBack.HeaderLines(), d, from, end); // a very long call
            }
            lines = java.util.Arrays.copyOf(lines, lines.length * 2);
        }
        PlainReadBack.HeaderLines h = lines[linesUsed];
        if (h == null) {
            h = new PlainReadBack.HeaderLines();
            lines[linesUsed] = h;
        }
        linesUsed++;
        return PlainReadBack.lines(h, d, from, end);
    }
}
