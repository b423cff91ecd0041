package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Rtp;

/** Per media finding code: a capture where it must fire, and the clean call with RTP both ways where it must not. */
class MediaFindingsTest {

    static final List<FindingCode> CODES = List.of(FindingCode.MEDIA_NO_RTP, FindingCode.MEDIA_ONE_WAY, FindingCode.MEDIA_RTP_STOPPED, FindingCode.MEDIA_DEAD_AIR, FindingCode.MEDIA_RTP_LATE_START, FindingCode.MEDIA_RTP_REFUSED, FindingCode.MEDIA_TIMEOUT_HANGUP,
            FindingCode.MEDIA_ADDRESS_MISMATCH, FindingCode.MEDIA_CODEC_MISMATCH, FindingCode.MEDIA_LOSS, FindingCode.MEDIA_JITTER, FindingCode.MEDIA_HOLD_MISMATCH,
            FindingCode.MEDIA_DTMF_NO_MARKER, FindingCode.MEDIA_DTMF_TIMESTAMP_MOVED, FindingCode.MEDIA_LOSS_REPORTED, FindingCode.MEDIA_JITTER_REPORTED,
            FindingCode.MEDIA_ROUND_TRIP_HIGH, FindingCode.LK_DTMF_INFO_REFUSED, FindingCode.LK_DTMF_NOT_NEGOTIATED);

    /** Jambonz's public media address (rtpengine), LiveKit's media address: also the other media tests'. */
    static final String SBC_MEDIA = "203.0.113.10";
    static final String SBC = SBC_MEDIA + ":40000";
    static final String LK = MediaCase.LIVEKIT + ":30000";
    private static final String SBC_RTCP = SBC_MEDIA + ":40001";
    private static final String LK_RTCP = MediaCase.LIVEKIT + ":30001";

    @TempDir
    Path dir;

    record Case(FindingCode code, String name, Supplier<MediaCase> call) {
        @Override
        public String toString() {
            return code + ": " + name;
        }
    }

