package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Concurrent calls from one caller to one number through a B2BUA that sends no correlation header and serves them at
 * varying speed: the order of the INVITEs cannot tell which B-leg continues which A-leg, the responses the B2BUA
 * passes back from one leg to the other can; where nothing tells, the join says it is a guess.
 */
class RelayedResponseJoinsTest {

    private static final String CARRIER = "203.0.113.10:5060";
    private static final String SBC = "198.51.100.20:5060";
    private static final String PBX = "10.0.1.5:5060";
    private static final String NUMBER = "+4930999888";

    private static void invite(Dialogue d, long millis, String src, String dst, String callId) {
        d.send(millis, src, dst, Dialogue.request("INVITE", "sip:" + NUMBER + "@" + dst.split(":")[0], callId,
                "z9hG4bK-" + callId, 1, null));
    }

    private static void respond(Dialogue d, long millis, String src, String dst, String callId, int status,
                                String reason) {
        d.send(millis, src, dst, Dialogue.response(status, reason, "INVITE", callId, "z9hG4bK-" + callId, 1,
                "t-" + callId));
    }

    /** Each call's Call-IDs sorted, calls by their first Call-ID. */
    private static List<List<String>> calls(Dialogue d) {
        return d.callIds().stream().map(ids -> ids.stream().sorted().toList())
                .sorted((a, b) -> a.get(0).compareTo(b.get(0))).toList();
    }

    @Test
    void bLegsSentInTheOtherOrderJoinTheALegsTheirResponsesWerePassedBackTo() {
        Dialogue d = new Dialogue();
        invite(d, 0, CARRIER, SBC, "a1");
        invite(d, 100, CARRIER, SBC, "a2");
        invite(d, 150, SBC, PBX, "b2"); // the second call's B-leg first: its webhook answered sooner
        invite(d, 300, SBC, PBX, "b1");
        respond(d, 400, PBX, SBC, "b2", 180, "Ringing");
        respond(d, 403, SBC, CARRIER, "a2", 180, "Ringing");
        respond(d, 500, PBX, SBC, "b1", 486, "Busy Here");
        respond(d, 502, SBC, CARRIER, "a1", 486, "Busy Here");

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2")), calls(d));
        List<CallFlow> flows = new FlowBuilder().build(d.messages());
        CallFlow second = flows.stream().filter(f -> f.legs().stream().anyMatch(l -> l.callId().equals("a2")))
                .findFirst().orElseThrow();
        assertEquals(List.of("The INVITE in frame 3 (Call-ID b2) was sent by 198.51.100.20 0.050 s after that host"
                + " received the INVITE in frame 2 (Call-ID a2), both called numbers end in 30999888, and the 180 that"
                + " host sent on that leg in frame 6 followed 0.003 s after the 180 this leg received in frame 5, as a"
                + " B2BUA passes a response back."), second.joinEvidence());
        assertEquals(List.of(), second.guessedJoins(), "a join the responses told is no guess");
    }

    @Test
    void withNoResponsePassedBackTheJoinSaysItIsAGuess() {
        Dialogue d = new Dialogue();
        invite(d, 0, CARRIER, SBC, "a1");
        invite(d, 100, CARRIER, SBC, "a2");
        invite(d, 150, SBC, PBX, "b1");
        invite(d, 300, SBC, PBX, "b2");

        List<CallFlow> flows = new FlowBuilder().build(d.messages());
        String why = flows.get(0).joinEvidence().get(0);
        assertTrue(why.endsWith("; 1 other call fits as well, and no response passed back from one leg to the"
                + " other tells which this leg continues: joined in the order the host received them, a guess."), why);
        assertEquals(List.of(why), flows.get(0).guessedJoins());
    }
}
