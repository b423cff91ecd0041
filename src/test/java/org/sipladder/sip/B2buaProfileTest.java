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

    @Test
    void onlyJambonzNamesAnotherLegsCallIdTheOthersSayTheyDoNot() {
        // FreeSWITCH, Asterisk, Kamailio, OpenSIPS and the carriers set no such header by default: their tells name
        // the hop, none of them joins legs
        for (B2buaProfile profile : B2buaProfile.ALL) {
            boolean correlates = profile.headers().stream().anyMatch(B2buaProfile::isCorrelationHeader);
            assertEquals(profile == B2buaProfile.JAMBONZ, correlates, profile.family());
        }
    }

    @Test
    void agentsCallIdPrefixesAndDomainsNameTheirFamily() {
        assertTrue(B2buaProfile.FREESWITCH.namedBy("FreeSWITCH-mod_sofia/1.10.11-release~64bit"));
        assertTrue(B2buaProfile.ASTERISK.namedBy("Asterisk PBX 20.5.0"));
        assertTrue(B2buaProfile.KAMAILIO.namedBy("kamailio (5.7.4 (x86_64/linux))"));
        assertTrue(B2buaProfile.OPENSIPS.namedBy("OpenSIPS (3.4.2 (x86_64/linux))"));
        assertTrue(B2buaProfile.TWILIO.namedBy("Twilio Gateway"));
        assertFalse(B2buaProfile.KAMAILIO.namedBy("Sip EXpress router (0.8.12 (i386/linux))"), "SER is not Kamailio");
        assertEquals("DLGCH_", B2buaProfile.OPENSIPS.callIdPrefixOf("DLGCH_K3xlPAoBB0FEXRQZ"));
        assertEquals(null, B2buaProfile.OPENSIPS.callIdPrefixOf("a84b4c76e66710@10.0.0.1"));
        assertEquals(".pstn.twilio.com", B2buaProfile.TWILIO.domainOf("sip:+14155550100@Acme.PSTN.twilio.com:5060;transport=tcp"));
        assertEquals("sip.telnyx.com", B2buaProfile.TELNYX.domainOf("sip:+14155550100@sip.telnyx.com"));
        assertEquals(".vonage.com", B2buaProfile.VONAGE.domainOf("sip:+447700900000@acme.sip-eu.vonage.com"));
        assertEquals(null, B2buaProfile.VONAGE.domainOf("sip:vonage.com@10.0.0.1"), "the host, not the user part");
        assertEquals(B2buaProfile.Kind.CARRIER, B2buaProfile.TELNYX.kind());
        assertEquals(B2buaProfile.Kind.PROXY, B2buaProfile.KAMAILIO.kind());
    }

    @Test
    void serAndItsSipRouterAndOpenSerHeirsAreProxiesButAWordEndingInSerIsNot() {
        assertTrue(B2buaProfile.SER.namedBy("Sip EXpress router (0.8.12 (i386/linux))"));
        assertTrue(B2buaProfile.SER.namedBy("ser (3.2.0-dev2 (i386/linux))"));
        assertTrue(B2buaProfile.SER.namedBy("OpenSER (1.3.4-notls (i386/linux))"));
        assertFalse(B2buaProfile.SER.namedBy("WebBrowser (12.0)"), "ser ( inside another word");
        assertFalse(B2buaProfile.SER.namedBy("Sip Express Media Server (1.1.1-aefe2 (x86_64/linux))"),
                "SEMS is a media server, not SER");
        assertEquals(B2buaProfile.Kind.PROXY, B2buaProfile.SER.kind());
    }

    @Test
    void anInviteNamingNoFamilyIsRuledOutAtOnce() {
        assertFalse(B2buaProfile.mayTell("a84b4c76e66710@10.0.0.1", "sip:+14155550100@10.0.0.1:5060"));
        assertFalse(B2buaProfile.mayTell(null, null));
        // the host, not the user part; shorter than every domain
        for (String uri : List.of("sip:+14155550100@pstn.twilio.com.example.org", "sip:vonage.com@10.0.0.1",
                "sip:a@b.com")) {
            assertFalse(B2buaProfile.mayTell("x", uri), uri);
        }
        assertTrue(B2buaProfile.mayTell("DLGCH_K3xlPAoBB0FEXRQZ", null));
        assertTrue(B2buaProfile.mayTell("!!:abc", "sip:1@10.0.0.1"));
        // any case; beyond ASCII the exact look decides (a character's lower case may be ASCII, or longer)
        for (String uri : List.of("sip:+14155550100@Acme.PSTN.twilio.com:5060;transport=tcp",
                "<sip:+447700900000@ACME.SIP-EU.VONAGE.COM>", "sip:1@sip.telnyx.com?x=y",
                "sip:1@acme.pstn.twilio.co\u1e3e", "sip:1@\u0130.c")) {
            assertTrue(B2buaProfile.mayTell("x", uri), uri);
        }
        assertEquals(null, B2buaProfile.TWILIO.domainOf("sip:1@acme.pstn.twilio.co\u1e3e"));
    }
}
