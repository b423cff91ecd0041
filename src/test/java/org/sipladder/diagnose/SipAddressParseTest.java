package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SipAddress#parse} by bounds gives what the parse by substrings gave, on random header values. */
class SipAddressParseTest {

    @Test
    void partsAreThoseOfTheSubstringParse() {
        Random random = new Random(1807);
        String[] pieces = {"sip", "SIP", "sips", "tel", "TEL", "Tel", "te", ":", ":", "@", "@", "<", ">", ";", ";tag=1",
            "?x=1", "[", "]", "::1", "alice", "+4930123", "10.0.0.1", "Host.Example.COM", ":5060", " ", "\t", "\u0001",
            "\"Bob\" ", "\u0130", "\u212a", "\u00c4", "", "user;npdi"};
        for (int round = 0; round < 200_000; round++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(9); i >= 0; i--) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            String v = value.toString();
            assertEquals(bySubstrings(v), SipAddress.parse(v), v);
            assertEquals(bySubstrings(v).user(), SipAddress.userOf(v), v);
        }
        assertEquals(new SipAddress("", ""), SipAddress.parse(null));
        assertEquals("", SipAddress.userOf(null));
    }

    /** The parse as it was written with substrings. */
    private static SipAddress bySubstrings(String value) {
        String v = value.trim();
        int lt = v.indexOf('<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            v = v.substring(lt + 1, gt < 0 ? v.length() : gt);
        } else {
            int semi = v.indexOf(';');
            v = semi < 0 ? v : v.substring(0, semi);
        }
        int colon = v.indexOf(':');
        if (colon < 0) {
            return new SipAddress("", "");
        }
        String scheme = v.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = v.substring(colon + 1);
        if (scheme.equals("tel")) {
            return new SipAddress(cut(rest, ';'), "");
        }
        int at = rest.lastIndexOf('@');
        String user = at < 0 ? "" : cut(rest.substring(0, at), ';');
        String hostPort = cut(cut(at < 0 ? rest : rest.substring(at + 1), ';'), '?');
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = close < 0 ? hostPort : hostPort.substring(1, close);
        } else {
            host = cut(hostPort, ':');
        }
        return new SipAddress(user, host.toLowerCase(Locale.ROOT));
    }

    private static String cut(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? s : s.substring(0, i);
    }
}