    static MediaCase clean() {
        return MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000).rtpBothWays(SBC, LK, 10)
                .bye(MediaCase.JAMBONZ, 10.5);
    }

    static Stream<Case> firing() {
        return Stream.of(
                new Case(FindingCode.MEDIA_NO_RTP, "answered, RTP only between other hosts", () ->
                        MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtp("192.0.2.1:20000", "192.0.2.2:20002", 0.5, 100, 0x77, Set.of())
                                .bye(MediaCase.JAMBONZ, 10.5)),
                new Case(FindingCode.MEDIA_ONE_WAY, "only Jambonz sends", () ->
                        MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of()).bye(MediaCase.JAMBONZ, 10.5)),
                new Case(FindingCode.MEDIA_RTP_STOPPED, "LiveKit's RTP stops after 1 s, Jambonz's goes on for 9 s",
                        () -> MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of())
                                .rtp(LK, SBC, 0.41, 50, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5)),
                new Case(FindingCode.MEDIA_DEAD_AIR, "RTP both ways for 3 s, Jambonz's BYE 9 s later", () ->
                        MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtpBothWays(SBC, LK, 3).bye(MediaCase.JAMBONZ, 12.5)),
                new Case(FindingCode.MEDIA_RTP_LATE_START, "Jambonz's RTP starts 20 s after LiveKit's", () ->
                        MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtp(SBC, LK, 20.4, 500, 0x1111, Set.of())
                                .rtp(LK, SBC, 0.41, 1500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 30.5)),
                new Case(FindingCode.MEDIA_RTP_REFUSED, "LiveKit's host answers Jambonz's RTP with port unreachable",
                        () -> MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtpRefused(SBC, LK, 0.4, 500, 0x1111)
                                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5)),
                new Case(FindingCode.MEDIA_TIMEOUT_HANGUP, "private SDP address to LiveKit, BYE 30 s after the answer",
                        MediaFindingsTest::privateSdpToLiveKit),
                new Case(FindingCode.MEDIA_ADDRESS_MISMATCH, "Jambonz's RTP comes from a NAT address", () ->
                        MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtpBothWays("198.51.100.20:61000", LK, 10).bye(MediaCase.JAMBONZ, 10.5)),
                new Case(FindingCode.MEDIA_CODEC_MISMATCH, "Jambonz sends G.729, LiveKit answered G.711 only", () ->
                        MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of(), 0, 18)
                                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5)),
                new Case(FindingCode.MEDIA_LOSS, "10 of 500 packets lost (2 %)", () ->
                        MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of(50, 51, 52, 53, 54, 300, 301, 302, 303, 304))
                                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5)),
                new Case(FindingCode.MEDIA_JITTER, "every other packet 40 ms late", () ->
                        MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of(), 40, 0)
                                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5)),
                new Case(FindingCode.MEDIA_HOLD_MISMATCH, "hold (sendonly) answered sendrecv", () ->
                        clean().reInvite(5, SBC_MEDIA, 40000, "sendonly", MediaCase.LIVEKIT, 30000, "sendrecv")),
                new Case(FindingCode.MEDIA_DTMF_NO_MARKER, "DTMF to LiveKit without the marker bit", () ->
                        dtmfToLiveKit(false)),
                new Case(FindingCode.MEDIA_DTMF_TIMESTAMP_MOVED, "each packet of a key press under a new timestamp",
                        () -> MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                                .rtpWithDtmf(SBC, LK, 0.4, 500, 0x1111, new int[] {5}, true, true)
                                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5)),
                new Case(FindingCode.LK_DTMF_INFO_REFUSED, "digits 5 and # to LiveKit as SIP INFO, answered 405",
                        () -> LiveKitDtmfTest.infoDigits(clean())),
                new Case(FindingCode.LK_DTMF_NOT_NEGOTIATED, "telephone-event/48000 offered, LiveKit answers none, "
                        + "digits sent as events anyway", LiveKitDtmfTest::eventsAt48kHz),
                new Case(FindingCode.MEDIA_LOSS_REPORTED, "Jambonz reports 24 of the 481 packets of LiveKit it "
                        + "expected by then lost, none missing at the capture point", () -> clean().rtcp(9, SBC_RTCP,
                        LK_RTCP, Rtp.receiverReport(0x1111, Rtp.reportBlock(0x2222, 13, 24, 480, 8, 0, 0)))),
                new Case(FindingCode.MEDIA_JITTER_REPORTED, "Jambonz reports 50 ms jitter on LiveKit's even stream",
                        () -> clean().rtcp(9, SBC_RTCP, LK_RTCP, Rtp.receiverReport(0x1111,
                                Rtp.reportBlock(0x2222, 0, 0, 480, 400, 0, 0)))),
                new Case(FindingCode.MEDIA_ROUND_TRIP_HIGH, "500 ms from Jambonz's report back to its arrival", () ->
                        clean().rtcp(9, SBC_RTCP, LK_RTCP, Rtp.receiverReport(0x1111,
                                Rtp.reportBlock(0x2222, 0, 0, 480, 8, MediaCase.ntpMiddle(9 - 0.5 - 1), 65_536)))));
    }

    /** The clean call whose RTP to LiveKit carries the digits 1, 5 and #, their first packets marked or not. */
    static MediaCase dtmfToLiveKit(boolean marker) {
        return MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpWithDtmf(SBC, LK, 0.4, 500, 0x1111, new int[] {1, 5, 11}, marker)
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5);
    }

    /** The issue's case: Jambonz advertises its private address to LiveKit Cloud, LiveKit hangs up 30 s later. */
    static MediaCase privateSdpToLiveKit() {
        return MediaCase.jambonzToLiveKit(MediaCase.JAMBONZ, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(LK, MediaCase.JAMBONZ + ":40000", 0.35, 1490, 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, 30.3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firing")
    void firesOnItsCase(Case c) throws Exception {
        Diagnosis d = c.call().get().diagnose(dir);
        List<Finding> found = d.withCode(c.code());
        assertFalse(found.isEmpty(), d.findings().stream().map(f -> f.code() + " " + f.title()).toList().toString());
        Finding f = found.get(0);
        assertFalse(f.title().isBlank() || f.explanation().isBlank());
        assertFalse(f.fix().steps().isEmpty(), "fix steps");
        assertFalse(f.evidence().facts().isEmpty(), "facts");
        assertFalse(f.evidence().frames().isEmpty(), "frames");
    }

    @Test
    void reportedJitterNoJitterBufferHoldsIsInformationAboutTheReport() throws Exception {
        // 9,244 timestamp units at 8 kHz: 1,155 ms, as a real receiver reported on a stream that arrived evenly
        Diagnosis d = clean().rtcp(9, SBC_RTCP, LK_RTCP, Rtp.receiverReport(0x1111,
                Rtp.reportBlock(0x2222, 0, 0, 480, 9244, 0, 0))).diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_JITTER_REPORTED).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.explanation().contains("other units than the stream's clock rate"), f.explanation());
        Diagnosis plausible = clean().rtcp(9, SBC_RTCP, LK_RTCP, Rtp.receiverReport(0x1111,
                Rtp.reportBlock(0x2222, 0, 0, 480, 400, 0, 0))).diagnose(dir);
        assertEquals(Severity.WARNING, plausible.withCode(FindingCode.MEDIA_JITTER_REPORTED).get(0).severity());
    }

    @Test
    void lossOverTimeIsTheSameReadFromASeriesForLossOnly() throws Exception {
        // losses in the 2nd and 7th second, more in the 7th: the worst second is named
        Supplier<MediaCase> lossy = () -> MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of(50, 51, 52, 300, 301, 302, 303, 304, 305, 306))
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5);
        List<Finding> full = lossy.get().diagnose(dir, LiveKitConfig.empty(), new MediaCollector())
                .withCode(FindingCode.MEDIA_LOSS);
        List<Finding> lossOnly = lossy.get().diagnose(dir, LiveKitConfig.empty(), MediaCollector.withLossSeries())
                .withCode(FindingCode.MEDIA_LOSS);
        assertEquals(1, full.size());
        assertTrue(full.get(0).evidence().facts().stream().anyMatch(f -> f.startsWith("Worst second: ")),
                full.get(0).evidence().facts().toString());
        assertEquals(full, lossOnly);
    }

    @Test
    void refusedRtpNamesTheErrorsAndAFewAtTheStartAreNoRefusal() throws Exception {
        Diagnosis refused = firing().filter(c -> c.code() == FindingCode.MEDIA_RTP_REFUSED).findFirst().orElseThrow()
                .call().get().diagnose(dir);
        Finding f = refused.withCode(FindingCode.MEDIA_RTP_REFUSED).get(0);
        assertEquals("RTP to " + LK + " refused: ICMP port unreachable", f.title());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("10 ICMP port unreachable errors from "
                + MediaCase.LIVEKIT)), f.evidence().facts().toString());
        assertTrue(refused.failedAfterAnswer(f.flowId()), "RTP nobody hears fails the call");
        // two errors in the first second (RTP before the receiver opened its port): no finding
        Diagnosis early = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpRefused(SBC, LK, 0.4, 100, 0x1111).rtp(SBC, LK, 2.4, 400, 0x1111, Set.of())
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        assertTrue(early.withCode(FindingCode.MEDIA_RTP_REFUSED).isEmpty(), early.findings().toString());
        // refused only after the BYE (the receiver closed its port while the last packets were on the way): no finding
        Diagnosis hungUp = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 450, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 500, 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, 9.4).rtpRefused(SBC, LK, 9.5, 150, 0x3333).diagnose(dir);
        assertTrue(hungUp.withCode(FindingCode.MEDIA_RTP_REFUSED).isEmpty(), hungUp.findings().toString());
    }

    @Test
    void lossInOneLongGapIsAnOutageNotCongestion() throws Exception {
        // packets 100-399 never arrive: 6 s without RTP, then the stream goes on
        Set<Integer> gap = IntStream.range(100, 400).boxed().collect(Collectors.toSet());
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, gap).rtp(LK, SBC, 0.41, 500, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_LOSS).get(0);
        assertTrue(f.explanation().contains("stopped arriving for 6.0 s"), f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("No packet for 6.0 s before frame")),
                f.evidence().facts().toString());
        assertFalse(f.fix().steps().get(0).contains("QoS"), f.fix().steps().toString());
        // scattered loss keeps the congestion advice
        Finding scattered = lossOf(IntStream.range(0, 20).map(i -> 10 + 47 * i).boxed().collect(Collectors.toSet()));
        assertTrue(scattered.fix().steps().get(0).contains("QoS"), scattered.fix().steps().toString());
    }

    @Test
    void oneUnofferedPayloadTypeIsNamedInTheSingular() throws Exception {
        Finding f = firing().filter(c -> c.code() == FindingCode.MEDIA_CODEC_MISMATCH).findFirst().orElseThrow()
                .call().get().diagnose(dir).withCode(FindingCode.MEDIA_CODEC_MISMATCH).get(0);
        assertTrue(f.title().endsWith(" uses payload type 18 that its SDP did not offer"), f.title());
        assertTrue(f.explanation().contains(" sends payload type 18 that "), f.explanation());
    }

    @Test
    void comfortNoiseTheReceiverDidNotNegotiateIsInformationAndNoLossOrJitter() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpWithComfortNoise(SBC, LK, 0.4, 500, 0x1111)
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_CODEC_MISMATCH).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.explanation().contains("comfort noise (RFC 3389, payload type 13)")
                && f.explanation().endsWith("the speech is not affected."), f.explanation());
        for (FindingCode code : List.of(FindingCode.MEDIA_LOSS, FindingCode.MEDIA_JITTER, FindingCode.MEDIA_RTP_STOPPED)) {
            assertTrue(d.withCode(code).isEmpty(), d.withCode(code).toString());
        }
    }

    @Test
    void duplicatesDoNotMakeUpForLostPackets() throws Exception {
        // 10 of 500 never arrive, 10 others arrive twice (a capture on two interfaces, a retransmitting SBC): Wireshark
        // nets them to 0 lost, as RFC 3550's cumulative count does
        Set<Integer> lost = IntStream.range(0, 10).map(i -> 100 + 37 * i).boxed().collect(Collectors.toSet());
        Finding f = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, lost).rtp(SBC, LK, 0.4005, 10, 0x1111, Set.of())
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir)
                .withCode(FindingCode.MEDIA_LOSS).get(0);
        assertTrue(f.evidence().facts().get(0).contains(": 10 of 500 expected packets lost (2.0 %)"),
                f.evidence().facts().toString());
    }

    @Test
    void aSenderRestartingItsSequenceNumbersLosesNoPackets() throws Exception {
        // numbered from 20,000, then from 7 or from 60,000 at packet 200 (RFC 3550 A.1: a restart): Wireshark counts
        // the numbers skipped, 45,000 or 40,000, as lost
        for (int restartSeq : new int[] {7, 60_000}) {
            Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                    .rtpRestartingSequence(SBC, LK, 0.4, 500, 0x1111, Set.of(), 20_000, 200, restartSeq)
                    .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
            assertTrue(d.withCode(FindingCode.MEDIA_LOSS).isEmpty(), d.withCode(FindingCode.MEDIA_LOSS).toString());
        }
        // packets lost after the restart are lost, counted in the runs of numbers the sender sent
        Set<Integer> lost = IntStream.range(300, 310).boxed().collect(Collectors.toSet());
        Finding f = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpRestartingSequence(SBC, LK, 0.4, 500, 0x1111, lost, 20_000, 200, 7)
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir)
                .withCode(FindingCode.MEDIA_LOSS).get(0);
        List<String> facts = f.evidence().facts();
        assertTrue(facts.get(0).contains(": 10 of 500 expected packets lost (2.0 %)"), facts.toString());
        assertTrue(facts.get(1).startsWith("The sender restarted its RTP sequence numbers once (RFC 3550 A.1); "
                + "Wireshark counts 45353 lost"), facts.toString());
    }

    @Test
    void oneSecondDropoutIsAWarningThoughTheLossIsSmall() throws Exception {
        // 25 packets in a row (0.5 s of 20 ms packets) of 500 never arrive: 5 % overall, heard as a dropout
        Set<Integer> second = IntStream.range(200, 225).boxed().collect(Collectors.toSet());
        Finding dropout = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, second).rtp(LK, SBC, 0.41, 500, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir).withCode(FindingCode.MEDIA_LOSS).get(0);
        assertEquals(Severity.WARNING, dropout.severity());
        assertTrue(dropout.evidence().facts().stream().anyMatch(x -> x.endsWith("heard as a dropout")),
                dropout.evidence().facts().toString());
        // the same 25 packets lost one here, one there: concealed, information only
        Set<Integer> scattered = IntStream.range(0, 25).map(i -> 10 + 19 * i).boxed().collect(Collectors.toSet());
        Finding spread = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, scattered).rtp(LK, SBC, 0.41, 500, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir).withCode(FindingCode.MEDIA_LOSS).get(0);
        assertEquals(Severity.INFO, spread.severity());
    }

    @Test
    void lossInDropoutsIsAWarningThatSaysSoAndSpreadOutLossANote() throws Exception {
        // 30 of 1000 packets (3 %) never arrive: in three dropouts of 200 ms (10 packets), or one at a time
        Set<Integer> dropouts = IntStream.range(0, 30).map(i -> 200 + 300 * (i / 10) + i % 10).boxed()
                .collect(Collectors.toSet());
        Set<Integer> spread = IntStream.range(0, 30).map(i -> 10 + 33 * i).boxed().collect(Collectors.toSet());
        Finding burst = lossOf(dropouts);
        assertEquals(Severity.WARNING, burst.severity());
        assertTrue(burst.explanation().contains("in gaps long enough to hear: the longest held 10 packets (about 200 ms "
                + "of audio)"), burst.explanation());
        assertTrue(burst.evidence().facts().contains("The loss fell in 3 gaps of sequence numbers, the longest 10 "
                + "packets (200 ms of audio) before sequence number 210, heard as a dropout"),
                burst.evidence().facts().toString());
        assertTrue(burst.fix().steps().get(0).contains("handovers"), burst.fix().steps().toString());
        Finding scattered = lossOf(spread);
        assertEquals(Severity.INFO, scattered.severity());
        assertTrue(scattered.explanation().contains("spread out (30 gaps of at most 1 packet)"),
                scattered.explanation());
        assertTrue(scattered.fix().steps().get(0).contains("QoS"), scattered.fix().steps().toString());
    }

    @Test
    void aDropoutOfOneLongPacketIsToldInTheSingular() throws Exception {
        // 60 ms packets: each single one lost is a gap concealment does not bridge
        Set<Integer> lost = IntStream.range(0, 12).map(i -> 20 + 30 * i).boxed().collect(Collectors.toSet());
        Finding f = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpWithPtime(SBC, LK, 0.4, 400, 0x1111, lost, 60).rtpWithPtime(LK, SBC, 0.41, 400, 0x2222, Set.of(), 60)
                .bye(MediaCase.JAMBONZ, 24.5).diagnose(dir).withCode(FindingCode.MEDIA_LOSS).get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.explanation().contains("the longest held 1 packet (about 60 ms of audio), more than"),
                f.explanation());
        assertTrue(f.evidence().facts().contains("The loss fell in 12 gaps of sequence numbers, the longest 1 packet "
                + "(60 ms of audio) before sequence number 21, heard as a dropout"), f.evidence().facts().toString());
    }

    /** The MEDIA_LOSS finding of a 20 s stream from Jambonz to LiveKit that lost the packets {@code lost}. */
    private Finding lossOf(Set<Integer> lost) throws Exception {
        return MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 1000, 0x1111, lost).rtp(LK, SBC, 0.41, 1000, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 20.5).diagnose(dir).withCode(FindingCode.MEDIA_LOSS).get(0);
    }

    @Test
    void rtpStoppingShortlyBeforeTheEndOrATrickleIsNoStop() throws Exception {
        // LiveKit's 400 packets end at 8.4 s, Jambonz's go on to 10.4 s: 2 s is no stop a caller notices
        Diagnosis shortly = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 400, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        assertTrue(shortly.withCode(FindingCode.MEDIA_RTP_STOPPED).isEmpty(), shortly.findings().toString());
        // 10 packets one way is a trickle: one-way audio, told once
        Diagnosis trickle = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 10, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        assertTrue(trickle.withCode(FindingCode.MEDIA_RTP_STOPPED).isEmpty(), trickle.findings().toString());
        assertEquals(1, trickle.withCode(FindingCode.MEDIA_ONE_WAY).size(), trickle.findings().toString());
    }

    @Test
    void jitterAcrossARestartedRtpClockSaysSo() throws Exception {
        // 50 packets, then the sender's timestamps start again from 0: 100 packets lie before the first one's
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpRestartingClock(SBC, LK, 0.4, 300, 0x1111, 50)
                .rtp(LK, SBC, 0.41, 300, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        List<Finding> jitter = d.withCode(FindingCode.MEDIA_JITTER);
        assertEquals(1, jitter.size(), d.findings().stream().map(f -> f.code() + " " + f.title()).toList().toString());
        List<String> facts = jitter.get(0).evidence().facts();
        assertEquals(2, facts.size(), facts.toString());
        assertTrue(facts.get(1).startsWith("100 packets had an RTP timestamp before the stream's first: the sender "
                + "restarted its RTP clock"), facts.get(1));
        // the figure measures the jump: information, with no congestion advice
        assertEquals(Severity.INFO, jitter.get(0).severity());
        assertFalse(jitter.get(0).fix().steps().get(0).contains("congestion"), jitter.get(0).fix().steps().toString());
        // a clean stream's finding has the one fact
        List<Finding> plain = firing().filter(c -> c.code() == FindingCode.MEDIA_JITTER).findFirst().orElseThrow()
                .call().get().diagnose(dir).withCode(FindingCode.MEDIA_JITTER);
        assertEquals(1, plain.get(0).evidence().facts().size());
    }

    @Test
    void aShiftedRtpClockAfterAHoldIsNoJitterTheJitterWithoutItIsJudged() throws Exception {
        // resumed with the marker bit and timestamps 80 s ahead (seen from FreeSWITCH-based SBCs after a hold): the
        // A.8 jitter climbs to 5 s and decays, a mean of about 270 ms that no network made; or resumed after a 5 s
        // hold, the timestamps going on from where they stopped. Packets otherwise on time: no jitter finding
        for (double[] jump : new double[][] {{640_000, 0}, {0, 5}}) {
            Diagnosis clean = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                    .rtpShiftingClock(SBC, LK, 0.4, 300, 0x1111, 150, (long) jump[0], jump[1])
                    .rtp(LK, SBC, 0.41, 300, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 11.5).diagnose(dir);
            assertEquals(List.of(), clean.withCode(FindingCode.MEDIA_JITTER).stream().map(Finding::title).toList());
            // every other packet 40 ms late as well: the jitter heard (about 40 ms throughout) is a warning, titled
            // by the jitter without the jump, and the facts say Wireshark's figure includes the jump
            List<Finding> jitter = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                    .rtpShiftingClock(SBC, LK, 0.4, 300, 0x1111, 150, (long) jump[0], jump[1], 40)
                    .rtp(LK, SBC, 0.41, 300, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 11.5).diagnose(dir)
                    .withCode(FindingCode.MEDIA_JITTER);
            assertEquals(1, jitter.size());
            Finding f = jitter.get(0);
            assertEquals(Severity.WARNING, f.severity(), f.title());
            assertTrue(f.title().startsWith("Jitter up to 40 ms") || f.title().startsWith("Jitter up to 39 ms"),
                    f.title());
            List<String> facts = f.evidence().facts();
            assertTrue(facts.get(1).startsWith("1 packet's RTP timestamp jumped a second or more against the arrival "
                    + "time"), facts.toString());
            assertTrue(facts.get(1).contains("The jitter above, Wireshark's, includes that jump; without it the "
                    + "jitter is mean 3"), facts.get(1));
            assertTrue(f.fix().steps().get(0).contains("congestion"), f.fix().steps().toString());
        }
    }

    @Test
    void reportedJitterIsSetBesideTheCapturesWithoutTheClockJumpBothHold() throws Exception {
        // LiveKit resumes at 3.41 s with its RTP clock 80 s ahead: Wireshark's jitter climbs to 5 s there, and so does
        // that of Jambonz, whose report 0.2 s later says 4 s (32,000 units at 8 kHz): the jump, not the network
        java.util.function.BiFunction<Double, Integer, Diagnosis> reported = (seconds, units) -> {
            try {
                return MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                        .rtp(SBC, LK, 0.4, 300, 0x1111, Set.of())
                        .rtpShiftingClock(LK, SBC, 0.41, 300, 0x2222, 150, 640_000, 0)
                        .rtcp(seconds, SBC_RTCP, LK_RTCP, Rtp.receiverReport(0x1111,
                                Rtp.reportBlock(0x2222, 0, 0, 290, units, 0, 0)))
                        .bye(MediaCase.JAMBONZ, 11).diagnose(dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Diagnosis jump = reported.apply(3.6, 32_000);
        assertEquals(List.of(), jump.withCode(FindingCode.MEDIA_JITTER_REPORTED).stream().map(Finding::title).toList());
        assertEquals(List.of(), jump.withCode(FindingCode.MEDIA_JITTER).stream().map(Finding::title).toList());
        // 50 ms reported at 9 s, long after the jump faded, where the capture saw the packets arrive evenly: delayed
        // after the capture point, though Wireshark's jitter of the stream is 5 s
        Diagnosis later = reported.apply(9.0, 400);
        List<Finding> found = later.withCode(FindingCode.MEDIA_JITTER_REPORTED);
        assertEquals(1, found.size(), later.findings().stream().map(f -> f.code() + " " + f.title()).toList().toString());
        assertEquals(Severity.WARNING, found.get(0).severity());
        String facts = found.get(0).evidence().facts().get(0);
        assertTrue(facts.contains("reports jitter up to 50.0 ms") && facts.contains("the capture measures at most 0.0 ms, "
                + "both without the jump of the sender's RTP clock (a hold)"), facts);
    }

    @Test
    void partiesOnOneHostAreToldApartByTheirEndpoints() throws Exception {
        // a proxy and its media server, or a test on one machine: both SIP endpoints and both media ports on one
        // address; RTP both ways is a clean call, not one-way audio to whichever party comes first
        String host = "10.0.0.5";
        Diagnosis both = MediaCase.oneHost(host, 6100, 6000).rtpBothWays(host + ":6100", host + ":6000", 5)
                .diagnose(dir);
        List<FindingCode> media = both.findings().stream().map(Finding::code).filter(CODES::contains).toList();
        assertEquals(List.of(), media, both.findings().stream().map(Finding::title).toList().toString());
        // RTP from the caller only: the callee hears it, the caller hears nothing
        Diagnosis oneWay = MediaCase.oneHost(host, 6100, 6000).rtp(host + ":6100", host + ":6000", 0.4, 250, 0x1111,
                Set.of()).diagnose(dir);
        List<Finding> found = oneWay.withCode(FindingCode.MEDIA_ONE_WAY);
        assertEquals(1, found.size(), oneWay.findings().stream().map(Finding::title).toList().toString());
        assertTrue(found.get(0).title().contains(host + ":5070"), found.get(0).title());
        // parties on one private network reach each other's private addresses: no NAT advice, no LiveKit or Jambonz
        String steps = String.join(" ", found.get(0).fix().steps());
        assertFalse(steps.contains("public address") || steps.contains("LiveKit") || steps.contains("Jambonz"), steps);
    }

    @Test
    void oneWayAudioOnOneHostAsksForNoFirewallBetweenTheHostAndItself() throws Exception {
        // pkts' sip_rtp.pcap: both SIP endpoints and both media ends on 127.0.0.1, RTP one way only; the fix read
        // "open firewall ports between 127.0.0.1 and 127.0.0.1"
        for (String host : List.of("127.0.0.1", "10.0.0.5")) {
            Diagnosis oneWay = MediaCase.oneHost(host, 6001, 6000).rtp(host + ":6001", host + ":6000", 0.4, 250,
                    0x1111, Set.of()).diagnose(dir);
            List<Finding> found = oneWay.withCode(FindingCode.MEDIA_ONE_WAY);
            assertEquals(1, found.size(), oneWay.findings().stream().map(Finding::title).toList().toString());
            String steps = String.join(" ", found.get(0).fix().steps());
            assertFalse(steps.contains("between " + host + " and " + host), steps);
            assertTrue(steps.contains("Both media ends are on one host (" + host), steps);
            assertTrue(steps.contains(host + ":5070 announced " + host + ":6001")
                    && steps.contains(host + ":5080 announced " + host + ":6000"), steps);
            assertEquals(host.startsWith("127."), steps.contains("loopback"), steps);
        }
    }

    @Test
    void everyCodeHasAFiringCase() {
        assertEquals(Set.copyOf(CODES), firing().map(Case::code).collect(Collectors.toSet()));
    }

    @Test
    void cleanCallWithRtpBothWaysHasNoMediaFinding() throws Exception {
        Diagnosis d = clean().diagnose(dir);
        List<FindingCode> media = d.findings().stream().map(Finding::code).filter(CODES::contains).toList();
        assertEquals(List.of(), media);
        assertFalse(d.failedAfterAnswer(MediaCase.flowId()));
    }

    @Test
    void healthyRtcpAndLossTheCaptureAlsoSeesAreNoReportedFinding() throws Exception {
        // Jambonz reports 40 ms round trip, 2.5 ms jitter, nothing lost
        Diagnosis healthy = clean().rtcp(9, SBC_RTCP, LK_RTCP, Rtp.receiverReport(0x1111,
                Rtp.reportBlock(0x2222, 0, 0, 480, 20, MediaCase.ntpMiddle(9 - 0.04 - 1), 65_536))).diagnose(dir);
        assertEquals(List.of(), healthy.findings().stream().map(Finding::code).filter(CODES::contains).toList());
        // LiveKit's 10 packets went missing before the capture point and Jambonz reports those 10: MEDIA_LOSS only
        Diagnosis seen = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of())
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of(50, 51, 52, 53, 54, 300, 301, 302, 303, 304))
                .rtcp(9, SBC_RTCP, LK_RTCP, Rtp.receiverReport(0x1111, Rtp.reportBlock(0x2222, 0, 10, 480, 8, 0, 0)))
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        assertEquals(List.of(FindingCode.MEDIA_LOSS), seen.findings().stream().map(Finding::code)
                .filter(CODES::contains).toList());
    }

    @Test
    void reportedLossNamesTheReporterAndTheStream() throws Exception {
        Finding f = firing().filter(c -> c.code() == FindingCode.MEDIA_LOSS_REPORTED).findFirst().orElseThrow()
                .call().get().diagnose(dir).withCode(FindingCode.MEDIA_LOSS_REPORTED).get(0);
        // the sender by its hop role, as the other media findings name it
        assertTrue(f.title().contains("5.0 % loss on RTP from LiveKit (" + MediaCase.LIVEKIT + ") "), f.title());
        assertTrue(f.explanation().contains("lost after it"), f.explanation());
        assertTrue(f.evidence().facts().get(0).contains("24 of 481 expected packets lost"),
                f.evidence().facts().toString());
        assertEquals(Severity.INFO, f.severity()); // 5 %, not above
    }

    @Test
    void reportedJitterNamesTheSenderByItsRoleAsTheOtherMediaFindingsDo() throws Exception {
        Finding f = firing().filter(c -> c.code() == FindingCode.MEDIA_JITTER_REPORTED).findFirst().orElseThrow()
                .call().get().diagnose(dir).withCode(FindingCode.MEDIA_JITTER_REPORTED).get(0);
        assertTrue(f.title().contains("on RTP from LiveKit (" + MediaCase.LIVEKIT + ") "), f.title());
    }

    @Test
    void reportedLossIsAShareOfWhatTheReceiverExpectedByItsReport() throws Exception {
        // the last report, 4 s before the stream ends, counts 28 of 280 packets (sequence numbers 0 to 279) lost:
        // 10 %, not 28 of the 500 the capture saw by the end
        Finding f = clean().rtcp(6, SBC_RTCP, LK_RTCP, Rtp.receiverReport(0x1111,
                        Rtp.reportBlock(0x2222, 25, 28, 279, 8, 0, 0))).diagnose(dir)
                .withCode(FindingCode.MEDIA_LOSS_REPORTED).get(0);
        assertTrue(f.title().contains("reports 10.0 % loss"), f.title());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.evidence().facts().get(0).contains("28 of 280 expected packets lost"),
                f.evidence().facts().toString());
    }

    @Test
    void aRefusedVideoSectionIsNotTheAudiosAddressOrCodecs() throws Exception {
        // audio both ways on the audio ports; the answer refuses the offered video (port 0), which comes last
        Diagnosis d = MediaCase.jambonzToLiveKitWithVideo(SBC_MEDIA, 40000, 40002, MediaCase.LIVEKIT, 30000, 0)
                .rtpBothWays(SBC, LK, 10).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        List<FindingCode> media = d.findings().stream().map(Finding::code).filter(CODES::contains).toList();
        assertEquals(List.of(), media, d.findings().stream().map(Finding::title).toList().toString());
        // video accepted and sent: its RTP is not judged as audio (VP8 is no codec of the audio section)
        Diagnosis video = MediaCase.jambonzToLiveKitWithVideo(SBC_MEDIA, 40000, 40002, MediaCase.LIVEKIT, 30000, 30002)
                .rtpBothWays(SBC, LK, 10).rtp(SBC_MEDIA + ":40002", MediaCase.LIVEKIT + ":30002", 0.4, 100, 0x3333,
                        Set.of(), 0, 103).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        List<FindingCode> withVideo = video.findings().stream().map(Finding::code).filter(CODES::contains).toList();
        assertEquals(List.of(), withVideo, video.findings().stream().map(Finding::title).toList().toString());
    }

    @Test
    void holdAnsweredAsRfc3264AsksIsSilent() throws Exception {
        Diagnosis d = clean().reInvite(5, SBC_MEDIA, 40000, "sendonly", MediaCase.LIVEKIT, 30000, "recvonly")
                .diagnose(dir);
        assertTrue(d.withCode(FindingCode.MEDIA_HOLD_MISMATCH).isEmpty());
        assertTrue(d.withCode(FindingCode.MEDIA_ONE_WAY).isEmpty());
    }

    @Test
    void privateSdpCallToLiveKitFailsWithTheTimeoutAsPrimaryCause() throws Exception {
        Diagnosis d = privateSdpToLiveKit().diagnose(dir);
        assertTrue(d.failedAfterAnswer(MediaCase.flowId()));
        Finding primary = d.primaryFor(MediaCase.flowId()).orElseThrow();
        assertEquals(FindingCode.MEDIA_TIMEOUT_HANGUP, primary.code());
        assertEquals(Severity.ERROR, primary.severity());
        String all = primary.explanation() + " " + primary.evidence().facts() + " " + primary.fix().steps();
        assertTrue(all.contains("private address " + MediaCase.JAMBONZ), all);
        assertTrue(all.contains("media_timeout_initial"), all);
        assertTrue(all.contains("symmetric_rtp"), all);
        assertTrue(all.contains("--external-ip"), all);
    }

    @Test
    void rtpToAnUnannouncedPortIsLatchingOnlyWhenTheReceiversRtpComesFromThere() throws Exception {
        String lkOther = MediaCase.LIVEKIT + ":30002";
        // LiveKit sends from its announced 30000; Jambonz sends to 30002: nobody listens there
        Diagnosis lost = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, lkOther, 0.4, 300, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 300, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        String steps = lost.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH).stream()
                .map(f -> f.fix().steps().toString()).toList().toString();
        assertTrue(steps.contains("neither announced nor sends its own RTP from"), steps);
        assertFalse(steps.contains("latched"), steps);
        // LiveKit sends from 30002 (though it announced 30000) and Jambonz answers there: latching
        Diagnosis latched = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, lkOther, 0.4, 300, 0x1111, Set.of()).rtp(lkOther, SBC, 0.41, 300, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        String latchedSteps = latched.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH).stream()
                .map(f -> f.fix().steps().toString()).toList().toString();
        assertTrue(latchedSteps.contains("has latched onto that source"), latchedSteps);
    }

    @Test
    void aReceiverTheCaptureShowsLatchingIsNotAskedToLatchNorToldItCannot() throws Exception {
        // Jambonz's RTP comes from a NAT address and LiveKit sends back there: it latches, which the steps must not
        // deny ("LiveKit only latches with symmetric_rtp ... fix the address") or ask for again
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpBothWays("198.51.100.20:61000", LK, 10).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        Finding toLiveKit = d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH).stream()
                .filter(f -> f.title().contains("RTP to LiveKit")).findFirst().orElseThrow();
        assertTrue(toLiveKit.explanation().contains("(the capture shows it does)"), toLiveKit.explanation());
        String steps = toLiveKit.fix().steps().toString();
        assertFalse(steps.contains(MediaReasons.LIVEKIT_LATCH), steps);
        assertTrue(steps.contains("already sends its RTP back to 198.51.100.20:61000 (it latches)"), steps);
    }

    @Test
    void aSipOnlyCaptureStillShowsLiveKitHangingUpAtItsInitialMediaTimeout() throws Exception {
        // no RTP in the capture at all: LiveKit's BYE 30 s after the answer is its media_timeout_initial (section 8)
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaCase.JAMBONZ, 40000, MediaCase.LIVEKIT, 30000)
                .bye(MediaCase.LIVEKIT, 30.3).diagnose(dir);
        assertTrue(d.failedAfterAnswer(MediaCase.flowId()), d.findings().toString());
        Finding primary = d.primaryFor(MediaCase.flowId()).orElseThrow();
        assertEquals(FindingCode.MEDIA_TIMEOUT_HANGUP, primary.code());
        String all = primary.explanation() + " " + primary.evidence().facts() + " " + primary.fix().steps();
        assertTrue(all.contains("no RTP at all"), all);
        assertTrue(all.contains("--external-ip"), all);
        // a hang-up at another moment, or by the other side, is no timeout
        for (MediaCase other : List.of(MediaCase.jambonzToLiveKit(MediaCase.JAMBONZ, 40000, MediaCase.LIVEKIT, 30000)
                        .bye(MediaCase.LIVEKIT, 12),
                MediaCase.jambonzToLiveKit(MediaCase.JAMBONZ, 40000, MediaCase.LIVEKIT, 30000)
                        .bye(MediaCase.JAMBONZ, 30.3))) {
            Diagnosis quiet = other.diagnose(dir);
            assertTrue(quiet.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty(), quiet.findings().toString());
        }
    }

    @Test
    void anAnswerNeverAcknowledgedOutranksTheOneWayAudioItLeavesBehind() throws Exception {
        // the caller's side never got the 200 OK: no ACK, and no RTP from it; LiveKit sends RTP and ends the call
        Diagnosis d = MediaCase.jambonzToLiveKitUnacknowledged(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(LK, SBC, 0.35, 1500, 0x2222, Set.of()).bye(MediaCase.LIVEKIT, 32.3).diagnose(dir);
        assertFalse(d.withCode(FindingCode.MEDIA_ONE_WAY).isEmpty(), d.findings().toString());
        assertEquals(FindingCode.SIP_ACK_MISSING, d.primaryFor(MediaCase.flowId()).orElseThrow().code());
        // the side that never got the 200 OK never started sending: that silence is the missing ACK's, one error
        Finding oneWay = d.withCode(FindingCode.MEDIA_ONE_WAY).get(0);
        assertEquals(Severity.WARNING, oneWay.severity());
        assertTrue(oneWay.explanation().contains("primary cause (SIP_ACK_MISSING: "), oneWay.explanation());
    }

    @Test
    void anAnswerNeverAcknowledgedOnACallWhoseRtpFlowedBothWaysIsAWarning() throws Exception {
        // no ACK, but RTP both ways for 25 s and the caller's side hangs up: LiveKit only cut its media timeout,
        // which RTP keeps from firing, so the call lived on (livekit/sip inbound.go waitForCallEnd)
        Diagnosis d = MediaCase.jambonzToLiveKitUnacknowledged(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpBothWays(SBC, LK, 25).bye(MediaCase.JAMBONZ, 25.5).diagnose(dir);
        Finding ack = d.withCode(FindingCode.SIP_ACK_MISSING).get(0);
        assertEquals(Severity.WARNING, ack.severity(), d.findings().toString());
        assertFalse(ack.primary());
        assertTrue(ack.explanation().contains("RTP flowed both ways and the call went on until Jambonz ("
                + MediaCase.JAMBONZ + ") hung up"), ack.explanation());
        assertFalse(d.failedAfterAnswer(MediaCase.flowId()), d.findings().toString());
        assertTrue(d.primaryFor(MediaCase.flowId()).isEmpty(), d.findings().toString());
        // LiveKit hanging up such a call is still the error it was
        Diagnosis byLiveKit = MediaCase.jambonzToLiveKitUnacknowledged(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpBothWays(SBC, LK, 25).bye(MediaCase.LIVEKIT, 25.5).diagnose(dir);
        assertEquals(Severity.ERROR, byLiveKit.withCode(FindingCode.SIP_ACK_MISSING).get(0).severity());
    }

    @Test
    void noRtpAtAllAfterAnAnswerNeverAcknowledgedFollowsFromIt() throws Exception {
        // RTP between other hosts: the capture point does see RTP, none of this call's
        Diagnosis d = MediaCase.jambonzToLiveKitUnacknowledged(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp("192.0.2.1:20000", "192.0.2.2:20002", 0.5, 100, 0x77, Set.of())
                .bye(MediaCase.LIVEKIT, 32.3).diagnose(dir);
        assertEquals(FindingCode.SIP_ACK_MISSING, d.primaryFor(MediaCase.flowId()).orElseThrow().code());
        Finding none = d.withCode(FindingCode.MEDIA_NO_RTP).get(0);
        assertEquals(Severity.WARNING, none.severity(), d.findings().toString());
        assertEquals(Severity.WARNING, d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).get(0).severity());
    }

    @Test
    void rtpFromTheSideThatNeverAcknowledgedShowsTheSilenceIsASecondProblem() throws Exception {
        // Jambonz sent RTP all along though no ACK came: LiveKit's own silence is not the missing ACK's doing
        Diagnosis d = MediaCase.jambonzToLiveKitUnacknowledged(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.35, 1500, 0x1111, Set.of()).bye(MediaCase.LIVEKIT, 32.3).diagnose(dir);
        assertEquals(FindingCode.SIP_ACK_MISSING, d.primaryFor(MediaCase.flowId()).orElseThrow().code());
        assertEquals(Severity.ERROR, d.withCode(FindingCode.MEDIA_ONE_WAY).get(0).severity(), d.findings().toString());
    }

    @Test
    void rtpSentElsewhereThanLiveKitAnnouncedDoesNotReachItsMediaTimeout() throws Exception {
        // Jambonz sends for 30 s, but to port 30002 (or another host) while LiveKit announced 30000: LiveKit, which
        // listens on its SDP port only, gets nothing and hangs up at media_timeout_initial
        for (String wrong : List.of(MediaCase.LIVEKIT + ":30002", "129.158.233.109:30000")) {
            Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                    .rtp(SBC, wrong, 0.4, 1495, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 1495, 0x2222, Set.of())
                    .bye(MediaCase.LIVEKIT, 30.3).diagnose(dir);
            assertTrue(d.failedAfterAnswer(MediaCase.flowId()), d.findings().toString());
            Finding primary = d.primaryFor(MediaCase.flowId()).orElseThrow();
            assertEquals(FindingCode.MEDIA_TIMEOUT_HANGUP, primary.code(), d.findings().toString());
            assertTrue(primary.explanation().contains("media_timeout_initial"), primary.explanation());
            assertTrue(primary.explanation().contains("went to " + wrong + " instead of the announced " + LK),
                    primary.explanation());
        }
        // the same RTP to the announced port reaches LiveKit: its BYE at 30 s is no timeout
        Diagnosis reached = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpBothWays(SBC, LK, 29.8).bye(MediaCase.LIVEKIT, 30.3).diagnose(dir);
        assertTrue(reached.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty(), reached.findings().toString());
    }

    @Test
    void theLaterMediaTimeoutSaysHowLongNoRtpReachedLiveKit() throws Exception {
        // Jambonz's RTP reaches LiveKit for 10 s and stops; LiveKit hangs up 15 s later (media_timeout)
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 1240, 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, 25.4).diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).get(0);
        // RTP did reach it for 10 s: not "no RTP reached it", but none for the last 15 s
        assertEquals("LiveKit (" + MediaCase.LIVEKIT + ") hung up after its media timeout: no RTP reached it for "
                + "the last 15 s", f.title());
        assertTrue(f.explanation().contains("media_timeout (15 s without RTP) because RTP stopped reaching it"),
                f.explanation());
        // at the initial timeout none ever did
        Finding initial = privateSdpToLiveKit().diagnose(dir).withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).get(0);
        assertEquals("LiveKit (" + MediaCase.LIVEKIT + ") hung up after its media timeout: no RTP reached it",
                initial.title());
    }

    @Test
    void dtmfToLiveKitWithoutTheMarkerBitIsInformationAndWithItNothing() throws Exception {
        Diagnosis d = dtmfToLiveKit(false).diagnose(dir);
        List<Finding> found = d.withCode(FindingCode.MEDIA_DTMF_NO_MARKER);
        assertEquals(1, found.size(), d.findings().toString());
        Finding f = found.get(0);
        // LiveKit since livekit/sip #742 keys on the timestamp and takes them: nothing here shows a digit lost
        assertEquals(Severity.INFO, f.severity());
        assertEquals("DTMF to LiveKit (" + MediaCase.LIVEKIT + ") without the RFC 4733 marker bit: 3 of 3 digits",
                f.title());
        assertTrue(f.explanation().contains("livekit/sip issue 585"), f.explanation());
        // livekit/sip #742 keys DTMF on the RTP timestamp, not the marker: only older releases drop these digits
        assertTrue(f.explanation().contains("releases before livekit/sip #742"), f.explanation());
        assertTrue(f.explanation().contains("(2.5.1.2)"), "RFC 4733 2.5.1.3 is about long events: " + f.explanation());
        assertTrue(f.evidence().facts().get(0).contains("digits 15#"), f.evidence().facts().toString());
        assertFalse(d.failedAfterAnswer(MediaCase.flowId()), "the call itself went on");
        Diagnosis marked = dtmfToLiveKit(true).diagnose(dir);
        List<FindingCode> media = marked.findings().stream().map(Finding::code).filter(CODES::contains).toList();
        assertEquals(List.of(), media, marked.findings().toString());
    }

    @Test
    void oneKeyPressUnderMovingTimestampsIsManyDigitsToLiveKitNotAMissingMarker() throws Exception {
        // four packets of one '5', the first marked, each with a new timestamp: LiveKit's dtmfHandler fires four times
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpWithDtmf(SBC, LK, 0.4, 500, 0x1111, new int[] {5}, true, true)
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);

        assertEquals(List.of(), d.withCode(FindingCode.MEDIA_DTMF_NO_MARKER), d.findings().toString());
        Finding f = d.withCode(FindingCode.MEDIA_DTMF_TIMESTAMP_MOVED).get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("DTMF to LiveKit (" + MediaCase.LIVEKIT + ") changes the RTP timestamp within a key press: 4 "
                + "digits seen, 1 sent", f.title());
        assertTrue(f.explanation().contains("gets 4 digits (5555) for 1 key press"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("keep the event's first RTP timestamp"), f.fix().steps().toString());
        // a key pressed twice, each press its own timestamp after a pause, is two digits and no finding
        Diagnosis twice = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpWithDtmf(SBC, LK, 0.4, 500, 0x1111, new int[] {5, 5}, true)
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        assertEquals(List.of(), twice.withCode(FindingCode.MEDIA_DTMF_TIMESTAMP_MOVED));
    }

    @Test
    void rtpUpToTheByesVeryMicrosecondReachedTheHangerUntilThen() throws Exception {
        // Jambonz hangs up at 30.3 s; LiveKit's last packet to it carries the BYE's own timestamp (a capture that
        // stamps both in one microsecond): RTP flowed to the end, a normal hang-up
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 1496, 0x1111, Set.of()).rtp(LK, SBC, 0.4, 1496, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 30.3).diagnose(dir);
        assertTrue(d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty(), d.findings().toString());
        assertFalse(d.failedAfterAnswer(MediaCase.flowId()));
        // and RTP going on past the BYE reached it all along
        Diagnosis past = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 1510, 0x1111, Set.of()).rtp(LK, SBC, 0.4, 1510, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 30.3).diagnose(dir);
        assertTrue(past.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty(), past.findings().toString());
    }

    @Test
    void hangUpLongBeforeTheTimeoutIsNoTimeout() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaCase.JAMBONZ, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(LK, MediaCase.JAMBONZ + ":40000", 0.35, 400, 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, 8).diagnose(dir);
        assertTrue(d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty());
    }
}
