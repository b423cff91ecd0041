package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private final Redaction both = new Redaction(true, true, List.of("89.184.187.124", "172.20.11.236"));

    @Test
    void numbersKeepTheirLastFourDigitsWithOrWithoutPlus() {
        assertEquals("sip:+\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u20227781@x",
                new Redaction(true, false, List.of()).apply("sip:+493012347781@x"));
        assertEquals("To user \u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u20220352",
                both.apply("To user 4991874350352"));
    }

    @Test
    void shortNumbersPortsTimesAndVersionsStay() {
        String text = "SIP/2.0 503 at 14:23:07.873, port 5060, CSeq 102, frame 123456, branch z9hG4bK1234567890";
        assertEquals(text, both.apply(text));
    }

    @Test
    void addressesGetStableLettersKnownColumnsFirst() {
        assertEquals("host B:5060 then host A, host C and host B again",
                both.apply("172.20.11.236:5060 then 89.184.187.124, 129.158.233.108 and 172.20.11.236 again"));
        assertEquals("host C", both.host("129.158.233.108"));
    }

    @Test
    void ipv6AddressesAreReplacedButNotClockTimes() {
        assertEquals("Via: SIP/2.0/UDP [host C]:5060 at 14:23:07",
                both.apply("Via: SIP/2.0/UDP [2001:db8::1]:5060 at 14:23:07"));
        assertEquals("host C", both.apply("2001:0db8:0000:0000:0000:0000:0000:0001"));
    }

    @Test
    void oneAddressSpeltSeveralWaysIsOneHostAndNoNameIsLookedUp() {
        Redaction r = new Redaction(false, true, List.of());
        assertEquals("host A", r.host("2001:db8::1"));
        assertEquals("host A", r.host("[2001:0DB8:0:0:0:0:0:1]"));
        assertEquals("host B", r.host("10.0.0.1"));
        assertEquals("host B", r.host("::ffff:10.0.0.1"));
        assertEquals("host B", r.host("010.000.0.01"));
        assertEquals("host C", r.host("Sip.Example.COM"));
        assertEquals("host C", r.host("sip.example.com"));
        assertEquals("host D", r.host("999.1.1.1"));
        assertEquals("host E", r.host("fe80::1%eth0"));
    }

    @Test
    void invalidDottedQuadsAreNotAddresses() {
        assertEquals("version 300.1.2.3", both.apply("version 300.1.2.3"));
    }

    @Test
    void noRedactionChangesNothing() {
        Redaction none = Redaction.none();
        assertEquals("4991874350352 at 1.2.3.4", none.apply("4991874350352 at 1.2.3.4"));
        assertEquals("", none.notice());
    }
}
