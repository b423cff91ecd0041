package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.inDialog;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;

/**
 * A call of a day with a re-INVITE every second: each INVITE is matched with the messages of its own CSeq, not with
 * every message of the call (100,000 in-dialog messages took 86 s to diagnose).
 */
class LongCallInvitesTest {

    private static final String LK_URI = "sip:4991874350352@project-1z3kctsj.sip.livekit.cloud";

    private static CallFlow reinvited(int count) {
        String invite = SipTexts.invite("call-long", LK_URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        TestCall call = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>",
                        SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, ""));
        for (int cseq = 2; cseq < count + 2; cseq++) {
            String reinvite = inDialog("INVITE", cseq, JAMBONZ, SipTexts.SDP_G711, "Content-Type: application/sdp");
            call = call.after(1).send(JAMBONZ, LIVEKIT, reinvite)
                    .send(LIVEKIT, JAMBONZ, SipTexts.response(reinvite, 200, "OK"))
                    .send(JAMBONZ, LIVEKIT, inDialog("ACK", cseq, JAMBONZ, ""));
        }
        return call.flow();
    }

    @Test
    void eachInviteLooksAtItsOwnCseqsMessages() {
        CallFlow flow = reinvited(1_000);
        long[] looks = new long[1];
        List<InviteTransaction> invites = InviteTransaction.of(flow, looks);
        assertEquals(1_001, invites.size());
        assertTrue(looks[0] <= 20L * flow.messages().size(), looks[0] + " looks for " + flow.messages().size());
        for (InviteTransaction t : invites) {
            assertEquals(1, t.responses().size(), t.invite().message().cseqNumber() + ": " + t.responses());
            assertEquals(t.invite().message().cseqNumber(), t.responses().get(0).message().cseqNumber());
        }
    }
}
