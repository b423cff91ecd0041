package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;

/**
 * A call of a day with an in-dialog INFO every second: each request is matched with the messages of its own CSeq
 * number, not with every message of the call (after the INVITEs, the last check that was quadratic in a long call).
 */
class LongCallRequestsTest {

    @Test
    void eachRequestLooksAtItsOwnCseqsMessages() {
        CallFlow flow = LongCallInvitesTest.answeredThen(1_000, "INFO", "Signal=1\r\nDuration=160\r\n",
                "application/dtmf-relay");
        long[] looks = new long[1];
        List<DialogRequests> infos = DialogRequests.of(flow, "INFO", looks);
        assertEquals(1_000, infos.size());
        assertTrue(looks[0] <= 5L * flow.messages().size(), looks[0] + " looks for " + flow.messages().size());
        for (DialogRequests r : infos) {
            assertNotNull(r.finalResponse(), r.request().cseqNumber() + " unanswered");
            assertEquals(r.request().cseqNumber(), r.finalResponse().cseqNumber());
            assertEquals(200, r.finalResponse().status());
            assertEquals(1, r.copies());
        }
    }
}
