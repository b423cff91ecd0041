package org.sipladder.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RawSipTextTest {

    @Test
    void spansJoinBackToTheTextAndColourEachPart() {
        String text = "SIP/2.0 503 Try again later\r\nCall-ID: x\r\n  folded\r\n\r\nv=0\r\n";
        List<RawSipText.Span> spans = RawSipText.spans(text);
        assertEquals(text, spans.stream().map(RawSipText.Span::text).collect(Collectors.joining()));
        assertEquals(List.of("sip-start-line", "sip-header-name", "sip-header-value", "sip-header-value",
                "sip-header-value", "sip-body"), spans.stream().map(RawSipText.Span::styleClass).toList());
    }

    @Test
    void redactsBothAuthorizationHeadersCaseInsensitively() {
        String text = "INVITE sip:a@b SIP/2.0\r\nauthorization: Digest response=\"abc\"\r\n"
                + "Proxy-Authorization : Digest response=\"def\"\r\nCall-ID: x\r\n\r\n";
        assertEquals("INVITE sip:a@b SIP/2.0\r\nauthorization: (credentials hidden)\r\n"
                + "Proxy-Authorization : (credentials hidden)\r\nCall-ID: x\r\n\r\n", RawSipText.redact(text));
    }
}
