package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The caches of a capture read belong to it and are bounded (issue 19): a capture with 200,000 distinct X- header
 * names leaves at most {@link ScanSession#EXTENSION_NAMES_MAX} of them remembered, re-reading its messages keeps at
 * most {@link RecentDetails#SIZE} details alive, and a header met after the bound is still judged right. (That no
 * static field holds a collection is StaticStateTest's.)
 */
class SessionCachesTest {

    private static final int NAMES = 200_000;

    private static String message(int i) {
        return "OPTIONS sip:x@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-" + i + "\r\n"
                + "From: <sip:a@10.0.0.1>;tag=" + i + "\r\nTo: <sip:x@10.0.0.2>\r\nCall-ID: c-" + i + "\r\n"
                + "CSeq: 1 OPTIONS\r\nX-Custom-" + i + ": v\r\nX-Leg-" + i + "-Call-ID: other-" + i + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void aCaptureWithAHundredThousandsOfHeaderNamesLeavesABoundedSession() {
        ScanSession session = new ScanSession();
        List<SipMessage> messages = new ArrayList<>(NAMES);
        for (int i = 0; i < NAMES; i++) {
            messages.add(MessageScanner.summarize(SipParserTest.payload(message(i)), session, new Problems())
                    .orElseThrow());
        }
        assertEquals(ScanSession.EXTENSION_NAMES_MAX, session.extensionNamesHeld());

        SipMessage late = messages.get(NAMES - 1);
        assertEquals(List.of("X-Leg-" + (NAMES - 1) + "-Call-ID"),
                late.correlationHeaders().stream().map(SipHeader::name).toList(), "kept beyond the bound");
        assertEquals("v", late.header("X-Custom-" + (NAMES - 1)), "not kept: read back from its bytes");
        for (SipMessage m : messages.subList(0, 3 * RecentDetails.SIZE)) {
            assertEquals("v", m.headers("X-Custom-" + m.callId().substring(2)).get(0));
        }
        assertTrue(session.recent().held() <= RecentDetails.SIZE, session.recent().held() + " details held");
    }
}
