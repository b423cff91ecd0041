package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.sip.SipMessage;

/**
 * Thousands of REFERs in one dialog within the transfer window: each REFER dropped the referrals whose window had
 * closed by walking all of them (calls --json on 10,000 REFERs, 20,000 messages: 6 s). Now only when the earliest
 * window has closed; the REFERs still leave the window when it has.
 */
class ManyRefersForgetTest {

    private static final String CALLER = "10.0.0.1:5060";
    private static final String AGENT = "10.0.0.3:5060";

    /** Feeds {@code count} REFERs of one dialog, {@code apartMillis} apart, to a transfer correlation; its looks. */
    private static long looks(int count, long apartMillis) {
        Dialogue d = new Dialogue();
        d.send(0, CALLER, AGENT, request("INVITE", "sip:+4930111221@10.0.0.3", "rf", "z9hG4bK0", 1, null));
        for (int i = 1; i <= count; i++) {
            d.send(i * apartMillis, CALLER, AGENT, request("REFER", "sip:+4930111221@10.0.0.3", "rf", "z9hG4bK" + i,
                    i + 1, "t", "Refer-To: <sip:" + i + "@10.0.0.9>"));
        }
        MessageStore store = new MessageStore();
        FlowGroups groups = new FlowGroups();
        LegState leg = new LegState("rf", store);
        groups.addLeg(leg);
        TransferCorrelation transfers = new TransferCorrelation();
        List<SipMessage> messages = d.messages();
        for (SipMessage m : messages) {
            leg.add(store.add(m), m);
            transfers.onMessage(leg, m, groups);
        }
        return transfers.looks();
    }

    @Test
    void refersWithinTheWindowAreNotWalkedAtEachRefer() {
        assertEquals(0, looks(4_000, 1));
    }

    @Test
    void refersLeavingTheWindowAreWalkedOnlyAsTheyLeave() {
        // one a second: the window holds 32, and each REFER lets the oldest go
        long half = looks(1_000, 1_000);
        long full = looks(2_000, 1_000);
        assertTrue(half > 0 && full <= 2.5 * half, half + " looks for 1,000 REFERs, " + full + " for 2,000");
    }
}
