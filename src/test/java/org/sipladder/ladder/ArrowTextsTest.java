package org.sipladder.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/** An arrow's detail line says what the message list says of it: a retransmission, a malformed message. */
class ArrowTextsTest {

    private static FlowMessage message(boolean retransmission, boolean malformed) {
        SipMessage m = new SipMessage(12, 1_000_000L, new Endpoint("10.0.0.1", 5060), new Endpoint("10.0.0.2", 5080),
                Transport.UDP, "INVITE", "sip:b@10.0.0.2", 0, null, List.of(), new byte[0], null,
                "INVITE sip:b@10.0.0.2 SIP/2.0\r\n\r\n", malformed, malformed ? "no Call-ID header" : null);
        return new FlowMessage(m, 0, retransmission, "k");
    }

    @Test
    void aMalformedMessageIsSaidSoBeforeTheFrame() {
        assertEquals("#12 \u00b7 UDP 5060 \u2192 5080", ArrowTexts.detail(message(false, false)));
        assertEquals("malformed \u00b7 #12 \u00b7 UDP 5060 \u2192 5080", ArrowTexts.detail(message(false, true)));
        assertEquals("malformed \u00b7 retransmission \u00b7 #12 \u00b7 UDP 5060 \u2192 5080",
                ArrowTexts.detail(message(true, true)));
    }
}
