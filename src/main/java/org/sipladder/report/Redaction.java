package org.sipladder.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipladder.capture.IpAddresses;

/**
 * Hides what a report's reader must not see: phone numbers keep only their last four digits, IP
 * addresses become "host A", "host B"... The same address gets the same letter everywhere in one
 * report (ladder, tables, messages), so the report still reads as one story.
 */
final class Redaction {

    /** 7 to 15 digits (E.164 length) standing alone or after "+", as in sip:+4991874350352@ or To user 4991874350352. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(\\+?)(\\d{3,11})(\\d{4})(?![\\w])");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d])");
    /** Candidate IPv6 text; only compressed ("::") or full eight-group forms count, so clock times never match. */
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");
    private static final char MASK = '\u2022';

    private final boolean numbers;
    private final boolean addresses;
    private final Map<String, String> hosts = new LinkedHashMap<>();

    /**
     * @param numbers        mask phone numbers
     * @param addresses      replace IP addresses
     * @param knownAddresses addresses to letter first, in this order (the ladder's columns), so host A is
     *                       the leftmost column
     */
    Redaction(boolean numbers, boolean addresses, List<String> knownAddresses) {
        this.numbers = numbers;
        this.addresses = addresses;
        knownAddresses.forEach(this::host);
    }

    static Redaction none() {
        return new Redaction(false, false, List.of());
    }

    boolean active() {
        return numbers || addresses;
    }

    /** One line saying what was hidden, for the report's first page; empty when nothing was. */
    String notice() {
        if (numbers && addresses) {
            return "Redacted: phone numbers show only their last 4 digits; IP addresses are replaced by host A, host B...";
        }
        if (numbers) {
            return "Redacted: phone numbers show only their last 4 digits.";
        }
        return addresses ? "Redacted: IP addresses are replaced by host A, host B..." : "";
    }

    String apply(String text) {
        if (text == null || !active()) {
            return text;
        }
        String result = text;
        if (addresses) {
            result = replace(IPV6, replace(IPV4, result, true), false);
        }
        if (numbers) {
            result = maskNumbers(result);
        }
        return result;
    }

    List<String> apply(List<String> texts) {
        return active() ? texts.stream().map(this::apply).toList() : texts;
    }

    /** The placeholder of one address (an address that is already a placeholder stays as it is). */
    String host(String address) {
        if (!addresses || address == null || address.startsWith("host ")) {
            return address;
        }
        return hosts.computeIfAbsent(canonical(address), a -> "host " + letters(hosts.size()));
    }

    /** One key per address however it is written (2001:db8::1 and 2001:0db8:0:0:0:0:0:1 are one host). */
    private static String canonical(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        // an IP literal is read, never looked up in DNS
        byte[] literal = IpAddresses.literal(bare);
        return literal != null ? IpAddresses.text(literal) : bare.toLowerCase(Locale.ROOT);
    }

    private String replace(Pattern pattern, String text, boolean v4) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String candidate = m.group();
            boolean address = v4 ? IpAddresses.literal(candidate) != null : validIpv6(candidate);
            m.appendReplacement(out, Matcher.quoteReplacement(address ? host(candidate) : candidate));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String maskNumbers(String text) {
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String hidden = String.valueOf(MASK).repeat(m.group(2).length());
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + hidden + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean validIpv6(String text) {
        long colons = text.chars().filter(c -> c == ':').count();
        return text.contains("::") ? text.indexOf("::") == text.lastIndexOf("::") : colons == 7;
    }

    /** 0 -> A, 25 -> Z, 26 -> AA. */
    private static String letters(int index) {
        StringBuilder s = new StringBuilder();
        int n = index;
        do {
            s.insert(0, (char) ('A' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return s.toString();
    }
}
