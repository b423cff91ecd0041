package org.sipladder.flow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.sipladder.sip.HeaderParameters;
import org.sipladder.sip.SipMessage;

/** Reads the few header details grouping needs (Via branch, tags, called number) from a {@link SipMessage}. */
final class SipFields {


    private SipFields() {
    }

    /** True when {@code a} and {@code b} have the same transaction key (top Via branch, CSeq number and method). */
    static boolean sameTransaction(SipMessage a, SipMessage b) {
        return a.sameBranch(b) && a.sameCseq(b);
    }

    /** The transaction a message belongs to: top Via branch plus CSeq, shared by a request and its responses. */

    static String transactionKey(SipMessage m) {
        return m.topViaBranch() + "|" + m.cseqNumber() + " " + m.cseqMethod();
    }

    /** The tag parameter of the To header (outside the angle brackets), or null. */
    static String toTag(SipMessage m) {
        return m.toTag();
    }

    static String tag(String nameAddr) {
        return HeaderParameters.tagOf(nameAddr);
    }

    /** A request that opens a dialog or stands alone (no To tag yet), as opposed to one inside a dialog. */
    static boolean isInitialRequest(SipMessage m) {
        return m.isRequest() && !m.hasToTag() && !"ACK".equals(m.method()) && !"CANCEL".equals(m.method());
    }

    /** The called number: digits of the Request-URI user, else of the To user. */
    static String calledDigits(SipMessage m) {
        String digits = userDigits(m.requestUri());
        return digits.isEmpty() ? userDigits(m.header("To")) : digits;
    }

    /**
     * The digits of the user part of a SIP URI (or of the URI inside a name-addr), "" when there is none: found by
     * positions in the text, without a string for the URI or the user (one INVITE per leg asks, 100,000 in a large
     * capture).
     */
    static String userDigits(String uriOrNameAddr) {
        if (uriOrNameAddr == null) {
            return "";
        }
        String s = uriOrNameAddr;
        int from = 0;
        int to = s.length();
        int lt = s.indexOf('<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            from = lt + 1;
            to = gt < 0 ? s.length() : gt;
        }
        int colon = indexOf(s, ':', from, to);
        int at = indexOf(s, '@', from, to);
        if (colon < 0 || at < colon) {
            return "";
        }
        int semi = indexOf(s, ';', colon + 1, at);
        return digits(s, colon + 1, semi < 0 ? at : semi);
    }

    /** The first index of {@code c} in {@code s[from, to)}, or -1. */
    private static int indexOf(String s, char c, int from, int to) {
        int i = s.indexOf(c, from);
        return i < to ? i : -1;
    }

