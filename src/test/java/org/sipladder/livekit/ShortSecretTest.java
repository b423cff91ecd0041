package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A very short password ("p", "1234") is hidden where it stands as a token of its own, and leaves alone the words and
 * numbers it happens to be part of: with a few secrets (searched one by one) and with many (rolling hash).
 */
class ShortSecretTest {

    private static final String M = SecretScrubber.MASK;

    /** The scrubbers to try: the two short secrets alone, and among twenty longer ones. */
    private static List<SecretScrubber> scrubbers() {
        List<String> many = new ArrayList<>(List.of("p", "1234"));
        for (int i = 0; i < 20; i++) {
            many.add("long-Secr3t-" + i);
        }
        return List.of(new SecretScrubber(List.of("p", "1234")), new SecretScrubber(many));
    }

    @Test
    void wordsAndNumbersThatHoldAShortSecretStayAsTheyAre() {
        for (SecretScrubber s : scrubbers()) {
            for (String text : List.of("Jambonz advertises a private address to public peer 129.158.233.108",
                    "LiveKit sees called number +4930123456 (To user, normalized +4930123456)",
                    "INVITE to sip:+12345@project-1z3kctsj.sip.livekit.cloud got no final response",
                    "Call-ID 81234ab@10.0.0.1, CSeq 12345 INVITE, tag=p1234p",
                    "Make the side that got 491 retry after RFC 3261's random delay and keep the call up: "
                            + "the dialog stays open while it re-INVITEs (repeated, to be kept in the memo)")) {
                assertSame(text, s.scrub(text), text);
                assertSame(text, s.scrub(text), "asked again: " + text);
            }
        }
    }

    @Test
    void anAddressOrDecimalNumberThatHoldsANumericSecretStaysAsItIs() {
        SecretScrubber one = new SecretScrubber(List.of("1", "12"));
        for (String text : List.of("Via sent-by 192.168.1.2", "SDP c= 10.0.12.1 (media address)",
                "CANCEL frame 247 from 192.168.1.2:5060, 34.119 s after the INVITE", "jitter 1.12 ms")) {
            assertSame(text, one.scrub(text), text);
        }
        assertEquals("password " + M + ". Then " + M + ".x and " + M + " s", one.scrub("password 1. Then 12.x and 1 s"));
    }

    @Test
    void aShortSecretIsHiddenWhereItReallyStands() {
        for (SecretScrubber s : scrubbers()) {
            assertEquals("lk sip inbound update --id ST_a --auth-password " + M,
                    s.scrub("lk sip inbound update --id ST_a --auth-password 1234"));
            assertEquals("lk sip inbound update --id ST_a --auth-pass " + M + " --auth-user jambonz",
                    s.scrub("lk sip inbound update --id ST_a --auth-pass p --auth-user jambonz"));
            assertEquals("{\"authUsername\": \"jambonz\", \"authPassword\": \"" + M + "\"}",
                    s.scrub("{\"authUsername\": \"jambonz\", \"authPassword\": \"1234\"}"));
            assertEquals("{\"authPassword\":\"" + M + "\"}", s.scrub("{\"authPassword\":\"p\"}"));
            assertEquals("Proxy-Authorization: Digest username=\"" + M + "\", realm=\"LiveKit\", nonce=\"n1\"",
                    s.scrub("Proxy-Authorization: Digest username=\"1234\", realm=\"LiveKit\", nonce=\"n1\""));
            assertEquals("Trunk ST_" + M + " expects auth_username '" + M + "'; password=" + M + ";x",
                    s.scrub("Trunk ST_1234 expects auth_username 'p'; password=1234;x"));
            assertEquals(M, s.scrub("p"));
            assertEquals(M + ", " + M + ".", s.scrub("1234, p."));
        }
    }

    @Test
    void aLongSecretIsHiddenInsideALongerWordToo() {
        for (SecretScrubber s : List.of(new SecretScrubber(List.of("s3cretPw1")),
                new SecretScrubber(List.of("p", "1234", "s3cretPw1")))) {
            String scrubbed = s.scrub("trunk ACMEs3cretPw1x (user acme)");
            assertFalse(scrubbed.contains("s3cretPw1"), scrubbed);
        }
    }
}
