package org.sipladder.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.media.LossGaps;
import org.sipladder.media.RtpStatistics;
import org.sipladder.media.RtpStream;
import org.sipladder.media.StreamKey;

class LadderStreamsTest {

    @Test
    void aStreamOfOnePacketIsLabelledInTheSingular() {
        assertEquals("RTP PCMU \u00b7 1 pkt", LadderStreams.label(stream(1)));
        assertEquals("RTP PCMU \u00b7 1,501 pkts", LadderStreams.label(stream(1501)));
        assertEquals("RTP PCMU \u00b7 0 pkts", LadderStreams.label(stream(0)));
    }

    @Test
    void theDetailPutsTheMosBeforeTheSsrcSoThatACutKeepsIt() {
        RtpStream plain = stream(100);
        RtpStream scored = new RtpStream(plain.key(), 1, 9, 0, 1000, 0, "PCMU", 8000, List.of(0), plain.stats(), "", 0, 0, -1,
                4.4, null, null, "c1", 0, 1);
        assertEquals("10.0.0.1:20000 \u2192 10.0.1.1:30000 \u00b7 MOS 4.4 \u00b7 SSRC 0x00001234",
                LadderStreams.detail(scored));
        assertEquals("10.0.0.1:20000 \u2192 10.0.1.1:30000 \u00b7 SSRC 0x00001234", LadderStreams.detail(plain));
    }

    @Test
    void aStreamBetweenTwoPortsOfOneHostIsOneWayUntilAnotherComesBack() {
        RtpStream forth = stream(1501, new Endpoint("127.0.0.1", 6000), new Endpoint("127.0.0.1", 6002));
        RtpStream back = stream(1499, new Endpoint("127.0.0.1", 6002), new Endpoint("127.0.0.1", 6000));

        assertEquals(List.of("one-way"), LadderStreams.warnings(forth, List.of(forth)));
        assertEquals(List.of(), LadderStreams.warnings(forth, List.of(forth, back)));
    }

    @Test
    void aTrickleBackIsNoWayBackAsMediaOneWayJudgesIt() {
        // goffinet's sip-2phones-B2BUA-Asterisk: 355 packets one way, 1 back, and MEDIA_ONE_WAY says so
        RtpStream forth = stream(355, new Endpoint("172.16.98.145", 8000), new Endpoint("172.16.98.1", 8000));
        RtpStream trickle = stream(1, forth.key().dst(), forth.key().src());
        assertEquals(List.of("one-way"), LadderStreams.warnings(forth, List.of(trickle, forth)));
        assertEquals(List.of(), LadderStreams.warnings(trickle, List.of(trickle, forth)));
        // 24 packets back against 240: still a trickle; 25 back, or a short call's 20 against 150, is a way back
        assertEquals(List.of("one-way"), LadderStreams.warnings(stream(240, forth.key().src(), forth.key().dst()),
                List.of(stream(24, forth.key().dst(), forth.key().src()))));
        assertEquals(List.of(), LadderStreams.warnings(stream(250, forth.key().src(), forth.key().dst()),
                List.of(stream(25, forth.key().dst(), forth.key().src()))));
        assertEquals(List.of(), LadderStreams.warnings(stream(150, forth.key().src(), forth.key().dst()),
                List.of(stream(20, forth.key().dst(), forth.key().src()))));
        // too few packets forth to judge: 3 back against 90 is no trickle
        assertEquals(List.of(), LadderStreams.warnings(stream(90, forth.key().src(), forth.key().dst()),
                List.of(stream(3, forth.key().dst(), forth.key().src()))));
    }

    @Test
    void anSbcAndLiveKitOnOneBoxEachWithRtpToTheCarrierDoNotHideEachOthersOneWayAudio() {
        // the carrier's audio reaches the SBC's media port, which sends nothing back; LiveKit's reaches the
        // carrier, which sends nothing to LiveKit: by host, each looks like the other's way back
        CallFlow flow = SbcBesideLiveKit.flow();
        RtpStream toSbc = stream(500, new Endpoint(SbcBesideLiveKit.CARRIER, 40000),
                new Endpoint(SbcBesideLiveKit.BOX, 20000));
        RtpStream fromLiveKit = stream(500, new Endpoint(SbcBesideLiveKit.BOX, 30000),
                new Endpoint(SbcBesideLiveKit.CARRIER, 40000));
        RtpStream fromSbc = stream(500, new Endpoint(SbcBesideLiveKit.BOX, 20000),
                new Endpoint(SbcBesideLiveKit.CARRIER, 40000));

        List<LadderStream> hidden = LadderStreams.of(List.of(toSbc, fromLiveKit), flow);
        assertEquals(List.of(List.of("one-way"), List.of("one-way")),
                hidden.stream().map(LadderStream::warnings).toList());
        List<LadderStream> answered = LadderStreams.of(List.of(toSbc, fromLiveKit, fromSbc), flow);
        assertEquals(List.of(List.of(), List.of("one-way"), List.of()),
                answered.stream().map(LadderStream::warnings).toList());
    }

    @Test
    void aClockJumpIsNoJitterMarkAsItIsNoJitterFinding() {
        // Wireshark's largest jitter 4,922 ms from one jump of the sender's RTP clock (a hold), 2 ms without it
        RtpStream resumed = stream(500, 1, 4922, 2);
        RtpStream back = stream(500, resumed.key().dst(), resumed.key().src());
        assertEquals(List.of(), LadderStreams.warnings(resumed, List.of(resumed, back)));
        // jitter heard as well: the mark gives the figure MEDIA_JITTER's title gives, without the jump
        RtpStream jittery = stream(500, 1, 4922, 41.6);
        assertEquals(List.of("jitter 42 ms"), LadderStreams.warnings(jittery, List.of(jittery, back)));
        RtpStream plain = stream(500, 0, 41.6, 41.6);
        assertEquals(List.of("jitter 42 ms"), LadderStreams.warnings(plain, List.of(plain, back)));
    }

    private static RtpStream stream(long packets) {
        return stream(packets, new Endpoint("10.0.0.1", 20000), new Endpoint("10.0.1.1", 30000));
    }

    static RtpStream stream(long packets, Endpoint src, Endpoint dst) {
        return stream(packets, src, dst, 0, 0, 0);
    }

    /** A stream 10.0.0.1 to 10.0.1.1 with {@code jumps} clock jumps, its largest jitter with and without them. */
    private static RtpStream stream(long packets, long jumps, double maxJitterMs, double maxJitterWithoutJumpsMs) {
        return stream(packets, new Endpoint("10.0.0.1", 20000), new Endpoint("10.0.1.1", 30000), jumps, maxJitterMs,
                maxJitterWithoutJumpsMs);
    }

    private static RtpStream stream(long packets, Endpoint src, Endpoint dst, long jumps, double maxJitterMs,
                                    double maxJitterWithoutJumpsMs) {
        RtpStatistics stats = new RtpStatistics(packets, packets, 0, 0, 0, 0, 0, jumps, 0, 20, 20, 0, 0, 0,
                maxJitterMs, 0, 0, 0, packets * 172, false, 0, packets, 0, 0, LossGaps.NONE, 0,
                maxJitterWithoutJumpsMs, org.sipladder.media.ClockJumpSpan.NONE, 0);
        StreamKey key = new StreamKey(src, dst, 0x1234);
        return new RtpStream(key, 1, 9, 0, 1000, 0, "PCMU", 8000, List.of(0), stats, "", 0, 0, -1, Double.NaN, null, null,
                "c1", 0, 1);
    }
}
