package org.sipladder.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the user part out of a From/To header or URI, which is what people call a call by. */
final class Parties {

    private static final Pattern USER = Pattern.compile("(?:sips?|tel):([^@;>\\s]+)");

    private Parties() {
    }

    /** "+4991874350352" from {@code "X" <sip:+4991874350352@host>;tag=1}; the whole value when it has no user. */
    static String user(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return "(unknown)";
        }
        Matcher m = USER.matcher(headerValue);
        return m.find() ? m.group(1) : headerValue.strip();
    }
}
