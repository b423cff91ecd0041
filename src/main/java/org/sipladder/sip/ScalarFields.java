package org.sipladder.sip;

import java.util.List;

/**
 * The numbers RFC 3261 bounds in header fields (RFC 4475 3.1.2.4 and 3.1.2.5 torture them): a CSeq number below
 * 2**31, Max-Forwards up to 255, Expires and Retry-After delta-seconds up to 2**32-1. Each number beyond its bound
 * becomes a problem naming the number and the rule, where jain-sip only says that it cannot parse the header.
 */
final class ScalarFields {

    /** RFC 3261 8.1.1.5: a CSeq number is less than 2**31. */
    static final long CSEQ_MAX = (1L << 31) - 1;
    /** RFC 3261 20.19: delta-seconds from 0 to 2**32-1. */
    static final long SECONDS_MAX = (1L << 32) - 1;
    private static final long MAX_FORWARDS_MAX = 255;
    /** Longer numbers are shown by their first digits, their last and their length. */
    private static final int SHOWN_DIGITS = 32;

    private ScalarFields() {
    }

    /** Records into {@code problems} the Max-Forwards, Expires and Retry-After numbers beyond their bounds. */
    static void check(List<SipHeader> headers, Problems problems) {
        for (SipHeader h : headers) {
            String name = h.name();
            if (name.equalsIgnoreCase("Max-Forwards")) {
                flag("Max-Forwards", leadingDigits(h.value()), MAX_FORWARDS_MAX, "255 (RFC 3261 20.22)", problems);
            } else if (name.equalsIgnoreCase("Expires")) {
                flag("Expires", leadingDigits(h.value()), SECONDS_MAX, "2**32-1 seconds (RFC 3261 20.19)", problems);
            } else if (name.equalsIgnoreCase("Retry-After")) {
                flag("Retry-After", leadingDigits(h.value()), SECONDS_MAX,
                        "2**32-1 seconds (RFC 3261 20.33: delta-seconds, bounded in 20.19)", problems);
            }
        }
    }

    /** The problem of the CSeq number {@code digits}, or null when it is below 2**31. */
    static String cseqProblem(String digits) {
        return beyond(digits, CSEQ_MAX) ? "CSeq number " + shown(digits) + " is beyond 2**31-1 (RFC 3261 8.1.1.5)"
                : null;
    }

    /** Whether the ASCII decimal {@code digits} (leading zeros allowed) stand for more than {@code max}. */
    static boolean beyond(String digits, long max) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        // 18 digits always fit in a long
        return digits.length() - i > 18 || Long.parseLong(digits, i, digits.length(), 10) > max;
    }

    /** The digits a header value starts with (after blanks), or the empty string. */
    static String leadingDigits(String value) {
        int from = 0;
        while (from < value.length() && MessageScanner.isWhitespace(value.charAt(from))) {
            from++;
        }
        int to = from;
        while (to < value.length() && value.charAt(to) >= '0' && value.charAt(to) <= '9') {
            to++;
        }
        return value.substring(from, to);
    }

    private static void flag(String name, String digits, long max, String bound, Problems problems) {
        if (!digits.isEmpty() && beyond(digits, max)) {
            problems.add(name, name + " " + shown(digits) + " is beyond " + bound);
        }
    }

    /** A number as the reason shows it: a hundred digits would fill the inspector. */
    static String shown(String digits) {
        if (digits.length() <= SHOWN_DIGITS) {
            return digits;
        }
        return digits.substring(0, 25) + "…" + digits.charAt(digits.length() - 1) + " (" + digits.length()
                + " digits)";
    }
}
