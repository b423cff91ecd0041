package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Encoding names show as the registry spells them, whatever case the SDP used (issue 13's Streams tab). */
class CodecsTest {

    @Test
    void anSdpNameInLowerCaseShowsAsRegistered() {
        assertEquals("PCMA", Codecs.registeredName("pcma"));
        assertEquals("PCMU", Codecs.registeredName("Pcmu"));
        assertEquals("G722", Codecs.registeredName("g722"));
        assertEquals("opus", Codecs.registeredName("OPUS"));
        assertEquals("telephone-event", Codecs.registeredName("telephone-event"));
        assertEquals("x-Custom", Codecs.registeredName("x-Custom"));
    }
}
