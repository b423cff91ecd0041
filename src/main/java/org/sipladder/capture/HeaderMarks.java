package org.sipladder.capture;

/**
 * What the framing of a datagram noted of its message's header block while finding its end, for a reader of the
 * body (the media thread's SDP scan) that would otherwise walk every header line again: where the body starts, and
 * the few header lines that may name the message's dialog (a name of the length of Call-ID, CSeq or the compact i,
 * by the place of its colon). Packed into one long, offsets from the message's first byte; {@link #NONE} when
 * nothing was noted (a stream's message, an unfinished header block, more such lines than fit).
 */
public final class HeaderMarks {

    /** Nothing noted: the header lines are to be walked. */
    public static final long NONE = 0;
    /** How many lines are noted at most. */
    public static final int LINES = 3;
    /** The largest offset noted (16 bits each). */
    static final int MAX_OFFSET = 0xffff;

    private HeaderMarks() {
    }

    /** Where the body starts, after the blank line, as an offset from the message's first byte; 0 for none. */
    public static int bodyOffset(long marks) {
        return (int) (marks >>> 48);
    }

    /**
     * The offset of the {@code k}-th noted line from the message's first byte, in the message's order; 0 when fewer
     * were noted. The noted lines are all those whose first byte is C or I (any case) and that have a colon, space or
     * tab right after a first word of 1, 4 or 7 bytes: every Call-ID, i and CSeq line, and some others (Contact).
     */
    public static int line(long marks, int k) {
        return (int) (marks >>> 16 * k) & MAX_OFFSET;
    }

    /** Whether the header line {@code a[line, lf)} ({@code lf} its line feed) is one to note ({@link #line}). */
    static boolean mayNameDialog(byte[] a, int line, int lf) {
        int first = a[line] | 0x20;
        if (first == 'i') {
            return line + 1 < lf && separates(a[line + 1]);
        }
        return first == 'c' && (line + 4 < lf && separates(a[line + 4]) || line + 7 < lf && separates(a[line + 7]));
    }

    static boolean separates(byte b) {
        return b == ':' || b == ' ' || b == '\t';
    }

    static long withLine(long marks, int k, int offset) {
        return marks | (long) offset << 16 * k;
    }

    static long withBody(long marks, int offset) {
        return marks | (long) offset << 48;
    }
}
