package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.IpAddresses;

class AddressScopeTest {

    @Test
    void privateAndPublicAddressesOfEveryKind() {
        for (String a : new String[] {"10.0.0.1", "172.16.0.1", "172.31.255.254", "192.168.1.1", "100.64.0.1",
            "100.127.255.255", "127.0.0.1", "169.254.1.1", "0.0.0.0", "::1", "::", "fe80::1", "fec0::1", "fc00::1",
            "fd12:3456::1", "::ffff:10.1.2.3"}) {
            assertTrue(AddressScope.isPrivate(a), a);
            assertFalse(AddressScope.isPublic(a), a);
        }
        for (String a : new String[] {"89.184.187.124", "172.15.0.1", "172.32.0.1", "100.63.255.255", "100.128.0.1",
            "192.167.1.1", "8.8.8.8", "2001:db8::1", "2a00:1450::200e", "::ffff:8.8.8.8"}) {
            assertTrue(AddressScope.isPublic(a), a);
            assertFalse(AddressScope.isPrivate(a), a);
        }
    }

    @Test
    void malformedAddressesAndNamesAreNeitherAndNeverLookedUp() {
        // InetAddress reads "1.2.3" as 1.2.0.3 (public) and asks DNS about "999.1.1.1": neither is an address here
        for (String a : new String[] {"1.2.3", "999.1.1.1", "10.0.0.1.5", "1..2.3", "", "sip.example.com",
            "10.0.0.1a", "1234.1.1.1", "fe80::1%eth0", "1:2", null}) {
            assertFalse(AddressScope.isPrivate(a), String.valueOf(a));
            assertFalse(AddressScope.isPublic(a), String.valueOf(a));
        }
    }

    @Test
    void theBytesReadMatchTheJdksReadingOfCanonicalLiterals() throws UnknownHostException {
        Random random = new Random(18);
        for (int i = 0; i < 20_000; i++) {
            byte[] raw = new byte[random.nextBoolean() ? 4 : 16];
            random.nextBytes(raw);
            if (raw.length == 4 && random.nextInt(4) == 0) {
                raw[0] = (byte) new int[] {10, 172, 192, 100, 127, 169, 0}[random.nextInt(7)];
            } else if (raw.length == 16 && random.nextInt(4) == 0) {
                raw[0] = (byte) new int[] {0xfc, 0xfd, 0xfe, 0}[random.nextInt(4)];
            }
            InetAddress ip = InetAddress.getByAddress(raw);
            String text = ip.getHostAddress();
            assertEquals(jdkPrivate(ip), AddressScope.isPrivate(text), text);
            assertEquals(ip.getAddress().length, IpAddresses.literal(text).length, text);
        }
        assertNull(IpAddresses.literal("256.0.0.1"));
    }

    /** What the class said before it read the bytes itself: the JDK's tests plus CGNAT and unique-local. */
    private static boolean jdkPrivate(InetAddress ip) {
        byte[] b = ip.getAddress();
        boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        return ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress()
                || cgnat || uniqueLocal;
    }
}
