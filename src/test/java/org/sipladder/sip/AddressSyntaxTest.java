package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipladder.testkit.SipText;

/**
 * URIs and addresses that RFC 3261's grammar refuses though jain-sip reads them (RFC 4475 3.1.2.12, 3.1.2.14,
 * 3.1.2.15; RFC 5118 4.2 and 4.10): the full parse flags them; the well-formed odd ones RFC 4475 3.1.1 and RFC 5118
 * show stay unflagged.
 */
class AddressSyntaxTest {

    private final SipParser parser = new SipParser();

    private SipMessage parse(String text) {
        return parser.parse(SipParserTest.payload(text)).orElseThrow();
    }

    /** An OPTIONS to {@code uri} with the header {@code name} replaced by (or, when absent, added as) {@code line}. */
    private static String with(String uri, String name, String line) {
        String m = SipText.request("OPTIONS", uri, "addr-1", 1, "");
        int at = m.indexOf("\r\n" + name + ":");
        if (at < 0) {
            int end = m.indexOf("\r\nContent-Length");
            return m.substring(0, end) + "\r\n" + line + m.substring(end);
        }
        int lineEnd = m.indexOf("\r\n", at + 2);
        return m.substring(0, at) + "\r\n" + line + m.substring(lineEnd);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spaces inside the angle brackets (RFC 3261 25.1: LAQUOT addr-spec RAQUOT, no LWS within)
        "sip:bob@example.com | To | To: \"Bob\" < sip:bob@example.com > | spaces",
        "sip:bob@example.com | To | To: <sip:bob@example.com >;tag=b2 | spaces",
        // a URI with headers or a comma must be in angle brackets (RFC 3261 20)
        "sip:bob@example.com | Contact | Contact: sip:bob@example.com?Route=%3Csip:p.example.com%3E | angle brackets",
        // headers in a Request-URI (RFC 3261 19.1.1)
        "sip:bob@example.com?Route=%3Csip:p.example.com%3E | To | To: <sip:bob@example.com> | Request-URI",
        // an IPv6 address outside brackets, and one that is no address (RFC 5118 4.2 and 4.10)
        "sip:2001:db8::10 | To | To: <sip:bob@example.com> | IPv6",
        "sip:bob@[2001:db8:::192.0.2.1] | To | To: <sip:bob@example.com> | IPv6",
        "sip:bob@example.com | Contact | Contact: <sip:bob@[2001:db8::1::2]:5060> | IPv6",
        "sip:bob@example.com | Route | Route: <sip:p.example.com;lr>, <sip:2001:db8::1;lr> | IPv6",
        // a display name of other characters than tokens and blanks must be quoted (RFC 4475 3.1.2.15 baddn)
        "sip:bob@example.com | To | To: Watson, Thomas <sip:t.watson@example.org> | \"Watson, Thomas\" unquoted",
        "sip:bob@example.com | From | From: Bell, Alexander <sip:a.g.bell@example.com>;tag=43 | holds ','",
        "sip:bob@example.com | To | To: Bob (home) <sip:bob@example.com> | holds '('",
        "sip:bob@example.com | To | To: Bob \"B\" <sip:bob@example.com> | holds '\"'",
        "sip:bob@example.com | To | To: bob@home <sip:bob@example.com> | holds '@'",
        "sip:bob@example.com | Referred-By | Referred-By: Bell, Alexander <sip:a@example.com> | display name",
        "sip:bob@example.com | Contact | Contact: Bell, Alexander <sip:a.g.bell@example.com> | display name",
        "sip:bob@example.com | To | To: \"Bob\" x <sip:bob@example.com> | after its quoted display name",
        "sip:bob@example.com | To | To: \"Mr. J. User <sip:j.user@example.com> | no '\"' closes",
        "sip:bob@example.com | To | To: Bob \u00a7 <sip:bob@example.com> | (not ASCII)",
        "sip:bob@example.com | b | b: Bell, Alexander <sip:a@example.com> | Referred-By \"Bell, Alexander <sip",
    })
    void refusedByTheGrammarIsFlagged(String uri, String name, String line, String reasonHolds) {
        SipMessage m = parse(with(uri, name, line));
        assertTrue(m.malformed(), line);
        assertTrue(m.malformedReason().contains(reasonHolds), m.malformedReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "To: <sip:bob@example.com>", "To: sip:bob@example.com ; tag = 1", "To: Bob<sip:bob@example.com>",
        "To: \"Bob <, ?>\" <sip:bob@example.com>", "Contact: *", "Contact: <sip:b@[2001:db8::1]:5070>, <tel:+1555>",
        "Contact: <sip:b@h?Subject=x>", "Contact: sip:b@h;expires=60, \"x\" <sip:c@h>",
        "Contact: <sip:user;par=u%40example.net@example.com>", "Contact: <sip:b@[::ffff:192.0.2.10]:19823>",
        "Contact: <sip:1_odd.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,x!*pas$wo~d@example.com>",
        "Contact: <soap.beep://192.0.2.103:3002>", "Contact: <sip:b@[2001:db8::192.0.2.1]>",
        "Contact: \"Quoted \\\"\\\"\" <sip:b@example.com> ; newparam = newvalue ; q = 0.33",
        "To: Bob  Smith\t<sip:bob@example.com>", "To: Mr. J.-P. O'Neil~ 3rd_! * % + ` <sip:bob@example.com>",
        "To: \"Bell, Alexander\" <sip:bob@example.com>", "From: \"\" <sip:a@example.com>;tag=1",
        "From: \"J\u00f6rg M\u00fcller, \\\"JM\\\"\" <sip:a@example.com>;tag=1", "To:   \"Bob\"   <sip:bob@example.com>",
        "To: <sip:bob@example.com>;tag=x", "Contact: Bob <sip:b@h>, \"Al, B\" <sip:c@h>, sip:d@h",
        "From: J\u00f6rg M\u00fcller <sip:a@example.com>;tag=1", "To: \u5f20\u4f1f <sip:bob@example.com>",
    })
    void wellFormedOddAddressesAreNotFlagged(String line) {
        String name = line.substring(0, line.indexOf(':'));
        SipMessage m = parse(with("sip:bob@example.com", name, line));
        assertFalse(m.malformed(), line + ": " + m.malformedReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:[2001:db8::10]", "sip:[2001:db8::10:5070]", "sip:[2001:db8::10]:5070",
        "sip:1_odd.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,x!*pas$wo~d@example.com",
        "sip:user%3Bpar=u%40example.net@example.com", "sip:b@h;lr;maddr=[2001:db8::1]", "tel:+1555;phone-context=x",
        "soap.beep://192.0.2.103:3002", "sip:b@example.com:5060;transport=tcp"})
    void wellFormedOddRequestUrisAreNotFlagged(String uri) {
        SipMessage m = parse(with(uri, "To", "To: <sip:bob@example.com>"));
        assertFalse(m.malformed(), uri + ": " + m.malformedReason());
    }
}
