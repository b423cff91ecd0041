package org.sipladder.livekit;

/** Phone number comparison exactly as LiveKit does it for trunk matching (routing notes, section 1). */
public final class PhoneNumbers {

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
        // nearly every number is digits, with or without its '+': its normalized form is then known without a
        // builder, which appended character by character under the quick JIT
        int plain = number.charAt(0) == '+' ? 1 : 0;
        while (plain < number.length() && number.charAt(plain) >= '0' && number.charAt(plain) <= '9') {
            plain++;
        }
        if (plain == number.length()) {
            return number.charAt(0) == '+' ? number : "+".concat(number);
        }
        // A plain loop instead of a regex: the simulator normalizes every trunk number for every INVITE.
        StringBuilder digits = new StringBuilder(number.length() + 1).append('+');
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && i == 0) {
                continue;
            } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
                return number;
            }
        }
        // LiveKit's pattern needs at least one character after the optional +.
        return number.equals("+") ? number : digits.toString();
    }

    /** True when the two numbers are equal as written or after normalization. */
    public static boolean sameNumber(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return a.equals(b) || normalize(a).equals(normalize(b));
    }
}
