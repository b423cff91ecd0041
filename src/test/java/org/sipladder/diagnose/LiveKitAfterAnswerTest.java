package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What LiveKit does after it answered, as livekit/sip's code has it, and what the diagnosis says of it: a session
 * timer LiveKit never agreed to, a BYE LiveKit refused (481) that leaves LiveKit's call up until its media timeout.
 */
class LiveKitAfterAnswerTest {

    private static final String SBC = MediaFindingsTest.SBC;
    private static final String LK = MediaFindingsTest.LK;

    @TempDir
    Path dir;

    /** Jambonz calls LiveKit, which answers at 0.3 s: no RTP, no BYE yet. */
    private static MediaCase held() {
        return MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000);
    }

    @Test
    void aByeNamingASessionTimerOnACallLiveKitAnsweredWithoutSessionExpiresIsDiagnosed() throws Exception {
        // LiveKit's 200 OK never carries Session-Expires (livekit/sip implements no session timer): a BYE whose
        // Reason names the session timer must not stop the diagnosis
        Diagnosis d = held().rtpBothWays(SBC, LK, 20)
                .bye(MediaCase.JAMBONZ, 20.5, "Reason: SIP;cause=408;text=\"Session timer expired\"", 200, "OK")
                .diagnose(dir);
        Finding f = d.withCode(FindingCode.SIP_SESSION_TIMER_EXPIRED).get(0);
        assertTrue(f.explanation().contains("LiveKit") && f.explanation().contains("no session timer"),
                f.explanation());
        // the call worked until the timer cut it, as a trunk's max_call_duration does: a warning on a call not failed
        assertEquals(Severity.WARNING, f.severity());
        assertFalse(d.failedAfterAnswer(MediaCase.flowId()), d.findings().toString());
    }
    @Test
    void aSessionTimerThatCutAnAnsweredCallIsAWarningLikeEveryCutThatDoesNotFailTheCall() {
        // Session-Expires 90 and no refresh: LiveKit's BYE at 95 s; the call was answered and nothing else went wrong
        org.sipladder.flow.CallFlow call = FindingRulesTest.afterAnswer(FindingRulesTest.Mid.TIMER_EXPIRED);
        Diagnosis d = DiagnosisEngine.standard().diagnose(java.util.List.of(call),
                org.sipladder.livekit.LiveKitConfig.empty());
        Finding f = d.withCode(FindingCode.SIP_SESSION_TIMER_EXPIRED).get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertFalse(d.failed(call), d.findings().toString());
        assertTrue(d.primaryFor(call.id()).isEmpty(), d.findings().toString());
    }
    @Test
    void aByeLiveKitRefusedLeavesItsCallUpUntilItsOwnByeWhichDidNotCrossIt() throws Exception {
        // Jambonz hangs up at 10.4 s but LiveKit answers 481 (the BYE reached a node without the call): LiveKit
        // keeps sending, and ends the call itself 15 s after the last RTP reached it; Jambonz, done, answers 481
        Diagnosis d = held()
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of())
                .rtp(LK, SBC, 0.41, 1250, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.45, "", 481, "Call does not exist")
                .bye(MediaCase.LIVEKIT, 25.42, "", 481, "Call/Transaction Does Not Exist")
                .diagnose(dir);
        assertTrue(d.withCode(FindingCode.MEDIA_RTP_STOPPED).isEmpty(), d.findings().toString());
        java.util.List<Finding> refused = d.withCode(FindingCode.SIP_DIALOG_NOT_FOUND);
        assertEquals(2, refused.size(), refused.toString());
        Finding first = refused.get(0).severity() != Severity.INFO ? refused.get(0) : refused.get(1);
        Finding second = first == refused.get(0) ? refused.get(1) : refused.get(0);
        // the caller talked until it hung up: the call did not fail, and LiveKit's lingering is a warning
        assertEquals(Severity.WARNING, first.severity());
        assertEquals(Severity.INFO, second.severity());
        assertTrue(first.explanation().contains("kept its side of the call"), first.explanation());
        assertFalse(second.explanation().contains("crossed"), second.explanation());
        assertFalse(second.fix().steps().toString().contains("Nothing to fix"), second.fix().steps().toString());
        assertTrue(second.explanation().contains("was answered 481 itself"), second.explanation());
    }
    /** Jambonz's re-INVITE offer switching the call to PCMA. */
    private static final String PCMA_ONLY = "v=0\r\no=- 1 2 IN IP4 " + MediaFindingsTest.SBC_MEDIA + "\r\ns=-\r\nc=IN IP4 "
            + MediaFindingsTest.SBC_MEDIA + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    /** LiveKit's first answer (PCMU), which it gives again to every re-INVITE. */
    private static final String LIVEKIT_FIRST = "v=0\r\no=- 1 1 IN IP4 " + MediaCase.LIVEKIT + "\r\ns=-\r\nc=IN IP4 "
            + MediaCase.LIVEKIT + "\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

    @Test
    void aCodecChangeReInviteLiveKitAnswersWithItsFirstCodecIsLiveKitsWayNotTheOfferersSettings() throws Exception {
        // the call starts on PCMU; Jambonz re-offers PCMA only and LiveKit answers with its first SDP (PCMU):
        // livekit/sip AcceptAsKeepAlive takes a new address from a re-INVITE, never new codecs
        Diagnosis d = held().rtpBothWays(SBC, LK, 10).reInvite(5, PCMA_ONLY, LIVEKIT_FIRST)
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        Finding f = d.withCode(FindingCode.SIP_NO_COMMON_CODEC).get(0);
        assertTrue(f.explanation().contains("AcceptAsKeepAlive") && f.explanation().contains("PCMU"),
                f.explanation());
        String steps = f.fix().steps().toString();
        assertFalse(steps.contains("Offer PCMA"), steps);
        assertTrue(steps.contains("re-INVITE"), steps);
    }
    @Test
    void pcmaSentAfterACodecChangeReInviteLiveKitAnsweredWithItsFirstCodecIsLiveKitsWayNotItsAllowedCodecs()
            throws Exception {
        // Jambonz switches to PCMA after its re-INVITE, whose answer kept PCMU: LiveKit enables PCMA by default, so
        // "add the codec to LiveKit's allowed codecs" would not help; the re-INVITE LiveKit never renegotiates is why
        Diagnosis d = held().rtp(SBC, LK, 0.4, 240, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 500, 0x2222, Set.of())
                .reInvite(5, PCMA_ONLY, LIVEKIT_FIRST).rtp(SBC, LK, 5.2, 240, 0x3333, Set.of(), 0, 8)
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_CODEC_MISMATCH).get(0);
        String steps = f.fix().steps().toString();
        assertFalse(steps.contains("allowed codecs"), steps);
        assertTrue(steps.contains("Keep the call's codec (PCMU) toward LiveKit"), steps);
        assertTrue(f.explanation().contains("re-INVITE (frame ") && f.explanation().contains("AcceptAsKeepAlive")
                && f.explanation().contains(FindingCode.SIP_NO_COMMON_CODEC.name()), f.explanation());
    }
    @Test
    void aReInviteAnswerLeftUnacknowledgedDoesNotEndALiveKitCall() throws Exception {
        // Jambonz refreshes the session at 10 s and never ACKs LiveKit's 200 OK to it; the agent hangs up at 20 s.
        // LiveKit waits for the ACK of its first answer only (that one came): the call did not fail
        MediaCase c = held().rtpBothWays(SBC, LK, 20).reInviteUnacknowledged(10);
        Diagnosis d = c.bye(MediaCase.LIVEKIT, 20.5).diagnose(dir);
        assertTrue(d.withCode(FindingCode.SIP_ACK_MISSING).isEmpty(), d.findings().toString());
        assertTrue(d.primaryFor(MediaCase.flowId()).isEmpty(), d.findings().toString());
    }
    @Test
    void anOldStyleHoldIsNamedByItsAddressAndIsNoBrokenMediaPath() throws Exception {
        // Jambonz holds at 5 s with c=0.0.0.0 (a=sendrecv) and stops its RTP; LiveKit, which ignores that address
        // (media_port.go UpdateRemote), keeps sending and hangs up 15 s after the last packet it got
        Diagnosis d = held().rtp(SBC, LK, 0.4, 230, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 980, 0x2222, Set.of())
                .reInvite(5, "0.0.0.0", 40000, "sendrecv", MediaCase.LIVEKIT, 30000, "sendrecv")
                .bye(MediaCase.LIVEKIT, 20.0).diagnose(dir);
        Finding primary = d.primaryFor(MediaCase.flowId()).orElseThrow();
        assertEquals(FindingCode.MEDIA_TIMEOUT_HANGUP, primary.code(), d.findings().toString());
        assertTrue(primary.title().endsWith("the call on hold (c=0.0.0.0)"), primary.title());
        assertTrue(primary.explanation().contains("ignores a c=0.0.0.0 address"), primary.explanation());
        assertTrue(d.withCode(FindingCode.MEDIA_RTP_STOPPED).isEmpty(), d.findings().toString());
    }
    @Test
    void aByeThatNeverReachedLiveKitDidNotCrossLiveKitsLaterBye() throws Exception {
        // Jambonz's BYE at 10.45 s gets no response (sent 4 times): LiveKit keeps the call and ends it 15 s after
        // the last RTP it got; Jambonz answers that BYE 481
        Diagnosis d = held()
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of())
                .rtp(LK, SBC, 0.41, 1250, 0x2222, Set.of())
                .byeUnanswered(MediaCase.JAMBONZ, 10.45, 4)
                .bye(MediaCase.LIVEKIT, 25.42, "", 481, "Call/Transaction Does Not Exist")
                .diagnose(dir);
        Finding late = d.withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0);
        assertFalse(late.explanation().contains("crossed"), late.explanation());
        assertTrue(late.explanation().contains("got no response at all"), late.explanation());
        assertTrue(d.withCode(FindingCode.MEDIA_RTP_STOPPED).isEmpty(), d.findings().toString());
    }
    @Test
    void aByeWithAnotherToTagThanLiveKitsIsToldSo() throws Exception {
        // LiveKit finds a call by the request's To tag alone (types.go GetLocalTagUAS): a BYE with another tag
        // gets 481 on every node, whatever its address
        Diagnosis d = held().rtpBothWays(SBC, LK, 10).byeWithToTag(10.45, "other-tag", 481, "Call does not exist")
                .diagnose(dir);
        Finding f = d.withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0);
        assertTrue(f.explanation().contains("Its To tag other-tag is not LiveKit's tag for this call (SCL_t1)"),
                f.explanation());
        assertTrue(f.fix().steps().get(0).startsWith("Keep LiveKit's tag (SCL_t1)"), f.fix().steps().toString());
    }
}
