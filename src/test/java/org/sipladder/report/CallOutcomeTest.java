package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.SipText;

class CallOutcomeTest {

    /** One INVITE from 10.0.0.1 with From tag {@code fromTag}, answered {@code status} by 10.0.0.2. */
    private static CallFlow call(String fromTag, int status, String reason) {
        return call(SipText.invite("c-1").replace("tag=a1", "tag=" + fromTag), fromTag, status, reason);
    }

    private static CallFlow call(String invite, String fromTag, int status, String reason) {
        List<String> texts = new ArrayList<>();
        texts.add(invite);
        if (status > 0) {
            texts.add(SipText.response(status, reason, "INVITE", "c-1", 1).replace("tag=a1", "tag=" + fromTag));
        }
        SipParser parser = new SipParser(SipParser.Depth.SCAN);
        List<org.sipladder.sip.SipMessage> messages = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            boolean request = i == 0;
            messages.add(parser.parse(new SipPayload(i + 1, 1_700_000_000_000_000L + i * 1000L,
                    new Endpoint(request ? "10.0.0.1" : "10.0.0.2", 5060),
                    new Endpoint(request ? "10.0.0.2" : "10.0.0.1", 5060), Transport.UDP,
                    texts.get(i).getBytes(StandardCharsets.UTF_8))).orElseThrow());
        }
        return new FlowBuilder().build(messages).get(0);
    }

    @Test
    void aCallLiveKitPlacedSaysWhatLiveKitGotNotTheCaller() {
        // LiveKit's outbound INVITE carries its SCL_ call ID as From tag: there the caller is LiveKit itself
        assertEquals("Failed: LiveKit's outbound call got 403 Forbidden.",
                CallSection.outcome(call("SCL_7Hq2xYz", 403, "Forbidden")));
        assertEquals("Answered: LiveKit's outbound call got 200 OK.", CallSection.outcome(call("SCL_7Hq2xYz", 200, "OK")));
        assertEquals("No final response reached LiveKit.", CallSection.outcome(call("SCL_7Hq2xYz", 0, null)));
        assertEquals("Failed: the caller got 403 Forbidden.", CallSection.outcome(call("a1", 403, "Forbidden")));
        assertEquals("No final response reached the caller.", CallSection.outcome(call("a1", 0, null)));
    }

    @Test
    void aScannersCallIsAScanNotAFailedCall() {
        // SIPVicious names itself in User-Agent: its call is a probe, which diagnose and the call list count apart
        String invite = SipText.invite("c-1").replace("Content-Length", "User-Agent: friendly-scanner\r\nContent-Length");
        CallFlow scan = call(invite, "a1", 401, "Unauthorized");
        assertNotNull(scan.scanner(), "the test's INVITE comes from a scanner");
        assertFalse(scan.failedForGood());
        assertEquals("A scan, not a call: the scanner got 401 Unauthorized.", CallSection.outcome(scan));
        assertEquals("A scan, not a call: no final response reached the scanner.",
                CallSection.outcome(call(invite, "a1", 0, null)));
    }
}
