package org.sipladder.sip;

import java.nio.charset.StandardCharsets;

/**
 * Reads parameters out of header values as the messages keep them: the top Via branch, the From/To tag (and where
 * it lies in the value, packed into an int so that a message needs no string of its own for it), and the CSeq
 * value in its normal form. {@link FastScan} reads the same parameters from bytes and must agree with this.
 */
public final class HeaderParameters {

    /** The kept branch of a message without one. */
    static final byte[] NO_BRANCH = new byte[0];
    /**
     * RFC 3261's magic cookie, which the branch of every compliant stack starts with: a kept branch holds it as
     * {@link #COOKIE_MARK} (one byte for seven; 288,000 transactions of a 50,000-call capture keep their branches).
     */
    private static final String COOKIE_TEXT = "z9hG4bK";
    private static final byte[] COOKIE = COOKIE_TEXT.getBytes(StandardCharsets.US_ASCII);
    /** First byte of a kept branch that started with {@link #COOKIE}: the rest follows. */
    private static final byte COOKIE_MARK = 0;
    /** First byte of a kept branch that itself starts with a mark's byte: the branch follows as it is. */
    private static final byte AS_IS_MARK = 1;
    /** {@link #tagSpan} of a value without tag. */
    static final int NO_TAG = -1;
    /** {@link #tagSpan} of a tag ending beyond {@link #MAX_PACKED}: found again in the value when asked for. */
    static final int FAR_TAG = -2;
    private static final int MAX_PACKED = 0x7FFF;

    private HeaderParameters() {
    }

    /** The branch parameter of the first Via value (before any comma), or "" when there is none. */
    static String branchOf(String via) {
        if (via == null) {
            return "";
        }
        int comma = via.indexOf(',');
        String branch = parameter(via, 0, comma < 0 ? via.length() : comma, "branch", false);
        return branch == null ? "" : branch;
    }

    /** The bytes a branch is kept as (its UTF-8 bytes, the magic cookie as one mark byte): see {@link #branchText}. */
    static byte[] branchBytes(String branch) {
        byte[] raw = branch.getBytes(StandardCharsets.UTF_8);
        int mark = branchMark(raw, 0, raw.length);
        if (mark < 0) {
            return raw;
        }
        int from = mark == COOKIE_MARK ? COOKIE.length : 0;
        byte[] kept = new byte[raw.length - from + 1];
        kept[0] = (byte) mark;
        System.arraycopy(raw, from, kept, 1, raw.length - from);
        return kept;
    }

    /**
     * The kept bytes of the branch {@code d[from, to)} ({@link #branchBytes}), shared through {@code pool} with
     * equal branches of other messages; never to be written to.
     */
    static byte[] keptBranch(byte[] d, int from, int to, StringPool pool) {
        int mark = branchMark(d, from, to);
        return mark < 0 ? pool.shareBytes(d, from, to)
                : pool.shareBytes((byte) mark, d, mark == COOKIE_MARK ? from + COOKIE.length : from, to);
    }

    /**
     * Kept branches of at most this many bytes (nearly all: "z9hG4bK" and 12 characters keep 13) are held by a message
     * in two longs ({@link #packedLow}, {@link #packedHigh}) instead of an array: 288,000 arrays fewer for the collector
     * to copy on a 50,000-call capture.
     */
    static final int PACKED_BRANCH = 15;

    /** The length of the kept bytes of the branch {@code d[from, to)} ({@link #keptBranch}). */
    static int keptLength(byte[] d, int from, int to) {
        return keptLength(branchMark(d, from, to), from, to);
    }

    /** As {@link #keptLength(byte[], int, int)} for the branch's {@link #branchMark}. */
    static int keptLength(int mark, int from, int to) {
        return mark < 0 ? to - from : to - from + 1 - (mark == COOKIE_MARK ? COOKIE.length : 0);
    }

    /** Kept bytes 0-7 of the branch {@code d[from, to)}, whose kept bytes are at most {@link #PACKED_BRANCH}. */
    static long packedLow(byte[] d, int from, int to) {
        return packedLow(branchMark(d, from, to), d, from, to);
    }

    /** Kept bytes 8-14 of the branch {@code d[from, to)} in the low seven bytes, their count in the high byte. */
    static long packedHigh(byte[] d, int from, int to) {
        return packedHigh(branchMark(d, from, to), d, from, to);
    }