    /** {@link #digits(String)} of {@code s[from, to)}. */
    private static String digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return digits(s.substring(from, to));
            }
        }
        return s.substring(from, to);
    }

    /** Character.isDigit, with ASCII answered without its tables. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9' || c >= 128 && Character.isDigit(c);
    }

    /** The digits of {@code s} in order; {@code s} itself when it has nothing else (a number usually has not). */
    static String digits(String s) {
        int n = s.length();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (isDigit(s.charAt(i))) {
                kept++;
            }
        }
        if (kept == n) {
            return s;
        }
        char[] digits = new char[kept];
        for (int i = 0, j = 0; j < kept; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                digits[j++] = c;
            }
        }
        return new String(digits);
    }

    /**
     * An ASCII text looked for in any case ({@link #in}), as {@link #containsIgnoreCase} finds it, a few characters
     * of the haystack looked at per length of the needle: a place where the needle cannot start is passed over by
     * the character under its last one (Horspool), as far as the needle allows. A character beyond ASCII may fold
     * to one of the needle's, so it moves the look on by one only; every place not passed over is compared whole,
     * and its first character must be the needle's in one of its two cases, as {@link #containsIgnoreCase} has it.
     */
    static final class Needle {
        private final String text;
        /** Per ASCII character (upper case as lower), how far the needle may move on when it is under its end. */
        private final byte[] shifts = new byte[128];
        /** The needle with its ASCII letters in lower case. */
        private final byte[] lowerText;
        /** The needle's first and last characters in either case. */
        private final char firstLower;
        private final char firstUpper;
        private final char endLower;
        private final char endUpper;

        /** {@code text}: ASCII, at most 127 characters. */
        Needle(String text) {
            int n = text.length();
            if (n == 0 || n > 127 || !text.chars().allMatch(c -> c < 128)) {
                throw new IllegalArgumentException("an ASCII needle of 1 to 127 characters: " + text);
            }
            this.text = text;
            lowerText = text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            firstLower = Character.toLowerCase(text.charAt(0));
            firstUpper = Character.toUpperCase(text.charAt(0));
            endLower = Character.toLowerCase(text.charAt(n - 1));
            endUpper = Character.toUpperCase(text.charAt(n - 1));
            Arrays.fill(shifts, (byte) n);
            for (int j = 0; j < n - 1; j++) {
                char c = text.charAt(j);
                shifts[Character.toLowerCase(c)] = (byte) (n - 1 - j);
                shifts[Character.toUpperCase(c)] = (byte) (n - 1 - j);
            }
        }

        /** {@code containsIgnoreCase(haystack, text)}. */
        boolean in(String haystack) {
            if (haystack == null) {
                return false;
            }
            int n = text.length();
            int last = haystack.length() - n;
            for (int i = 0; i <= last; ) {
                char c = haystack.charAt(i + n - 1);
                // as containsIgnoreCase, which looks for the first character in its two cases only
                if ((c == endLower || c == endUpper || c >= 128) && matchesAt(haystack, i)) {
                    return true;
                }
                i += c < 128 ? shifts[c] : 1;
            }
            return false;
        }

        /**
         * {@code haystack.regionMatches(true, i, text, 0, n)} with the first character in its two cases only; ASCII
         * compared by folding its letters (regionMatches ignoring case is a call per character before the JIT's last
         * tier, and a LiveKit URI is a match every call), anything beyond ASCII by regionMatches itself, as some of it
         * folds to ASCII letters (long s, Kelvin sign).
         */
        private boolean matchesAt(String haystack, int i) {
            char first = haystack.charAt(i);
            if (first != firstLower && first != firstUpper) {
                return false;
            }
            byte[] lower = lowerText;
            for (int k = 1; k < lower.length; k++) {
                char h = haystack.charAt(i + k);
                if (h >= 128) {
                    return haystack.regionMatches(true, i, text, 0, lower.length);
                }
                if ((h >= 'A' && h <= 'Z' ? h + ('a' - 'A') : h) != lower[k]) {
                    return false;
                }
            }
            return true;
        }
    }

    static boolean containsIgnoreCase(String haystack, String needle) {
        if (haystack == null) {
            return false;
        }
        // candidates found by indexOf of the first character in either case, which is far quicker than a
        // case-folding look at every character
        char first = needle.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        int last = haystack.length() - needle.length();
        // and the second character looked at before the whole needle: most candidates (each '.' of an address
        // when looking for a domain) differ there; a character beyond ASCII may fold to it, so it goes on
        char second = needle.length() > 1 ? needle.charAt(1) : 0;
        char secondLower = Character.toLowerCase(second);
        char secondUpper = Character.toUpperCase(second);
        boolean bySecond = needle.length() > 1 && second < 128;
        int l = haystack.indexOf(lower);
        int u = lower == upper ? -1 : haystack.indexOf(upper);
        while (l >= 0 || u >= 0) {
            int i = l < 0 ? u : u < 0 ? l : Math.min(l, u);
            if (i > last) {
                return false;
            }
            char next = bySecond ? haystack.charAt(i + 1) : 0;
            if ((!bySecond || next == secondLower || next == secondUpper || next >= 128)
                    && haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
            if (i == l) {
                l = haystack.indexOf(lower, i + 1);
            } else {
                u = haystack.indexOf(upper, i + 1);
            }
        }
        return false;
    }
}
