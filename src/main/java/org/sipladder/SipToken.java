package org.sipladder;

/** RFC 3261 25.1's token characters, which the capture layer's framing and the SIP layer's syntax checks both test. */
public final class SipToken {

    private SipToken() {
    }

    /**
     * True for a character of a token: a letter or digit of ASCII or one of {@code -.!%*_+`'~}. Takes a byte
     * (negative beyond ASCII) or a char (above 127 beyond ASCII) alike: neither is a token character.
     */
    public static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '!' || c == '%' || c == '*' || c == '_' || c == '+' || c == '`' || c == '\'' || c == '~';
    }
}