    /** As {@link #packedLow(byte[], int, int)} for the branch's {@link #branchMark}. */
    static long packedLow(int mark, byte[] d, int from, int to) {
        // the kept bytes: the mark (when there is one), then d[start, to)
        int start = mark == COOKIE_MARK ? from + COOKIE.length : from;
        int k = mark < 0 ? 0 : 1;
        long packed = mark < 0 ? 0 : mark & 0xffL;
        for (int i = start; i < to && k < 8; i++, k++) {
            packed |= (d[i] & 0xffL) << (8 * k);
        }
        return packed;
    }

    /** As {@link #packedHigh(byte[], int, int)} for the branch's {@link #branchMark}. */
    static long packedHigh(int mark, byte[] d, int from, int to) {
        int n = keptLength(mark, from, to);
        long packed = (long) n << 56;
        // kept byte 8 onwards: d[start + 8 - (a mark's byte), to)
        int start = (mark == COOKIE_MARK ? from + COOKIE.length : from) + (mark < 0 ? 8 : 7);
        for (int i = start, k = 0; i < to; i++, k++) {
            packed |= (d[i] & 0xffL) << (8 * k);
        }
        return packed;
    }

    /** Kept bytes already made ({@link #branchBytes}), of at most {@link #PACKED_BRANCH}, packed as {@link #packedLow}. */
    static long packedLow(byte[] kept) {
        long packed = 0;
        for (int k = 0; k < Math.min(8, kept.length); k++) {
            packed |= (kept[k] & 0xffL) << (8 * k);
        }
        return packed;
    }

    /** As {@link #packedHigh(byte[], int, int)} for kept bytes already made. */
    static long packedHigh(byte[] kept) {
        long packed = (long) kept.length << 56;
        for (int k = 8; k < kept.length; k++) {
            packed |= (kept[k] & 0xffL) << (8 * (k - 8));
        }
        return packed;
    }

    /** The kept bytes packed in {@code low} and {@code high}. */
    static byte[] unpacked(long low, long high) {
        byte[] kept = new byte[(int) (high >>> 56)];
        for (int k = 0; k < kept.length; k++) {
            kept[k] = packedByte(low, high, k);
        }
        return kept;
    }

    /** {@link java.util.Arrays#hashCode(byte[])} of the kept bytes packed in {@code low} and {@code high}. */
    static int packedHash(long low, long high) {
        int n = (int) (high >>> 56);
        int h = 1;
        for (int k = 0; k < n; k++) {
            h = 31 * h + packedByte(low, high, k);
        }
        return h;
    }

    private static byte packedByte(long low, long high, int k) {
        return (byte) (k < 8 ? low >>> (8 * k) : high >>> (8 * (k - 8)));
    }

    /** The mark byte the branch {@code d[from, to)} is kept with, or -1 when it is kept as it is. */
    static int branchMark(byte[] d, int from, int to) {
        if (to - from > COOKIE.length && WordScan.sameRun(d, from, COOKIE, 0, COOKIE.length)) {
            return COOKIE_MARK;
        }
        return to > from && (d[from] == COOKIE_MARK || d[from] == AS_IS_MARK) ? AS_IS_MARK : -1;
    }

    /** The branch text of kept bytes ({@link #branchBytes}). */
    static String branchText(byte[] kept) {
        if (kept.length == 0 || kept[0] != COOKIE_MARK && kept[0] != AS_IS_MARK) {
            return new String(kept, StandardCharsets.UTF_8);
        }
        String rest = new String(kept, 1, kept.length - 1, StandardCharsets.UTF_8);
        return kept[0] == COOKIE_MARK ? COOKIE_TEXT + rest : rest;
    }

    /** The tag parameter of a From or To value (outside the angle brackets), or null. */
    public static String tagOf(String nameAddr) {
        if (nameAddr == null) {
            return null;
        }
        long at = tagAt(nameAddr);
        return at < 0 ? null : nameAddr.substring((int) (at >>> 32), (int) at);
    }

    /** True when {@code nameAddr} has a tag parameter starting with {@code prefix}. */
    static boolean tagStartsWith(String nameAddr, String prefix) {
        if (nameAddr == null) {
            return false;
        }
        long at = tagAt(nameAddr);
        int start = (int) (at >>> 32);
        return at >= 0 && (int) at - start >= prefix.length() && nameAddr.startsWith(prefix, start);
    }

