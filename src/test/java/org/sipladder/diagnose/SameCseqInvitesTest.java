package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.RetriesOnOneCseq.B_LEG_INVITE;
import static org.sipladder.diagnose.RetriesOnOneCseq.CARRIER_INVITE;
import static org.sipladder.diagnose.RetriesOnOneCseq.LK_URI;
import static org.sipladder.diagnose.RetriesOnOneCseq.proxiedRetry;
import static org.sipladder.diagnose.RetriesOnOneCseq.assertLinear;
import static org.sipladder.diagnose.RetriesOnOneCseq.relayed;
import static org.sipladder.diagnose.RetriesOnOneCseq.retry;
import static org.sipladder.diagnose.TestCall.CARRIER;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;

/**
 * A caller retrying thousands of times on one Call-ID and CSeq, each time with a new From tag and branch: each INVITE
 * was compared with every other of its CSeq to tell whether it had a twin or a proxied copy (20,000 INVITEs took
 * 72 s to diagnose). A call of more than {@link InviteTransaction#WALKED} messages is indexed instead, with the
 * same transactions as walking it gives.
 */
class SameCseqInvitesTest {

    /** {@code count} INVITEs on one Call-ID and CSeq from Jambonz to LiveKit, each rejected 486. */
    private static CallFlow rejectedRetries(int count) {
        String invite = SipTexts.invite("call-retried", LK_URI, "+493023125417", JAMBONZ, "");
        TestCall call = TestCall.carrierJambonzLiveKit();
        for (int k = 0; k < count; k++) {
            String again = retry(invite, k);
            call = call.send(JAMBONZ, LIVEKIT, again).send(LIVEKIT, JAMBONZ, SipTexts.response(again, 486, "Busy Here"));
        }
        return call.flow();
    }

    private static long looks(CallFlow flow) {
        long[] looks = new long[1];
        List<InviteTransaction> invites = InviteTransaction.of(flow, looks);
        assertEquals(flow.messages().size() / 2, invites.size());
        for (InviteTransaction t : invites) {
            assertEquals(1, t.responses().size(), t.frame() + ": " + t.responses());
            assertEquals(t.frame() + 1, t.responses().get(0).message().frame());
        }
        return looks[0];
    }

    @Test
    void retriesOnOneCseqAreNotComparedWithEachOther() {
        assertLinear(count -> looks(rejectedRetries(count)));
    }

    @Test
    void indexedCallHasTheTransactionsWalkingGives() {
        // a proxy (Jambonz) passing the carrier's retries on under the same Call-ID, some resent, some answered
        // without a branch, a second leg, and re-INVITEs of another CSeq
        TestCall call = TestCall.carrierJambonzLiveKit();
        for (int k = 0; k < 30; k++) {
            call = proxiedRetry(call, k);
            String a = retry(CARRIER_INVITE, k);
            String relayed = relayed(a);
            if (k % 3 == 0) {
                call = call.resend(CARRIER, JAMBONZ, a);
            }
            String busy = SipTexts.response(relayed, 486, "Busy Here");
            call = call.send(LIVEKIT, JAMBONZ, k % 4 == 0 ? busy.replaceFirst(";branch=[^;\r]*", "") : busy)
                    .send(JAMBONZ, CARRIER, SipTexts.response(a, 486, "Busy Here"));
            if (k % 5 == 0) {
                String b = retry(B_LEG_INVITE, k).replace("CSeq: 1 INVITE", "CSeq: " + (k % 2 + 1) + " INVITE");
                call = call.send(JAMBONZ, LIVEKIT, b).send(LIVEKIT, JAMBONZ, SipTexts.response(b, 200, "OK"));
            }
        }
        CallFlow flow = call.flow();
        assertTrue(flow.messages().size() > InviteTransaction.WALKED);
        List<InviteTransaction> indexed = InviteTransaction.of(flow, new long[1]);
        List<InviteTransaction> walked = InviteTransaction.walked(flow, new long[1]);
        assertEquals(walked.size(), indexed.size());
        int answered = 0;
        for (int i = 0; i < walked.size(); i++) {
            assertSame(walked.get(i).invite(), indexed.get(i).invite());
            assertEquals(walked.get(i).responses(), indexed.get(i).responses(), "INVITE frame " + walked.get(i).frame());
            answered += walked.get(i).responses().size();
        }
        assertTrue(answered >= walked.size(), answered + " responses for " + walked.size() + " INVITEs");
    }
}
