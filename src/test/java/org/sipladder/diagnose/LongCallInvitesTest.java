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

    /**
     * A LiveKit call answered at once, then {@code count} in-dialog {@code method} requests a second apart, each
     * answered 200 OK (and ACKed, for INVITEs); also the long call of {@link LongCallRequestsTest}.
     */
    static CallFlow answeredThen(int count, String method, String body, String contentType) {
        String invite = SipTexts.invite("call-long", LK_URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        TestCall call = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>",
                        SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, ""));
        for (int cseq = 2; cseq < count + 2; cseq++) {
            String request = inDialog(method, cseq, JAMBONZ, body, "Content-Type: " + contentType);
            call = call.after(1).send(JAMBONZ, LIVEKIT, request)
                    .send(LIVEKIT, JAMBONZ, SipTexts.response(request, 200, "OK"));
            if (method.equals("INVITE")) {
                call = call.send(JAMBONZ, LIVEKIT, inDialog("ACK", cseq, JAMBONZ, ""));
            }
        }
        return call.flow();
    }

    @Test
    void eachInviteLooksAtItsOwnCseqsMessages() {
        CallFlow flow = answeredThen(1_000, "INVITE", SipTexts.SDP_G711, "application/sdp");
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
