package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.SipPayload;

/**
 * The one-pass scan notes which of Contact, Reason, Session-Expires and Proxy-Authorization a message has no line of,
 * and a question about one of them is then answered without reading the message back: the note must say absent
 * exactly when no header line names it (any case, compact forms, never the body), and every question must be answered
 * as the full scan answers it.
 */
class AbsentAskedHeadersTest {

    private static final String REQUEST = "INVITE sip:b@b SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-1\r\n"
            + "From: <sip:a@a>;tag=f\r\nTo: <sip:b@b>\r\nCall-ID: absent-1\r\nCSeq: 1 INVITE\r\n";
    private static final String RESPONSE = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-1\r\n"
            + "From: <sip:a@a>;tag=f\r\nTo: <sip:b@b>;tag=t\r\nCall-ID: absent-1\r\nCSeq: 1 INVITE\r\n";
    /** The four noted names, each with the spellings of its lines a message may have. */
    private static final String[][] SPELLINGS = {
        {"Contact", "Contact", "contact", "CONTACT", "cOnTaCt", "m", "M", "Contact "},
        {"Reason", "Reason", "reason", "REASON", "Reason "},
        {"Session-Expires", "Session-Expires", "session-expires", "SESSION-EXPIRES", "x", "X"},
        {"Proxy-Authorization", "Proxy-Authorization", "proxy-authorization", "PROXY-AUTHORIZATION"},
    };
    /** Every name the diagnosis asks by its constant, and other spellings (asked the slow way). */
    private static final List<String> ASKED = List.of("Contact", "Via", "Content-Type", "Content-Length",
            "Proxy-Authorization", "Session-Expires", "Reason", "Record-Route", "Route", "contact", "m", "x",
            "REASON", "Call-ID", "Authorization", "Expires");
    /** Lines of names like the noted ones (same length and first letters, or one letter off), which are not them. */
    private static final String NEAR_NAMES = "Call-ID2: no\r\nContacts: <sip:c@c>\r\nContect: <sip:c@c>\r\n"
            + "Reasons: no\r\nRSeq2: 1\r\nSession-Expirex: 1\r\nSession-ID: 1\r\nMin-SE: 90\r\nExpires: 60\r\n"
            + "Proxy-Authenticate: Digest\r\nProxy-Authorizatiox: Digest\r\nAuthorization: Digest\r\n";

    @Test
    void eachNameIsNotedPresentInEverySpellingAndAbsentOtherwise() {
        for (String head : new String[] {REQUEST, RESPONSE}) {
            for (String[] spellings : SPELLINGS) {
                String name = spellings[0];
                int asked = KeptHeaders.askedIndex(name);
                SipMessage without = scanned(head + NEAR_NAMES + "Content-Length: 0\r\n\r\n");
                assertTrue(without.knownAbsent(asked), name + " in " + head);
                for (int k = 1; k < spellings.length; k++) {
                    String text = head + NEAR_NAMES + spellings[k] + ": value-" + k + "\r\nContent-Length: 0\r\n\r\n";
                    SipMessage with = scanned(text);
                    assertFalse(with.knownAbsent(asked), text);
                    assertEquals("value-" + k, with.header(name), text);
                    assertEquals("value-" + k, with.readBack().header(name), text);
                    // an empty value is a line all the same
                    SipMessage empty = scanned(head + spellings[k] + ":\r\nContent-Length: 0\r\n\r\n");
                    assertFalse(empty.knownAbsent(asked), text);
                    assertEquals("", empty.header(name), text);
                }
            }
        }
    }

    @Test
    void everyCompactFormOfANotedNameIsNotedPresent() {
        for (char letter = 'a'; letter <= 'z'; letter++) {
            String full = HeaderNames.expand(String.valueOf(letter));
            for (String[] spellings : SPELLINGS) {
                if (full.equalsIgnoreCase(spellings[0])) {
                    SipMessage m = scanned(REQUEST + letter + ": compact\r\nContent-Length: 0\r\n\r\n");
                    assertFalse(m.knownAbsent(KeptHeaders.askedIndex(spellings[0])), letter + " " + full);
                    assertEquals("compact", m.header(spellings[0]), letter + " " + full);
                }
            }
        }
    }

