package org.sipladder.livekit;

import java.util.regex.Pattern;

/** Phone number comparison exactly as LiveKit does it for trunk matching (routing notes, section 1). */
public final class PhoneNumbers {

    // ASCII digits only, like Go's \d: other scripts' digits are compared as written.
    private static final Pattern NUMBER_LIKE = Pattern.compile("^\\+?[0-9\\- ()]+$");
    private static final Pattern DECORATION = Pattern.compile("[\\- ()]");

    private PhoneNumbers() {
    }

    /**
     * The normalized form: a string made only of an optional leading {@code +}, digits, spaces, dashes and
     * parentheses loses the spaces, dashes and parentheses and gets a leading {@code +}; anything else
     * (letters, {@code *}, {@code #}, {@code ;}, tech prefixes) is returned as written. Null and "" give "".
     */
    public static String normalize(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        if (!NUMBER_LIKE.matcher(number).matches()) {
            return number;
        }
        String digits = DECORATION.matcher(number).replaceAll("");
        return digits.startsWith("+") ? digits : "+" + digits;
    }

    /** True when the two numbers are equal as written or after normalization. */
    public static boolean sameNumber(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return a.equals(b) || normalize(a).equals(normalize(b));
    }
}
