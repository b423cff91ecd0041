package org.sipladder.capture;

/**
 * Where the lines of a datagram's header block end, noted by its framing, which finds every line feed to reach the
 * empty line anyway, for the SIP scan, which would otherwise search every header line for its end a second time.
 *
 * <p>A lent payload carries its table in its block right after its bytes, at {@link SipPayload#headerLines}: one
 * byte, the number n of line feeds noted, then n offsets from the message's first byte, two bytes each, low byte
 * first: every line feed from the start line's to the empty line's, in order. The framing notes none (n is 0, and
 * the reader walks the lines itself) unless it found the empty line, at most {@link #MAX} lines came before it, and
 * every byte from the first line feed to the last is ASCII and none a control byte that ByteWords.plainEnd stops at
 * but the line feeds (a NUL sends the message to the full scan, which flags it); the start line's bytes are the reader's to check, since
 * it reads each of them anyway and the framing does not.
 *
 * <p>An instance is the decoding thread's scratch table for the datagram being framed.
 */
public final class HeaderLines {

    /** How many line feeds are noted at most (a header block of more lines is walked by its reader). */
    public static final int MAX = 64;

    /** The longest message whose line feeds are noted: their offsets fit in two bytes. */
    static final int LONGEST = 1 << 16;

    /** The table being written: the count, then the offsets. */
    final byte[] table = new byte[1 + 2 * MAX];

    /** Writes the offset of the {@code k}-th line feed ({@code k} below {@link #MAX}); returns the entries then. */
    int put(int k, int offset) {
        table[1 + 2 * k] = (byte) offset;
        table[2 + 2 * k] = (byte) (offset >>> 8);
        return k + 1;
    }

    /** The table holds {@code n} line feeds, written after the count; 0 when it holds none to be read. */
    void noted(int n) {
        table[0] = (byte) n;
    }

    /** How many bytes the table takes after a payload's bytes. */
    int bytes() {
        return 1 + 2 * table[0];
    }

    /** The number of line feeds in the table at {@code a[at]} (0: none noted). */
    public static int count(byte[] a, int at) {
        return a[at];
    }

    /** The offset from the message's first byte of the {@code k}-th line feed of the table at {@code a[at]}. */
    public static int lineFeed(byte[] a, int at, int k) {
        int i = at + 1 + 2 * k;
        return a[i] & 0xff | (a[i + 1] & 0xff) << 8;
    }
}
