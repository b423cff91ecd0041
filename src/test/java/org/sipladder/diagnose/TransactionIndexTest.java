package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.SipMessage;

/**
 * A caller retrying thousands of times on one Call-ID and CSeq, each time with a new From tag and branch: the rules
 * asked of every INVITE its resends, CANCEL, last response and the failure passed back by walking the whole call, and
 * gathered every attempt for each failed one (20,000 INVITEs took 75 s to diagnose). A call of more than
 * {@link InviteTransaction#WALKED} messages answers them from a {@link TransactionIndex}, as walking it does.
 */
class TransactionIndexTest {

    /** {@code count} INVITEs on one Call-ID and CSeq from Jambonz to LiveKit, unanswered, every other one cancelled. */
    private static CallFlow silentRetries(int count) {
        String invite = SipTexts.invite("call-retried", LK_URI, "+493023125417", JAMBONZ, "");
        TestCall call = TestCall.carrierJambonzLiveKit();
        for (int k = 0; k < count; k++) {
            String again = retry(invite, k);
            call = call.send(JAMBONZ, LIVEKIT, again);
            if (k % 2 == 0) {
                call = call.send(JAMBONZ, LIVEKIT, SipTexts.cancel(again));
            }
        }
        return call.flow();
    }

    /** The index's looks for asking every question of every INVITE of {@code flow}. */
    private static long looks(CallFlow flow) {
        List<InviteTransaction> invites = InviteTransaction.of(flow);
        TransactionIndex index = invites.get(0).index();
        assertNotNull(index);
        for (InviteTransaction t : invites) {
            assertSame(index, t.index());
            t.retransmissions();
            t.lastResponseMicros();
            SipMessage cancel = t.cancel();
            if (cancel != null) {
                t.cancelAnswer(cancel);
                t.retransmissionsOf(cancel);
            }
            NoFinalResponseCheck.answeredBack(t);
            LiveKitRoutings.forwarded(flow, t);
        }
        return index.looks;
    }

    @Test
    void retriesOnOneCallIdAreNotWalkedForEachInvite() {
        assertLinear(count -> looks(silentRetries(count)));
    }

    @Test
    void longCallAnswersWhatWalkingItGives() {
        // a proxy (Jambonz) passing the carrier's retries on under the same Call-ID: some resent, some cancelled
        // (the CANCEL answered 200 or 481, or not at all), some rejected, some given up with a 408 back, and a B2BUA
        // leg of a new Call-ID
        TestCall call = TestCall.carrierJambonzLiveKit();
        for (int k = 0; k < 24; k++) {
            call = proxiedRetry(call, k);
            String a = retry(CARRIER_INVITE, k);
            String relayed = relayed(a);
            if (k % 3 == 0) {
                call = call.resend(CARRIER, JAMBONZ, a).resend(JAMBONZ, LIVEKIT, relayed);
            }
            call = call.send(LIVEKIT, JAMBONZ, SipTexts.response(relayed, 100, "Processing"));
            switch (k % 4) {
                case 0 -> call = call.send(LIVEKIT, JAMBONZ, SipTexts.response(relayed, 486, "Busy Here"))
                        .send(JAMBONZ, CARRIER, SipTexts.response(a, 486, "Busy Here"));
                case 1 -> {
                    String cancel = SipTexts.cancel(a);
                    String relayedCancel = SipTexts.cancel(relayed);
                    call = call.send(CARRIER, JAMBONZ, cancel).send(JAMBONZ, CARRIER, SipTexts.response(cancel, 200, "OK"))
                            .send(JAMBONZ, LIVEKIT, relayedCancel).resend(JAMBONZ, LIVEKIT, relayedCancel)
                            .send(LIVEKIT, JAMBONZ, SipTexts.response(relayedCancel, k % 8 == 1 ? 481 : 200, "x"));
                }
                case 2 -> call = call.send(JAMBONZ, CARRIER, SipTexts.response(a, 408, "Request Timeout"));
                default -> call = call.send(JAMBONZ, LIVEKIT, retry(B_LEG_INVITE, k))
                        .send(LIVEKIT, JAMBONZ, SipTexts.response(retry(B_LEG_INVITE, k), 200, "OK"));
            }
        }
        CallFlow flow = call.flow();
        List<InviteTransaction> indexed = InviteTransaction.of(flow);
        int cancels = 0;
        int cancelAnswers = 0;
        int resent = 0;
        int answeredBack = 0;
        int forwarded = 0;
        for (InviteTransaction t : indexed) {
            assertNotNull(t.index());
            InviteTransaction walked = new InviteTransaction(flow, t.invite(), t.responses());
            assertNull(walked.index());
            assertEquals(walked, t);
            String at = "INVITE frame " + t.frame();
            assertEquals(walked.retransmissions(), t.retransmissions(), at);
            assertEquals(walked.lastResponseMicros(), t.lastResponseMicros(), at);
            assertSame(walked.cancel(), t.cancel(), at);
            if (t.cancel() != null) {
                cancels++;
                assertSame(walked.cancelAnswer(t.cancel()), t.cancelAnswer(t.cancel()), at);
                assertEquals(walked.retransmissionsOf(t.cancel()), t.retransmissionsOf(t.cancel()), at);
                cancelAnswers += t.cancelAnswer(t.cancel()) == null ? 0 : 1;
            }
            assertSame(NoFinalResponseCheck.answeredBack(walked), NoFinalResponseCheck.answeredBack(t), at);
            assertEquals(LiveKitRoutings.forwarded(flow, walked), LiveKitRoutings.forwarded(flow, t), at);
            resent += t.retransmissions() > 0 ? 1 : 0;
            answeredBack += NoFinalResponseCheck.answeredBack(t) == null ? 0 : 1;
            forwarded += LiveKitRoutings.forwarded(flow, t) ? 1 : 0;
        }
        // every question met both answers
        assertTrue(cancels > 0 && cancelAnswers > 0 && resent > 0 && answeredBack > 0 && forwarded > 0,
                cancels + " " + cancelAnswers + " " + resent + " " + answeredBack + " " + forwarded);
    }

    /** {@code failures} INVITEs on one Call-ID and CSeq from Jambonz to LiveKit rejected 486, then one answered. */
    private static CallFlow recoveredRetries(int failures) {
        String invite = SipTexts.invite("call-retried", LK_URI, "+493023125417", JAMBONZ, "");
        TestCall call = TestCall.carrierJambonzLiveKit();
        for (int k = 0; k <= failures; k++) {
            String again = retry(invite, k);
            call = call.send(JAMBONZ, LIVEKIT, again)
                    .send(LIVEKIT, JAMBONZ, SipTexts.response(again, k == failures ? 200 : 486, "x"));
        }
        return call.flow();
    }

    @Test
    void longCallNamesTheRecoveringRetryOfEveryFailedOneAsAShortOneDoes() {
        for (int failures : new int[] {3, 40}) {
            CallFlow flow = recoveredRetries(failures);
            assertEquals(failures > 3, flow.messages().size() > InviteTransaction.WALKED);
            List<Finding> findings = new RetryRecoveredCheck()
                    .findings(new DiagnosisContext(List.of(flow), LiveKitConfig.empty(), List.of()));
            assertEquals(failures, findings.size());
            long retryFrame = flow.messages().get(2 * failures).message().frame();
            for (int i = 0; i < failures; i++) {
                List<Long> frames = findings.get(i).evidence().frames();
                assertEquals(List.of(2L * i + 1, 2L * i + 2, retryFrame, retryFrame + 1), frames);
            }
        }
    }
}