    @Test
    void aNameInTheBodyIsNoHeader() {
        String body = "Contact: <sip:body@10.9.9.9>\r\nm: x\r\nReason: no\r\nSession-Expires: 1\r\nx: 2\r\n"
                + "Proxy-Authorization: Digest\r\n";
        SipMessage m = scanned(REQUEST + "Content-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body);
        for (String[] spellings : SPELLINGS) {
            assertTrue(m.knownAbsent(KeptHeaders.askedIndex(spellings[0])), spellings[0]);
            assertEquals(null, m.header(spellings[0]), spellings[0]);
        }
    }

    @Test
    void theOtherAskedNamesAreNotNoted() {
        SipMessage m = scanned(RESPONSE + "Content-Length: 0\r\n\r\n");
        for (int asked = 0; asked < KeptHeaders.ASKED_UNKEPT.length; asked++) {
            String name = KeptHeaders.ASKED_UNKEPT[asked];
            boolean noted = List.of("Contact", "Reason", "Session-Expires", "Proxy-Authorization").contains(name);
            assertEquals(noted, m.knownAbsent(asked), name);
        }
    }

    @Test
    void aMessageTheFullScanReadsIsNotNotedAndStillReadsBack() {
        // a folded line: the one-pass scan leaves the message to the full scan
        String folded = REQUEST + "Subject: a\r\n b\r\nContact: <sip:c@10.0.0.3>\r\nContent-Length: 0\r\n\r\n";
        SipMessage m = new SipParser(SipParser.Depth.SCAN).parse(SipParserTest.payload(folded)).orElseThrow();
        assertFalse(m.plain());
        for (int asked = 0; asked < KeptHeaders.ASKED_UNKEPT.length; asked++) {
            assertFalse(m.knownAbsent(asked), KeptHeaders.ASKED_UNKEPT[asked]);
        }
        assertEquals("<sip:c@10.0.0.3>", m.header("Contact"));
        assertEquals(null, m.header("Reason"));
        // built in code: nothing noted
        SipMessage built = MessageScanner.scan(SipParserTest.payload(REQUEST + "Content-Length: 0\r\n\r\n"),
                new Problems()).orElseThrow();
        for (int asked = 0; asked < KeptHeaders.ASKED_UNKEPT.length; asked++) {
            assertFalse(built.knownAbsent(asked), KeptHeaders.ASKED_UNKEPT[asked]);
        }
    }

    @Test
    void everyQuestionIsAnsweredAsTheFullScanAnswersIt() {
        List<String> messages = new ArrayList<>();
        for (String head : new String[] {REQUEST, RESPONSE, REQUEST.replace("INVITE", "FOO"),
            REQUEST.replace("INVITE", "PUBLISH"), "BYE sip:b@b SIP/2.0\r\n" + REQUEST.substring(24)
                    .replace("1 INVITE", "2 BYE")}) {
            // every subset of the four, in one spelling each, and the near names
            for (int subset = 0; subset < 16; subset++) {
                StringBuilder text = new StringBuilder(head);
                for (int k = 0; k < SPELLINGS.length; k++) {
                    if ((subset & 1 << k) != 0) {
                        String[] spellings = SPELLINGS[k];
                        text.append(spellings[1 + subset % (spellings.length - 1)]).append(": v").append(k)
                                .append("\r\n");
                    }
                }
                messages.add(text + (subset % 3 == 0 ? NEAR_NAMES : "") + "Content-Length: 0\r\n\r\n");
            }
        }
        for (String text : messages) {
            SipPayload payload = SipParserTest.payload(text);
            SipMessage full = MessageScanner.scan(payload, new Problems()).orElseThrow();
            SipMessage compact = new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow();
            assertTrue(compact.plain(), text);
            // the noted bits share a byte with the method code
            assertEquals(full.method(), compact.method(), text);
            assertEquals(full.isRequest(), compact.isRequest(), text);
            assertEquals(full.withVerdict(true, "judged").method(), compact.withVerdict(true, "judged").method());
            MessageReadBack readBack = compact.readBack();
            for (String name : ASKED) {
                assertEquals(full.header(name), compact.header(name), name + " in " + text);
                assertEquals(full.header(name), readBack.header(name), name + " in " + text);
                assertEquals(full.header(name), compact.withVerdict(true, "judged").header(name), name + " in " + text);
            }
        }
    }

    private static SipMessage scanned(String text) {
        SipMessage m = new SipParser(SipParser.Depth.SCAN).parse(SipParserTest.payload(text)).orElseThrow();
        assertTrue(m.plain(), text);
        return m;
    }
}
