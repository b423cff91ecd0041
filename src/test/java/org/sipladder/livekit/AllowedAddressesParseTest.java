package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sipladder.testkit.RandomText;

/** The written-out IPv4 reading gives what the regular expression it replaced gave, on every kind of string. */
class AllowedAddressesParseTest {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    @Test
    void dottedQuadsAreReadAsThePatternReadThem() {
        List<String> fixed = List.of("", ".", "1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", "0.0.0.0",
                "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4444", "1234.1.1.1", "1.2.3.4 ", "١.2.3.4",
                "::1", "fe80::1", "2001:db8::1.2.3.4", "10.0.0.1/8", "a.b.c.d", "999.999.999.999", "1.2.3.-4");
        for (String text : fixed) {
            assertSame(text);
        }
        Random random = new Random(18);
        String alphabet = "0123456789..:af -/";
        for (int round = 0; round < 50_000; round++) {
            assertSame(RandomText.drawn(random, alphabet, 18));
        }
    }

    private static void assertSame(String text) {
        assertEquals(IPV4.matcher(text).matches(), AllowedAddresses.isDottedQuad(text), text);
        assertArrayEquals(byPattern(text), AllowedAddresses.parseIp(text), text);
    }

    /** The IPv4 part of parseIp as it was, then the rest as it is. */
    private static byte[] byPattern(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (!v4.matches()) {
            return AllowedAddresses.isDottedQuad(text) ? new byte[0] : AllowedAddresses.parseIp(text);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = v4.group(i + 1);
            int value = Integer.parseInt(part);
            if (value > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }
}
