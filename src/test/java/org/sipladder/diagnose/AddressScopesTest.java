package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scopes remembered per diagnosis answer as {@link PrivateAddresses} does, asked once or again, within the bound or beyond. */
class AddressScopesTest {

    @Test
    void answersAsPrivateAddressesForAnyTextAskedAgainAndBeyondTheBound() {
        List<String> addresses = new ArrayList<>(List.of("10.0.0.1", "172.20.11.236", "172.32.0.1", "192.168.1.1",
                "100.64.0.1", "127.0.0.1", "169.254.1.1", "89.184.187.124", "129.158.233.108", "8.8.8.8", "::1",
                "fd00::1", "2001:db8::1", "fe80::1", "sip.example.com", "", " 10.0.0.1", "10.0.0.1 ", "010.0.0.1",
                "10.0.0", "256.1.1.1", "1.2.3.4.5", "[::1]"));
        Random r = new Random(7);
        while (addresses.size() < 3 * AddressScopes.MAX) {
            addresses.add(r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(300) + "." + r.nextInt(256));
        }
        AddressScopes scopes = new AddressScopes();
        for (int round = 0; round < 2; round++) {
            for (String a : addresses) {
                assertEquals(PrivateAddresses.isPrivate(a), scopes.isPrivate(a), a);
                assertEquals(PrivateAddresses.isPublic(a), scopes.isPublic(a), a);
            }
        }
        assertFalse(scopes.isPrivate(null));
        assertFalse(scopes.isPublic(null));
    }
}
