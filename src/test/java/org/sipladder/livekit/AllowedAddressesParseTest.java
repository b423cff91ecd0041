package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link AllowedAddresses#parseIp} reads literals through the capture's one literal reader and keeps LiveKit's rule
 * on leading zeros: on every kind of string it gives what its own regular-expression reading gave before.
 */
class AllowedAddressesParseTest {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    @Test
    void literalsAreReadAsTheFormerReadingReadThem() throws UnknownHostException {
        List<String> fixed = List.of("", ".", "1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", "0.0.0.0",
                "1.02.3.4", "1.2.3.00", "1.2.3.0", "10.0.0.1", "100.0.0.1",
                "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4444", "1234.1.1.1", "1.2.3.4 ", "١.2.3.4",
                "::1", "fe80::1", "2001:db8::1.2.3.4", "::ffff:10.0.0.1", "10.0.0.1/8", "a.b.c.d",
                "999.999.999.999", "1.2.3.-4", "fe80::1%eth0", ":::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9",
                "１::1", ".::1", "g::1", "2001:DB8::A");
        for (String text : fixed) {
            assertSame(text);
        }
        Random random = new Random(18);
        String alphabet = "0123456789..::afAF -/%g";
        for (int round = 0; round < 50_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(18); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertSame(text.toString());
        }
    }

    private static void assertSame(String text) throws UnknownHostException {
        assertArrayEquals(former(text), AllowedAddresses.parseIp(text), text);
    }

    /** parseIp as it was: a dotted quad by pattern without leading zeros, IPv6 characters to the JDK. */
    private static byte[] former(String text) throws UnknownHostException {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
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
        if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