    /** Where {@link #tagOf} finds the tag: start << 16 | end, {@link #NO_TAG} or {@link #FAR_TAG}. */
    static int tagSpan(String nameAddr) {
        if (nameAddr == null) {
            return NO_TAG;
        }
        long at = tagAt(nameAddr);
        return at < 0 ? NO_TAG : tagSpan((int) (at >>> 32), (int) at);
    }

    /** The packed form of a tag at {@code [start, end)} of its value. */
    static int tagSpan(int start, int end) {
        return end <= MAX_PACKED ? start << 16 | end : FAR_TAG;
    }

    /** The tag of {@code nameAddr} at the packed {@code span} ({@link #NO_TAG}: null). */
    static String tagAt(String nameAddr, int span) {
        if (span == NO_TAG) {
            return null;
        }
        return span == FAR_TAG ? tagOf(nameAddr) : nameAddr.substring(span >>> 16, span & 0xFFFF);
    }

    /** Where the tag parameter of a From or To value (outside the angle brackets) is, as parameterAt gives it. */
    private static long tagAt(String nameAddr) {
        int close = nameAddr.lastIndexOf('>');
        return parameterAt(nameAddr, Math.max(close, 0), nameAddr.length(), "tag", true);
    }

    /** The first non-empty value of {@code ;name=value} in {@code s[from, end)}, as {@link #parameterAt}; or null. */
    private static String parameter(String s, int from, int end, String name, boolean stopAtAngle) {
        long at = parameterAt(s, from, end, name, stopAtAngle);
        return at < 0 ? null : s.substring((int) (at >>> 32), (int) at);
    }

    /**
     * Where the first non-empty value of {@code ;name=value} in {@code s[from, end)} is (spaces allowed around
     * {@code ;} and {@code =}, name in any case), as start << 32 | end, or -1 when there is none; the value ends
     * at {@code ;}, {@code ,}, white space, and {@code >} when {@code stopAtAngle}.
     */
    private static long parameterAt(String s, int from, int end, String name, boolean stopAtAngle) {
        for (int semi = s.indexOf(';', from); semi >= 0 && semi < end; semi = s.indexOf(';', semi + 1)) {
            int i = skipSpace(s, semi + 1, end);
            if (i + name.length() > end || !s.regionMatches(true, i, name, 0, name.length())) {
                continue;
            }
            i = skipSpace(s, i + name.length(), end);
            if (i >= end || s.charAt(i) != '=') {
                continue;
            }
            i = skipSpace(s, i + 1, end);
            int stop = i;
            while (stop < end) {
                char c = s.charAt(stop);
                if (c == ';' || c == ',' || isSpace(c) || stopAtAngle && c == '>') {
                    break;
                }
                stop++;
            }
            if (stop > i) {
                return (long) i << 32 | stop;
            }
        }
        return -1;
    }

    private static int skipSpace(String s, int from, int end) {
        int i = from;
        while (i < end && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** A CSeq value normalised to "number METHOD" (trimmed, single spaces), or null. */
    static String normalisedCseq(String v) {
        if (v == null) {
            return null;
        }
        return isNormal(v) ? v : String.join(" ", MessageScanner.blanks(v.trim()));
    }

    /** True when {@code v} is already trimmed, with single spaces and no other white space. */
    private static boolean isNormal(String v) {
        if (v.isEmpty() || v.charAt(0) <= ' ' || v.charAt(v.length() - 1) <= ' ') {
            return false;
        }
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == ' ' ? v.charAt(i + 1) == ' ' : c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** The sequence number of a normalised CSeq value, or -1 when absent or unparsable. */
    static long cseqNumber(String cseq) {
        if (cseq == null) {
            return -1;
        }
        int space = cseq.indexOf(' ');
        int end = space < 0 ? cseq.length() : space;
        if (end == 0 || end > 18) {
            return parseLong(cseq.substring(0, end));
        }
        long n = 0;
        for (int i = 0; i < end; i++) {
            char c = cseq.charAt(i);
            if (c < '0' || c > '9') {
                return parseLong(cseq.substring(0, end));
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The method (upper case) of a normalised CSeq value, or null. */
    static String cseqMethod(String cseq) {
        int space = cseq == null ? -1 : cseq.indexOf(' ');
        if (space < 0) {
            return null;
        }
        int next = cseq.indexOf(' ', space + 1);
        return Methods.canonical(cseq, space + 1, next < 0 ? cseq.length() : next);
    }
}
