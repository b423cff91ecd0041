package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import org.junit.jupiter.api.Test;

/**
 * A call lasts from its answer to the BYE that ended its dialog: the BYE answered 2xx, or the last BYE when none was
 * (a BYE refused with 481 or left unanswered leaves the dialog up at the side that refused or never got it).
 */
class CallDurationTest {

    private static final String CARRIER = "203.0.113.10:5060";
    private static final String LIVEKIT = "34.1.2.3:5060";
    private static final String PROXY = "198.51.100.7:5060";
    private static final String ID = "dur-1";
    private static final String URI = "sip:+4930111@lk.example";

    /** An INVITE at 0 answered 200 OK at 1 s and acknowledged. */
    private static Dialogue answered() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, LIVEKIT, request("INVITE", URI, ID, "z9hG4bKinv", 1, null));
        d.send(1_000, LIVEKIT, CARRIER, response(200, "OK", "INVITE", ID, "z9hG4bKinv", 1, "lk"));
        return d.send(1_050, CARRIER, LIVEKIT, request("ACK", URI, ID, "z9hG4bKack", 1, "lk"));
    }

    private static Long duration(Dialogue d) {
        return new FlowBuilder().build(d.messages()).get(0).timings().durationMicros();
    }

    /** A BYE from {@code src} at {@code millis} with {@code branch} and CSeq {@code cseq}, answered 20 ms later. */
    private static Dialogue bye(Dialogue d, long millis, String src, String dst, String branch, int cseq, int status,
                                String reason) {
        d.send(millis, src, dst, request("BYE", URI, ID, branch, cseq, "lk"));
        return d.send(millis + 20, dst, src, response(status, reason, "BYE", ID, branch, cseq, "lk"));
    }

    /**
     * The carrier's BYE at 11 s refused 481 (To tag not LiveKit's), then LiveKit's own BYE at 26 s answered
     * {@code status}.
     */
    private static Dialogue refusedThenLiveKitsBye(int status, String reason) {
        Dialogue d = bye(answered(), 11_000, CARRIER, LIVEKIT, "z9hG4bKbye1", 2, 481, "Call does not exist");
        return bye(d, 26_000, LIVEKIT, CARRIER, "z9hG4bKbye2", 1, status, reason);
    }

    @Test
    void aByeRefusedWith481DoesNotEndTheCallThatALaterByeEndedWith200() {
        assertEquals(25_000_000L, duration(refusedThenLiveKitsBye(200, "OK")));
    }

    @Test
    void ofBothByesRefusedTheLastEndsTheCall() {
        // LiveKit refused the carrier's BYE (481) and kept the call up until its own BYE, which the carrier refused
        assertEquals(25_000_000L, duration(refusedThenLiveKitsBye(481, "Call/Transaction Does Not Exist")));
    }

    @Test
    void theByeAnswered200EndsTheCallThoughALaterByeCrossedIt() {
        Dialogue d = bye(answered(), 11_000, CARRIER, LIVEKIT, "z9hG4bKbye1", 2, 200, "OK");
        bye(d, 11_030, LIVEKIT, CARRIER, "z9hG4bKbye2", 1, 481, "Call/Transaction Does Not Exist");

        assertEquals(10_000_000L, duration(d));
    }

    @Test
    void anUnansweredByeSentAgainEndsTheCallAtItsFirstSendingUnlessALaterByeFollows() {
        Dialogue alone = answered();
        String bye = request("BYE", URI, ID, "z9hG4bKbye1", 2, "lk");
        alone.send(11_000, CARRIER, LIVEKIT, bye).send(11_500, CARRIER, LIVEKIT, bye).send(12_500, CARRIER, LIVEKIT, bye);
        assertEquals(10_000_000L, duration(alone));

        Dialogue followed = answered();
        followed.send(11_000, CARRIER, LIVEKIT, bye).send(11_500, CARRIER, LIVEKIT, bye);
        bye(followed, 26_000, LIVEKIT, CARRIER, "z9hG4bKbye2", 1, 481, "Call/Transaction Does Not Exist");
        assertEquals(25_000_000L, duration(followed));
    }

    @Test
    void aByeChallengedAndSentAgainWithCredentialsEndsTheCallWhenItIsAnswered() {
        Dialogue d = bye(answered(), 11_000, CARRIER, LIVEKIT, "z9hG4bKbye1", 2, 407, "Proxy Authentication Required");
        bye(d, 11_100, CARRIER, LIVEKIT, "z9hG4bKbye3", 3, 200, "OK");

        assertEquals(10_100_000L, duration(d));
    }

    @Test
    void theLastByeEndsTheCallWhereTheCaptureFirstShowsItNotWhereAProxyPassedItOn() {
        // the callee's BYE refused 500; the caller's BYE at 26 s, captured again as the proxy forwards it, unanswered
        Dialogue d = bye(answered(), 11_000, LIVEKIT, CARRIER, "z9hG4bKbye1", 1, 500, "Request out of order");
        d.send(26_000, CARRIER, PROXY, request("BYE", URI, ID, "z9hG4bKbye2", 2, "lk"));
        d.send(26_028, PROXY, LIVEKIT, request("BYE", URI, ID, "z9hG4bKbye2-proxy", 2, "lk"));

        assertEquals(25_000_000L, duration(d));
    }
}
