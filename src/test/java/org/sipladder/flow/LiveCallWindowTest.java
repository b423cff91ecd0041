package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.sip.SipMessage;

/**
 * A live view kept every call for the whole session (a day of a busy SBC is millions of messages, all held): the
 * window keeps at most its limit of calls, dropping the oldest finished calls first, as sngrep's rotation does.
 */
class LiveCallWindowTest {

    private static final String CALLER = "10.0.0.1:5060";
    private static final String CALLEE = "10.0.0.2:5060";

    /** An OPTIONS and its 200: a finished exchange. */
    private static void options(Dialogue d, long millis, String callId) {
        String branch = "z9hG4bK-" + callId;
        d.send(millis, CALLER, CALLEE, Dialogue.request("OPTIONS", "sip:x@10.0.0.2", callId, branch, 1, null));
        d.send(millis + 1, CALLEE, CALLER, Dialogue.response(200, "OK", "OPTIONS", callId, branch, 1, "t-" + callId));
    }

    private static List<String> callIds(LiveCallWindow window) {
        return window.summaries().stream().map(CallSummary::callId).toList();
    }

    @Test
    void keepsAtMostTheLimitDroppingTheOldestFinishedCallsBeforeACallInProgress() {
        Dialogue d = new Dialogue();
        d.answeredInvite(0, CALLER, CALLEE, "talking", "sip:+15551234567@10.0.0.2"); // answered, no BYE yet
        for (int i = 0; i < 40; i++) {
            options(d, 10 + i * 10, "o" + i);
        }
        LiveCallWindow window = new LiveCallWindow(8);
        for (SipMessage m : d.messages()) {
            window.add(m);
            assertTrue(window.summaries().size() <= 8, "more calls kept than the limit");
        }
        List<String> kept = callIds(window);
        assertEquals("talking", kept.get(0), "the call in progress is kept");
        // the rest are the newest finished ones, in start order
        List<String> newest = new ArrayList<>();
        for (int i = 40 - (kept.size() - 1); i < 40; i++) {
            newest.add("o" + i);
        }
        assertEquals(newest, kept.subList(1, kept.size()));
        assertEquals(41 - kept.size(), window.dropped());
        assertEquals(8, window.limit());
    }

    @Test
    void aKeptCallInProgressGetsItsLaterMessagesAndItsLegsStayJoined() {
        Dialogue d = new Dialogue();
        // a B2BUA's two legs, joined by its X-CID header, answered and not hung up
        d.answeredInvite(0, CALLER, CALLEE, "a-leg", "sip:+15551234567@10.0.0.2");
        d.answeredInvite(20, CALLEE, "10.0.0.3:5060", "b-leg", "sip:+15551234567@10.0.0.3", "X-CID: a-leg");
        for (int i = 0; i < 30; i++) {
            options(d, 100 + i * 10, "o" + i);
        }
        LiveCallWindow window = new LiveCallWindow(5);
        d.messages().forEach(window::add);
        assertTrue(window.dropped() > 0);
        CallSummary call = window.summaries().get(0);
        assertEquals("a-leg", call.callId());
        assertEquals(2, call.legs());
        int before = call.messages();
        d.send(2_000, CALLER, CALLEE, Dialogue.request("BYE", "sip:x@10.0.0.2", "a-leg", "z9hG4bK-bye", 2, "t-a-leg"));
        window.add(d.last());
        CallSummary after = window.summaries().get(0);
        assertEquals("a-leg", after.callId());
        assertEquals(before + 1, after.messages());
    }

    @Test
    void whenNoCallHasFinishedTheOldestInProgressGo() {
        Dialogue d = new Dialogue();
        for (int i = 0; i < 50; i++) {
            // INVITEs nobody answers: a scanner's flood
            d.send(i, CALLER, CALLEE, Dialogue.request("INVITE", "sip:" + i + "@10.0.0.2", "flood" + i,
                    "z9hG4bK-" + i, 1, null));
        }
        LiveCallWindow window = new LiveCallWindow(10);
        d.messages().forEach(window::add);
        List<String> kept = callIds(window);
        assertTrue(kept.size() <= 10 && !kept.isEmpty());
        assertEquals("flood49", kept.get(kept.size() - 1));
        assertEquals(50 - kept.size(), window.dropped());
    }

    @Test
    void underTheLimitNothingIsDropped() {
        Dialogue d = new Dialogue();
        for (int i = 0; i < 10; i++) {
            options(d, i * 10, "o" + i);
        }
        LiveCallWindow window = new LiveCallWindow(10);
        d.messages().forEach(window::add);
        assertEquals(10, window.summaries().size());
        assertEquals(0, window.dropped());
        assertThrows(IllegalArgumentException.class, () -> new LiveCallWindow(0));
    }
}
