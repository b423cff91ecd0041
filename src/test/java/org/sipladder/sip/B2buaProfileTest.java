package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The B2BUA table: per family, its headers are kept and correlate, its agents are recognised. */
class B2buaProfileTest {

    @Test
    void jambonzCorrelatesByXcidAndIsNamedByDrachtio() {
        assertTrue(B2buaProfile.isCorrelationHeader("x-cid"));
        assertFalse(B2buaProfile.isCorrelationHeader("X-Call-Sid"), "a Jambonz tell, not another leg's Call-ID");
        assertTrue(B2buaProfile.JAMBONZ.namedBy("drachtio 0.8.26"));
        assertFalse(B2buaProfile.JAMBONZ.namedBy("FreeSWITCH-mod_sofia/1.10.9"));
        assertEquals(List.of("X-CID", "X-Call-Sid", "X-Account-Sid"), B2buaProfile.JAMBONZ.headers());
    }

    @Test
    void anyXOrPHeaderEndingInCallIdCorrelates() {
        for (String name : List.of("X-Call-ID", "X-Original-Call-ID", "P-Orig-CallID", "x-callid")) {
            assertTrue(B2buaProfile.isCorrelationHeader(name), name);
        }
        assertFalse(B2buaProfile.isCorrelationHeader("X-Callback"));
    }

    @Test
    void everyFamilysHeadersAreKeptByTheScanner() {
        for (B2buaProfile profile : B2buaProfile.ALL) {
            for (String header : profile.headers()) {
                assertTrue(KeptHeaders.isKept(header), header);
                assertTrue(KeptHeaders.isKept(header.toLowerCase(java.util.Locale.ROOT)), header);
            }
        }
    }
}
