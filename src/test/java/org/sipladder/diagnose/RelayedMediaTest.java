package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.RelayedCall.ALICE;
import static org.sipladder.diagnose.RelayedCall.BOB;
import static org.sipladder.diagnose.RelayedCall.PBX;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy or a signalling-only B2BUA in the path while the phones send their RTP straight to each other: the media
 * findings follow the SDP's media ends (the phones), not the SIP hop that passed the SDP on.
 */
class RelayedMediaTest {

    private static final String ALICE_MEDIA = ALICE + ":40000";
    private static final String BOB_MEDIA = BOB + ":50000";

    @TempDir
    Path dir;

    @Test
    void audioBothWaysAcrossABackToBackUserAgentIsAWorkingCall() throws Exception {
        // the B2BUA passes each SDP on unchanged; Bob's RTP to Alice arrives in bursts
        Diagnosis d = RelayedCall.throughB2bua("", RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp(ALICE_MEDIA, BOB_MEDIA, 0.4, 500, 0x1111, 0, 0)
                .rtp(BOB_MEDIA, ALICE_MEDIA, 0.41, 500, 0x2222, 0, 40).bye(10.5).diagnose(dir);
        assertEquals(List.of(FindingCode.MEDIA_JITTER), codes(d), titles(d));
        assertFalse(d.failedAfterAnswer("a-leg"));
        Finding jitter = d.withCode(FindingCode.MEDIA_JITTER).get(0);
        assertEquals("a-leg", jitter.flowId(), "the legs are one call");
        assertEquals("Jitter up to 40 ms on RTP to " + ALICE, jitter.title());
        assertNoWord(jitter, PBX);
    }

    @Test
    void aB2buaMovingTheMediaOffItselfLeavesTheOneWayAudioBetweenThePhones() throws Exception {
        // Asterisk answers with its own media, then re-INVITEs hand each phone the other's address; Bob's audio
        // reaches Alice, Alice sends one packet only
        Diagnosis d = RelayedCall.throughB2bua("Asterisk PBX 13.1", RelayedCall.sdp(ALICE, 40000),
                        RelayedCall.sdp(PBX, 18000), RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(PBX, 13000))
                .directMedia(0.5, RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp(ALICE_MEDIA, BOB_MEDIA, 0.65, 1, 0x1111, 0, 0)
                .rtp(BOB_MEDIA, ALICE_MEDIA, 0.7, 350, 0x2222, 0, 0).bye(8).diagnose(dir);
        assertEquals(List.of(FindingCode.MEDIA_ONE_WAY), codes(d), titles(d));
        Finding oneWay = d.withCode(FindingCode.MEDIA_ONE_WAY).get(0);
        assertEquals("One-way audio: RTP only from " + BOB + " to " + ALICE, oneWay.title());
        assertTrue(oneWay.explanation().contains("only 1 RTP packet"), oneWay.explanation());
        assertEquals(List.of("Open the RTP UDP port ranges both ways between " + BOB + " and " + ALICE
                        + " in firewalls and security groups (the media ports each side's SDP announces)."),
                oneWay.fix().steps());
        assertTrue(d.failedAfterAnswer("a-leg"));
        // a few packets of comfort noise are a party silent on purpose (voice activity detection), not cut off
        Diagnosis quiet = RelayedCall.throughB2bua("Asterisk PBX 13.1", RelayedCall.sdp(ALICE, 40000),
                        RelayedCall.sdp(PBX, 18000), RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(PBX, 13000))
                .directMedia(0.5, RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp(ALICE_MEDIA, BOB_MEDIA, 0.65, 3, 0x1111, 13, 0)
                .rtp(BOB_MEDIA, ALICE_MEDIA, 0.7, 350, 0x2222, 0, 0).bye(8).diagnose(dir);
        assertTrue(quiet.withCode(FindingCode.MEDIA_ONE_WAY).isEmpty(), titles(quiet));
    }

    @Test
    void rtpFromTheAnswersAddressThroughAProxyFollowsTheSdp() throws Exception {
        // Bob's media starts before his answer reaches Alice: it comes from where his answer says
        Diagnosis d = RelayedCall.throughProxy(RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp(BOB_MEDIA, ALICE_MEDIA, 0.2, 400, 0x2222, 0, 0)
                .rtp(ALICE_MEDIA, BOB_MEDIA, 0.4, 390, 0x1111, 0, 0).bye(8.5).diagnose(dir);
        assertEquals(List.of(), codes(d), titles(d));
    }

    @Test
    void oneWayAudioThroughAProxyNamesThePhoneThatSentNothing() throws Exception {
        Diagnosis d = RelayedCall.throughProxy(RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp(ALICE_MEDIA, BOB_MEDIA, 0.4, 500, 0x1111, 0, 0).bye(10.5).diagnose(dir);
        List<Finding> oneWay = d.withCode(FindingCode.MEDIA_ONE_WAY);
        assertEquals(1, oneWay.size(), titles(d));
        assertEquals("One-way audio: RTP only from " + ALICE + " to " + BOB, oneWay.get(0).title());
        assertNoWord(oneWay.get(0), PBX);
    }

    @Test
    void noRtpThroughAProxyNamesThePhonesAndOpensTheirPortsOnce() throws Exception {
        // the capture holds RTP of another call only
        Diagnosis d = RelayedCall.throughProxy(RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp("10.9.9.1:20000", "10.9.9.2:20002", 0.5, 100, 0x77, 0, 0).bye(8).diagnose(dir);
        List<Finding> none = d.withCode(FindingCode.MEDIA_NO_RTP);
        assertEquals(1, none.size(), titles(d));
        assertEquals("Answered, but no RTP either way between " + ALICE + " and " + BOB, none.get(0).title());
        assertEquals(1, none.get(0).fix().steps().size(), none.get(0).fix().steps().toString());
        assertNoWord(none.get(0), PBX);
    }

    @Test
    void aCaptureTakenAtTheProxyCannotSeeThePhonesMedia() throws Exception {
        // every packet of the capture involves the proxy (its own RTP with a voicemail box, say): taken there
        Diagnosis d = RelayedCall.throughProxy(RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp(PBX + ":30000", "10.9.9.2:20002", 0.5, 100, 0x77, 0, 0).bye(8).diagnose(dir);
        List<Finding> none = d.withCode(FindingCode.MEDIA_NO_RTP);
        assertEquals(1, none.size(), titles(d));
        assertEquals(Severity.INFO, none.get(0).severity());
        assertTrue(none.get(0).explanation().contains("evidently taken at " + PBX), none.get(0).explanation());
        assertTrue(d.failedAfterAnswer(none.get(0).flowId()) == false, "not a failed call");
    }

    @Test
    void aPbxAnsweringWithTheOtherPhonesSdpIsNotTheReceiver() throws Exception {
        // the PBX's leg to Bob is not in the capture; its answer carries Bob's media address
        Diagnosis d = RelayedCall.toPbx("Asterisk PBX 1.6", RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp(BOB_MEDIA, ALICE_MEDIA, 0.4, 500, 0x2222, 0, 0)
                .rtp(ALICE_MEDIA, BOB_MEDIA, 0.41, 500, 0x1111, 0, 40).bye(10.5).diagnose(dir);
        List<Finding> jitter = d.withCode(FindingCode.MEDIA_JITTER);
        assertEquals(1, jitter.size(), titles(d));
        assertEquals("Jitter up to 40 ms on RTP to " + BOB, jitter.get(0).title());
    }

    @Test
    void aCodecMismatchNamesTheBoxTheSdpSaysSends() throws Exception {
        // a gateway signals for a media box beside it (the same network), whose RTP carries comfort noise the
        // PBX did not accept
        String box = "10.1.0.33";
        String offer = RelayedCall.sdp(box, 16000);
        String answer = RelayedCall.sdp(PBX, 15000).replace("RTP/AVP 0 8 101", "RTP/AVP 8");
        Diagnosis d = RelayedCall.toPbx("", offer, answer)
                .rtp(box + ":16000", PBX + ":15000", 0.4, 300, 0x1111, 8, 0)
                .rtp(box + ":16000", PBX + ":15000", 6.5, 5, 0x1111, 13, 0)
                .rtp(PBX + ":15000", box + ":16000", 0.41, 300, 0x2222, 8, 0).bye(7).diagnose(dir);
        List<Finding> codec = d.withCode(FindingCode.MEDIA_CODEC_MISMATCH);
        assertEquals(1, codec.size(), titles(d));
        assertTrue(codec.get(0).explanation().startsWith(box + " sends comfort noise (RFC 3389, payload type 13)"),
                codec.get(0).explanation());
        String step = codec.get(0).fix().steps().get(0);
        assertTrue(step.startsWith("Make " + box + " send"), step);
    }

    @Test
    void rtpToAnotherPortNamesItsSenderNotTheProxy() throws Exception {
        Diagnosis d = RelayedCall.throughProxy(RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp(ALICE_MEDIA, BOB_MEDIA, 0.4, 500, 0x1111, 0, 0)
                .rtp(BOB_MEDIA, ALICE + ":40002", 0.41, 500, 0x2222, 0, 0).bye(10.5).diagnose(dir);
        List<Finding> mismatch = d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH);
        assertEquals(1, mismatch.size(), titles(d));
        assertTrue(mismatch.get(0).fix().steps().get(0).startsWith(BOB + " sends to " + ALICE + ":40002"),
                mismatch.get(0).fix().steps().toString());
        assertNoWord(mismatch.get(0), PBX);
    }

    @Test
    void noRtpOpensThePortsInOneStep() throws Exception {
        // the two parties the other way round are the same step
        Diagnosis d = MediaCase.jambonzToLiveKit("203.0.113.10", 40000, MediaCase.LIVEKIT, 30000)
                .rtp("192.0.2.1:20000", "192.0.2.2:20002", 0.5, 100, 0x77, Set.of()).bye(MediaCase.JAMBONZ, 10.5)
                .diagnose(dir);
        List<String> steps = d.withCode(FindingCode.MEDIA_NO_RTP).get(0).fix().steps();
        assertEquals(1, steps.stream().filter(s -> s.startsWith("Open the RTP UDP port ranges")).count(),
                steps.toString());
    }

    @Test
    void aLatchingHintEndsItsSentenceOnce() throws Exception {
        // Jambonz's RTP comes from a NAT address and LiveKit answers there: "(the capture shows it does)."
        Diagnosis d = MediaCase.jambonzToLiveKit("203.0.113.10", 40000, MediaCase.LIVEKIT, 30000)
                .rtpBothWays("198.51.100.20:61000", MediaCase.LIVEKIT + ":30000", 10).bye(MediaCase.JAMBONZ, 10.5)
                .diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH).stream()
                .filter(m -> m.explanation().contains("must latch")).findFirst().orElseThrow();
        assertTrue(f.explanation().contains("(the capture shows it does). Where"), f.explanation());
        assertFalse(f.explanation().contains(".."), f.explanation());
    }

    @Test
    void aRefusedVideoStreamIsNoHold() throws Exception {
        String video = "m=video 5030 RTP/AVP 103\r\na=rtpmap:103 VP8/90000\r\na=recvonly\r\n";
        String refused = "m=video 0 RTP/AVP 103\r\na=rtpmap:103 VP8/90000\r\n";
        Diagnosis refusedVideo = RelayedCall.throughProxy(RelayedCall.sdp(ALICE, 40000) + video,
                        RelayedCall.sdp(BOB, 50000) + refused)
                .rtpBothWays(ALICE_MEDIA, BOB_MEDIA, 10).bye(10.5).diagnose(dir);
        assertEquals(List.of(), codes(refusedVideo), titles(refusedVideo));
    }

    @Test
    void aHoldMismatchAProxyPassesOnIsToldOnce() throws Exception {
        Diagnosis hold = RelayedCall.throughProxy(org.sipladder.testkit.Rtp.sdp(ALICE, 40000, "sendonly"),
                        RelayedCall.sdp(BOB, 50000))
                .rtp(ALICE_MEDIA, BOB_MEDIA, 0.4, 500, 0x1111, 0, 0).bye(10.5).diagnose(dir);
        assertEquals(1, hold.withCode(FindingCode.MEDIA_HOLD_MISMATCH).size(), titles(hold));
    }

    private static final Set<FindingCode> MEDIA = Set.copyOf(MediaFindingsTest.CODES);

    private static List<FindingCode> codes(Diagnosis d) {
        return d.findings().stream().map(Finding::code).filter(MEDIA::contains).toList();
    }

    private static String titles(Diagnosis d) {
        return d.findings().stream().map(f -> f.code() + " " + f.title()).toList().toString();
    }

    /**
     * The finding names {@code address} as no party: not in its title, explanation or fix (its facts cite the SIP
     * messages, which the proxy sent).
     */
    @Test
    void noRtpOnOneLegWhileTheOtherLegCarriesAudioBothWaysIsMediaOutOfTheCapturesView() throws Exception {
        // Wireshark's FAX-Call-t38-CA-TDM-SIP-FB-1.pcap: the SBC's inner leg carries 77 s of RTP both ways, its outer
        // leg none; that outer leg read as a primary "no RTP either way" error
        String pbxB = PBX + ":20000";
        Diagnosis d = RelayedCall.throughB2bua("", RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(PBX, 20000),
                        RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(PBX, 30000))
                .rtpBothWays(pbxB, BOB_MEDIA, 10).bye(10.5).diagnose(dir);
        List<Finding> noRtp = d.withCode(FindingCode.MEDIA_NO_RTP);
        assertEquals(1, noRtp.size(), titles(d));
        Finding f = noRtp.get(0);
        assertEquals("a-leg", f.callId());
        assertEquals(Severity.WARNING, f.severity(), "the other leg's audio vouches for this one's");
        assertFalse(f.primary());
        assertFalse(d.failedAfterAnswer("a-leg"));
        assertTrue(f.explanation().contains("outside the capture's view"), f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("Leg b-leg of this call")),
                f.evidence().facts().toString());
        assertTrue(f.fix().steps().get(0).startsWith("Capture where this leg's media flows"), f.fix().steps().toString());
        // audio on the other leg for only a moment of the call vouches for nothing: the error stays
        Diagnosis brief = RelayedCall.throughB2bua("", RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(PBX, 20000),
                        RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(PBX, 30000))
                .rtpBothWays(pbxB, BOB_MEDIA, 2).bye(10.5).diagnose(dir);
        Finding error = brief.withCode(FindingCode.MEDIA_NO_RTP).get(0);
        assertEquals(Severity.ERROR, error.severity());
        assertTrue(error.primary() && brief.failedAfterAnswer("a-leg"), titles(brief));
    }

    private static void assertNoWord(Finding f, String address) {
        String all = f.title() + " " + f.explanation() + " " + f.fix().steps();
        assertFalse(all.matches("(?s).*\\b" + address.replace(".", "\\.") + "\\b(?![.:]?\\d).*"), all);
    }
}
