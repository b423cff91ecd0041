package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A tool is named by a whole product name of a User-Agent, or by its own From display name; never by a word inside. */
class ScanToolTest {

    @Test
    void eachToolIsNamedByItsProductNameWithOrWithoutAVersionInAnyCase() {
        assertEquals(ScanTool.SIPVICIOUS, ScanTool.ofAgent("friendly-scanner"));
        assertEquals(ScanTool.SIPVICIOUS, ScanTool.ofAgent("SIPVicious/0.3.3"));
        assertEquals(ScanTool.SIPPTS, ScanTool.ofAgent("pplsip"));
        assertEquals(ScanTool.SIPCLI, ScanTool.ofAgent("sipcli/v1.8"));
        assertEquals(ScanTool.VAXSIP, ScanTool.ofAgent("VaxSIPUserAgent/3.1"));
        assertEquals(ScanTool.SUNDAYDDR, ScanTool.ofAgent("sundayddr"));
        assertEquals(ScanTool.SIP_SCAN, ScanTool.ofAgent("sip-scan"));
        assertEquals(ScanTool.SIPSAK, ScanTool.ofAgent("sipsak 0.9.6"));
        assertEquals(ScanTool.SIPCLI, ScanTool.ofAgent("Windows (x64) SIPCLI/v1.8"), "a later product");
    }

    @Test
    void aNameInsideAnotherWordOrInACommentNamesNoTool() {
        for (String agent : new String[] {"Nero SIPPS IP Phone Version 2.0.51.16", "sipclient/3.2", "Acme sipsakura",
                "UNfriendly-scanner - for demo purposes", "pplsip-gateway", "GW/1.0 (friendly-scanner (sipcli))",
                "Twilio Gateway", "", "(unclosed sipcli"}) {
            assertNull(ScanTool.ofAgent(agent), agent);
        }
    }

    @Test
    void sipViciousIsNamedByTheFromDisplayNameItWrites() {
        assertEquals(ScanTool.SIPVICIOUS, ScanTool.ofFrom("\"sipvicious\"<sip:100@1.1.1.1>;tag=6163"));
        assertEquals(ScanTool.SIPVICIOUS, ScanTool.ofFrom("sipvicious <sip:100@1.1.1.1>;tag=6163"));
        assertNull(ScanTool.ofFrom("\"sipvicious fan\" <sip:100@example.com>"));
        assertNull(ScanTool.ofFrom("<sip:sipvicious@example.com>;tag=1"), "a user part is no display name");
        assertNull(ScanTool.ofFrom("\"friendly-scanner\"<sip:100@example.com>"), "no tool writes that one");
    }
}
