package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RawSipTextTest {

    @Test
    void redactsBothAuthorizationHeadersCaseInsensitively() {
        String text = "INVITE sip:a@b SIP/2.0\r\nauthorization: Digest response=\"abc\"\r\n"
                + "Proxy-Authorization : Digest response=\"def\"\r\nCall-ID: x\r\n\r\n";
        assertEquals("INVITE sip:a@b SIP/2.0\r\nauthorization: (credentials hidden)\r\n"
                + "Proxy-Authorization : (credentials hidden)\r\nCall-ID: x\r\n\r\n", RawSipText.redact(text));
    }
}
