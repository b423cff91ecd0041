package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.SipText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RTCP report blocks about a stream, from its receiver, beside the stream (RFC 3550 6.4.1, A.8). */
class ReceiverReportsTest {

    private static final long T0 = 1_763_900_000_000_000L;
    private static final String CALLER = "10.0.0.1:40000";
    private static final String CALLEE = "10.0.0.2:50000";
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    @TempDir
    Path dir;

    /** A call whose caller sends 250 PCMU packets (5 s) to the callee from T0 + 0.1 s. */
    private static Captures callerSends() {
        String answer = SipText.response(200, "OK", "INVITE", "rtcp-call", 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp("10.0.0.2", 50000, "sendrecv");
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        Captures c = Captures.pcap()
                .udp(T0, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("INVITE", "sip:bob@10.0.0.2", "rtcp-call",
                        1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")))
                .udp(T0 + 1000, "10.0.0.2:5060", "10.0.0.1:5060", answer);
        for (int i = 0; i < 250; i++) {
            c.udp(T0 + 100_000 + i * 20_000L, CALLER, CALLEE, Rtp.packet(0, i, 160L * i, 0x1111, i == 0));
        }
        return c;
    }

    @Test
    void theReceiversReportsGiveLossJitterAndTheRoundTripFromTheCapturedSenderReport() throws Exception {
        Captures c = callerSends();
        // the caller's SR at 2 s: NTP timestamp 30 s ahead of the capture clock (an unsynchronised sender)
        long srSeconds = (T0 / 1_000_000) + NTP_EPOCH_OFFSET + 2 + 30;
        long lsr = (srSeconds & 0xffff) << 16 | 0x8000; // fraction 0.5 s
        c.udp(T0 + 2_000_000, "10.0.0.1:40001", "10.0.0.2:50001", Rtp.compound(
                Rtp.senderReport(0x1111, srSeconds, 0x8000_0000L, 95), Rtp.sdes(0x1111, "caller@10.0.0.1")));
        // the callee reports 1.25 s later, having held the SR for 1.2 s (DLSR 78643 = 1.2 s): 50 ms round trip
        c.udp(T0 + 3_250_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.compound(
                Rtp.receiverReport(0x2222, Rtp.reportBlock(0x1111, 64, -3, 157, 160, lsr, 78_643)),
                Rtp.sdes(0x2222, "callee@10.0.0.2"), Rtp.bye(0x2222)));
        CaptureMedia media = MediaRead.of(c, dir);
        RtpStream s = media.streams().get(0);
        ReceiverReports r = media.receiverReports(s);
        assertEquals(1, r.count());
        assertEquals(new Endpoint("10.0.0.2", 50001), r.reporter());
        assertEquals(0x2222, r.reporterSsrc());
        assertEquals(25.0, r.lastFractionLostPercent(), 1e-9);
        assertEquals(-3, r.cumulativeLost());
        assertEquals(157, r.highestSeq());
        assertEquals(20.0, r.maxJitterMs(), 1e-9); // 160 units at 8000 Hz
        assertEquals(1, r.rttCount());
        assertEquals(50.0, r.meanRttMs(), 0.02);
        assertEquals(254, r.lastFrame());
    }

    @Test
    void aNegativeCumulativeLossIsShownAsSentAndNamedDuplicates() {
        // RFC 3550 6.4.1: duplicates count as received, so more packets than expected make the count negative
        assertEquals("-6 (duplicates)", reports(-6, 0).lostText(" %"));
        assertEquals("-6 (duplicates, 25.0%)", reports(-6, 64).lostText("%"));
        assertEquals("5 (25.0 %)", reports(5, 64).lostText(" %"));
        assertEquals("0 (0.0%)", reports(0, 0).lostText("%"));
    }

    private static ReceiverReports reports(int cumulativeLost, int maxFractionLost) {
        return new ReceiverReports(1, new Endpoint("10.0.0.2", 50001), 0x2222, 1, 1, 0, maxFractionLost, 1,
                cumulativeLost, 100, Double.NaN, Double.NaN, 0, Double.NaN, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    @Test
    void withoutTheSenderReportTheArrivalIsTakenOnTheCaptureClock() throws Exception {
        Captures c = callerSends();
        long arrival = T0 + 4_000_000;
        long lsr = ReceiverReports.ntpMiddle(arrival - 80_000 - 1_000_000);
        c.udp(arrival, "10.0.0.2:50001", "10.0.0.1:40001",
                Rtp.receiverReport(0x2222, Rtp.reportBlock(0x1111, 0, 0, 199, 8, lsr, 65_536)));
        // LSR 0: the receiver has had no SR yet, so no round trip
        c.udp(arrival + 500_000, "10.0.0.2:50001", "10.0.0.1:40001",
                Rtp.receiverReport(0x2222, Rtp.reportBlock(0x1111, 0, 0, 224, 8, 0, 0)));
        // an LSR from a clock 33 s ahead of the capture's (a sender that puts its own time there): no round trip
        c.udp(arrival + 600_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.receiverReport(0x2222,
                Rtp.reportBlock(0x1111, 0, 0, 229, 8, ReceiverReports.ntpMiddle(arrival + 33_000_000), 1)));
        ReceiverReports r = MediaRead.of(c, dir).receiverReports(MediaRead.of(c, dir).streams().get(0));
        assertEquals(3, r.count());
        assertEquals(1, r.rttCount());
        assertEquals(80.0, r.maxRttMs(), 0.05);
    }

    @Test
    void ntpMiddleIsTheLow16BitsOfTheSecondsAndTheHigh16OfTheFraction() {
        long micros = (0x1234_5678L - NTP_EPOCH_OFFSET) * 1_000_000 + 750_000;
        assertEquals(0x5678_C000L, ReceiverReports.ntpMiddle(micros));
    }

    @Test
    void rtcpOnTheRtpPortsIsReadAndLeavesTheStreamAlone() throws Exception {
        Captures c = callerSends();
        c.udp(T0 + 2_010_000, CALLEE, CALLER, Rtp.receiverReport(0x2222, 0x1111, 0, 2, 100, 40));
        CaptureMedia media = MediaRead.of(c, dir);
        assertEquals(1, media.streams().size());
        RtpStream s = media.streams().get(0);
        assertEquals(250, s.stats().packets());
        assertEquals(2, media.receiverReports(s).cumulativeLost());
    }

    @Test
    void onlyTheReceiversReportsCount() throws Exception {
        Captures c = callerSends();
        // the sender's SR with a block about its own SSRC, and a report about another source
        c.udp(T0 + 1_000_000, "10.0.0.1:40001", "10.0.0.2:50001",
                Rtp.senderReport(0x1111, 1, 0, 50, Rtp.reportBlock(0x1111, 255, 99, 1, 1, 0, 0)));
        c.udp(T0 + 1_500_000, "10.0.0.2:50001", "10.0.0.1:40001",
                Rtp.receiverReport(0x2222, Rtp.reportBlock(0x3333, 255, 99, 1, 1, 0, 0)));
        CaptureMedia media = MediaRead.of(c, dir);
        assertTrue(media.receiverReports(media.streams().get(0)).isEmpty());
    }

    @Test
    void malformedRtcpIsCountedAndToldAndItsSoundPartsRead() throws Exception {
        Captures c = callerSends();
        byte[] overCounted = Rtp.receiverReport(0x2222, Rtp.reportBlock(0x1111, 0, 7, 100, 8, 0, 0));
        overCounted[0] = (byte) 0x83; // three blocks counted, one in the packet
        byte[] tooLong = Rtp.receiverReport(0x2222, Rtp.reportBlock(0x1111, 0, 9, 120, 8, 0, 0));
        tooLong[3] = 20; // 84 bytes said, 32 there
        byte[] trailing = Rtp.compound(Rtp.receiverReport(0x2222, Rtp.reportBlock(0x1111, 0, 11, 140, 8, 0, 0)),
                new byte[] {(byte) 0x81, (byte) 202});
        byte[] badVersion = Rtp.compound(Rtp.receiverReport(0x2222, 0x1111, 0, 13, 160, 8), Rtp.bye(0x2222));
        badVersion[32] = 0x41;
        // two zero octets after a sound packet are padding some senders add: not a fault
        byte[] zeroPadded = Rtp.compound(Rtp.receiverReport(0x2222, 0x1111, 0, 12, 150, 8), new byte[2]);
        c.udp(T0 + 1_000_000, "10.0.0.2:50001", "10.0.0.1:40001", overCounted)
                .udp(T0 + 1_100_000, "10.0.0.2:50001", "10.0.0.1:40001", tooLong)
                .udp(T0 + 1_200_000, "10.0.0.2:50001", "10.0.0.1:40001", trailing)
                .udp(T0 + 1_250_000, "10.0.0.2:50001", "10.0.0.1:40001", zeroPadded)
                .udp(T0 + 1_300_000, "10.0.0.2:50001", "10.0.0.1:40001", badVersion);
        MediaCollector collector = new MediaCollector();
        List<String> warnings = MediaRead.read(c, dir, collector);
        assertEquals(List.of("frame 253: malformed RTCP (RR counts 3 report blocks, its 32 bytes hold 1): 4 packets "
                + "from this frame on; what they held before the fault was read"), warnings);
        CaptureMedia media = collector.result();
        assertEquals(4, media.rtcpMalformed());
        assertEquals(4, media.receiverReports(media.streams().get(0)).count());
        assertEquals(13, media.receiverReports(media.streams().get(0)).cumulativeLost());
    }
}
