package org.sipladder.ui.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.ui.Flows;

class MessageLineTest {

    @Test
    void aMessageTheFullParseRejectsIsSaidMalformed() {
        // a Via only jain-sip's full parse rejects (torture test badinv01)
        String text = "INVITE sip:user@example.com SIP/2.0\r\nTo: sip:j.user@example.com\r\n"
                + "From: sip:caller@example.net;tag=1\r\nMax-Forwards: 7\r\nCall-ID: badinv01\r\n"
                + "CSeq: 8 INVITE\r\nVia: SIP/2.0/UDP 192.0.2.15;;,;,,\r\nContent-Length: 0\r\n\r\n";
        SipMessage judged = new SipParser().fullParse(Flows.message(1, Flows.CARRIER, Flows.SBC, text, null));
        assertEquals("INVITE (malformed)", MessageLine.of(new FlowMessage(judged, 0, false, "k")));
    }
}
