package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Unreachable;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.SipText;

class MediaCollectorTest {

    static final long T0 = 1_763_900_000_000_000L;
    static final String CALLER = "10.0.0.1:40000";
    static final String CALLEE = "10.0.0.2:50000";

    @TempDir
    Path dir;

    /** A call whose INVITE offers {@link #CALLER} and whose 200 answers {@link #CALLEE}, offering PCMU first, with no media yet. */
    static Captures offerAnswer(String callId) {
        String answer = SipText.response(200, "OK", "INVITE", callId, 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp("10.0.0.2", 50000, "sendrecv");
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        return Captures.pcap()
                .udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                        SipText.request("INVITE", "sip:bob@10.0.0.2", callId, 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")))
                .udp(T0 + 1000, "10.0.0.2:5060", "10.0.0.1:5060", answer);
    }

    @Test
    void lossDeltaAndJitterAreWiresharksFiguresComputedByHand() throws Exception {
        // arrivals 0, 20, 45 ms then seq 5 at 80 ms (seq 4 lost); timestamps 160 apart per sequence number
        Captures c = offerAnswer("call-1")
                .udp(T0 + 100_000, CALLER, CALLEE, Rtp.packet(0, 1, 1000, 7, false))
                .udp(T0 + 120_000, CALLER, CALLEE, Rtp.packet(0, 2, 1160, 7, false))
                .udp(T0 + 145_000, CALLER, CALLEE, Rtp.packet(0, 3, 1320, 7, false))
                .udp(T0 + 180_000, CALLER, CALLEE, Rtp.packet(0, 5, 1640, 7, false));
        RtpStream s = MediaRead.of(c, dir).streams().get(0);
        RtpStatistics st = s.stats();
        assertEquals(4, st.packets());
        assertEquals(5, st.expected());
        assertEquals(1, st.lost());
        assertEquals(35.0, st.maxDeltaMs(), 1e-9);
        // D2 = |20 - 20| = 0, J2 = 0; D3 = |45 - 40| = 5, J3 = 5/16; D4 = |80 - (45 + 40)| = 5, J4 = (15 J3 + 5)/16
        double j3 = 5.0 / 16;
        double j4 = (15 * j3 + 5) / 16;
        assertEquals(j4, st.maxJitterMs(), 1e-9);
        // Wireshark's mean: (J2 + J3 + J4) / 3, over the three deltas
        assertEquals((0 + j3 + j4) / 3, st.meanJitterMs(), 1e-9);
        assertEquals(1, st.sequenceErrors());
        assertEquals("PCMU", s.codec());
        assertEquals("call-1", s.callId());
        assertEquals("10.0.0.1:40000", s.key().src().toString());
        // E-model by hand: Ppl 20 %, Ie,eff = 95 * 20 / (20 + 25.1); Ta = 20 + 2 * mean jitter; Id = 0.024 Ta
        double ieEff = 95 * 20 / 45.1;
        double ta = 20 + 2 * st.meanJitterMs();
        double r = 93.2 - 0.024 * ta - ieEff;
        double mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
        assertEquals(Math.round(mos * 100) / 100.0, s.mos(), 1e-9);
        assertEquals(2.61, s.mos(), 1e-9); // R = 93.2 - 0.49 - 42.13 = 50.58
    }

    @Test
    void packetsWhoseTimestampsRestartBelowTheFirstLeaveTheJitterAsItWasUntilBackInTime() throws Exception {
        // a gateway that restarts its timestamps mid-stream (a fax re-INVITE refused, audio again: same SSRC, the
        // sequence goes on): seq 1-3 every 20 ms from timestamp 8000, then seq 4-6 from timestamp 0 (before the
        // first: out of time sequence), then seq 7 at timestamp 8160, in time again, 100 ms after seq 3
        Captures c = offerAnswer("call-ts")
                .udp(T0 + 100_000, CALLER, CALLEE, Rtp.packet(0, 1, 8000, 7, false))
                .udp(T0 + 120_000, CALLER, CALLEE, Rtp.packet(0, 2, 8160, 7, false))
                .udp(T0 + 140_000, CALLER, CALLEE, Rtp.packet(0, 3, 8320, 7, false))
                .udp(T0 + 160_000, CALLER, CALLEE, Rtp.packet(0, 4, 0, 7, false))
                .udp(T0 + 180_000, CALLER, CALLEE, Rtp.packet(0, 5, 160, 7, false))
                .udp(T0 + 200_000, CALLER, CALLEE, Rtp.packet(0, 6, 320, 7, false))
                .udp(T0 + 240_000, CALLER, CALLEE, Rtp.packet(0, 7, 8480, 7, false));
        RtpStatistics st = MediaRead.of(c, dir).streams().get(0).stats();
        assertEquals(7, st.packets());
        // seq 4-6 move nothing: seq 7 is measured against seq 3, 100 ms before it and 160 samples (20 ms) on:
        // D7 = |100 - 20| = 80 ms, J7 = 80 / 16 = 5 ms (tshark 4.0.17 prints 5.000; measuring seq 4-6 against seq 3
        // too made the jitter climb towards the 1,040 ms jump)
        assertEquals(5.0, st.maxJitterMs(), 1e-9);
        assertEquals(100.0, st.maxDeltaMs(), 1e-9);
        // Wireshark's running mean divides by the packets before the one added, those out of time included:
        // J2 = J3 = 0, then at seq 7 (0 * 5 + 5) / 6 (tshark 4.0 prints 0.833)
        assertEquals(5.0 / 6, st.meanJitterMs(), 1e-9);
    }

    @Test
    void dtmfEndPacketRetransmissionsCountOnce() throws Exception {
        Captures c = offerAnswer("call-2");
        long t = T0 + 100_000;
        int seq = 1;
        // digit 5: start with marker, two updates, three end packets (the same RTP timestamp throughout)
        c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, 8000, 9, true, Rtp.event(5, false, 160)));
        c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, 8000, 9, false, Rtp.event(5, false, 320)));
        c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, 8000, 9, false, Rtp.event(5, false, 480)));
        for (int i = 0; i < 3; i++) {
            c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, 8000, 9, false, Rtp.event(5, true, 640)));
        }
        // digit # without the marker bit on its first packet, then its end packets
        c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, 9600, 9, false, Rtp.event(11, false, 160)));
        for (int i = 0; i < 3; i++) {
            c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, 9600, 9, false, Rtp.event(11, true, 320)));
        }
        RtpStream s = MediaRead.of(c, dir).streams().get(0);
        assertEquals("5#", s.dtmf());
        assertEquals(1, s.dtmfWithoutMarker());
        assertEquals(10, s.stats().telephoneEvents());
        assertEquals(0, s.stats().lost());
    }

    @Test
    void comfortNoiseMarkersAndPayloadTypesAreCounted() throws Exception {
        Captures c = offerAnswer("call-3")
                .udp(T0 + 100_000, CALLEE, CALLER, Rtp.packet(8, 10, 0, 3, true))
                .udp(T0 + 120_000, CALLEE, CALLER, Rtp.packet(8, 11, 160, 3, false))
                .udp(T0 + 140_000, CALLEE, CALLER, Rtp.packet(13, 12, 320, 3, false, new byte[1]))
                .udp(T0 + 900_000, CALLEE, CALLER, Rtp.packet(8, 13, 7000, 3, true));
        RtpStream s = MediaRead.of(c, dir).streams().get(0);
        assertEquals(List.of(8, 13), s.payloadTypes());
        assertEquals(8, s.payloadType());
        assertEquals("PCMA", s.codec());
        assertEquals(1, s.stats().comfortNoise());
        assertEquals(2, s.stats().markers());
        // the packets after comfort noise and with a marker are not regular: the 760 ms gap is no delta
        assertEquals(20.0, s.stats().maxDeltaMs(), 1e-9);
    }

    @Test
    void sequenceWrapIsNotLossAndDuplicatesAreCounted() throws Exception {
        Captures c = offerAnswer("call-4");
        long t = T0 + 100_000;
        int[] seqs = {65533, 65534, 65535, 0, 1, 1, 2};
        long ts = 0;
        for (int seq : seqs) {
            c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(0, seq, ts += 160, 5, false));
        }
        RtpStatistics st = MediaRead.of(c, dir).streams().get(0).stats();
        assertEquals(7, st.packets());
        assertEquals(6, st.expected());
        assertEquals(-1, st.lost());
        assertEquals(1, st.duplicates());
        assertEquals(0, st.lostInRuns());
    }

    /** 100 packets 20 ms apart, timestamps going on, numbered from {@code first} and from packet 50 on from {@code then}. */
    private Captures renumbered(int first, int then, long gapMicros) {
        Captures c = offerAnswer("call-r");
        long t = T0 + 100_000;
        for (int i = 0; i < 100; i++) {
            t += i == 50 ? gapMicros : 20_000;
            c.udp(t, CALLER, CALLEE, Rtp.packet(0, (i < 50 ? first + i : then + i - 50) & 0xffff, 160L * i, 9, false));
        }
        return c;
    }

    @Test
    void aDigitWhoseMarkedFirstPacketWasLostOrLateIsNotTakenForOneWithoutTheMarker() throws Exception {
        Captures c = offerAnswer("call-d");
        long t = T0 + 100_000;
        // voice 1-10; digit 1 (11-14) loses its marked first packet 11; voice 15-24; digit 2 (25-28) has its marked
        // first packet 25 arrive after 26; voice 29-38; digit 3 (39-42) in order without the marker: the sender's fault
        byte[] late = null;
        for (int seq = 1; seq <= 42; seq++) {
            int digit = seq < 11 ? 0 : seq < 15 ? 1 : seq < 25 ? 0 : seq < 29 ? 2 : seq < 39 ? 0 : 3;
            int first = digit == 1 ? 11 : digit == 2 ? 25 : 39;
            byte[] p = digit == 0 ? Rtp.packet(0, seq, 160L * seq, 9, false)
                    : Rtp.packet(101, seq, 160L * first, 9, seq == first && digit != 3,
                    Rtp.event(digit, seq == first + 3, 160 * (seq - first + 1)));
            t += 20_000;
            if (seq == 25) {
                late = p;
            } else if (seq != 11) {
                c.udp(t, CALLER, CALLEE, p);
            }
            if (seq == 26) {
                c.udp(t + 1000, CALLER, CALLEE, late);
            }
        }
        RtpStream s = MediaRead.of(c, dir).streams().get(0);
        assertEquals("123", s.dtmf());
        assertEquals(1, s.dtmfWithoutMarker());
    }

    @Test
    void aKeyHeldLongerThanTheDurationFieldGoesOnInSegmentsThatAreOneDigit() throws Exception {
        // RFC 4733 2.5.1.3 at a 48 kHz event clock: 0xFFFF units are 1.36 s, so a 2 s press of 5 is reported in two
        // segments, the second (new timestamp, the first's plus 0xFFFF, no marker: the event did not start anew)
        // continuing the first; then 5 pressed again and #, short, each marked
        String answer = SipText.response(200, "OK", "INVITE", "call-long", 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = opus48k("10.0.0.2", 50000);
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        Captures c = Captures.pcap()
                .udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                        SipText.request("INVITE", "sip:bob@10.0.0.2", "call-long", 1, opus48k("10.0.0.1", 40000)))
                .udp(T0 + 1000, "10.0.0.2:5060", "10.0.0.1:5060", answer);
        long t = T0 + 100_000;
        int seq = 1;
        long timestamp = 96_000;
        for (int i = 0; i < 10; i++, timestamp += 960) {
            c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(111, seq++, timestamp, 9, i == 0, new byte[80]));
        }
        long segment = timestamp;
        for (int elapsed = 960; elapsed <= 96_000; elapsed += 960) {
            if (elapsed - (segment - timestamp) > 0xffff) {
                // the first segment's last report, at the field's limit, then the next segment
                c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, segment, 9, false, Rtp.event(5, false, 0xffff)));
                segment += 0xffff;
            }
            long inSegment = elapsed - (segment - timestamp);
            c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, segment, 9, elapsed == 960,
                    Rtp.event(5, elapsed == 96_000, (int) inSegment)));
        }
        for (int i = 0; i < 2; i++) {
            c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, segment, 9, false,
                    Rtp.event(5, true, (int) (96_000 - (segment - timestamp)))));
        }
        timestamp += 96_000 + 9600;
        for (int digit : new int[] {5, 11}) {
            for (int k = 1; k <= 6; k++) {
                c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(101, seq++, timestamp, 9, k == 1,
                        Rtp.event(digit, k >= 4, 960 * Math.min(k, 4))));
            }
            timestamp += 9600;
            for (int i = 0; i < 5; i++, timestamp += 960) {
                c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(111, seq++, timestamp, 9, false, new byte[80]));
            }
        }
        RtpStream s = MediaRead.of(c, dir).streams().get(0);
        assertEquals("55#", s.dtmf());
        assertEquals(0, s.dtmfWithoutMarker());
    }

    /** An SDP body announcing {@code address:port} with Opus and telephone-event at 48 kHz. */
    private static String opus48k(String address, int port) {
        return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 111 101\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=rtpmap:101 telephone-event/48000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
    }

    @Test
    void aRestartOfTheSequenceNumbersIsNoLossThoughWiresharkCountsIt() throws Exception {
        // RFC 3550 A.1: 3000 or more ahead, or over 100 back, and the next packet follows: the sender restarted
        for (int then : new int[] {10, 29_900, 36_000, 65_000}) {
            RtpStream s = MediaRead.of(renumbered(30_000, then, 20_000), dir).streams().get(0);
            RtpStatistics st = s.stats();
            assertEquals(1, st.sequenceRestarts(), "to " + then);
            assertEquals(100, st.expectedInRuns(), "to " + then);
            assertEquals(0, st.lostInRuns(), "to " + then);
            assertEquals(4.4, s.mos(), 0.05, "to " + then);
            // Wireshark's figure stays as tshark gives it: the numbers skipped (or a wrap) as lost
            long skipped = then > 30_049 ? then - 30_050 : then + 65_536 - 30_050;
            assertEquals(skipped, st.lost(), "to " + then);
        }
    }

    @Test
    void lossIsCountedInGapsOfSequenceNumbersThatReorderingDuplicatesAndTheWrapAreNot() throws Exception {
        // 400 packets of 20 ms numbered from 65,500 (the wrap at packet 36); never sent: 10 from packet 20, 51 and 53
        // (52 comes after 54: two gaps of one), 100 from packet 200 (beyond the 64-packet window) and 2 near the end
        // (390, 391: still in the window at the end); packets 101 and 100 swap places, packet 150 comes twice
        Captures c = offerAnswer("call-g");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean never = i >= 20 && i < 30 || i == 51 || i == 53 || i >= 200 && i < 300 || i == 390 || i == 391;
            if (!never && i != 52 && i != 100) {
                order.add(i);
            }
            if (i == 54) {
                order.add(52);
            }
            if (i == 101) {
                order.add(100);
            }
            if (i == 150) {
                order.add(150);
            }
        }
        long t = T0 + 100_000;
        for (int i : order) {
            c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(0, (65_500 + i) & 0xffff, 160L * i, 9, false));
        }
        RtpStatistics st = MediaRead.of(c, dir).streams().get(0).stats();
        assertEquals(114, st.lostInRuns());
        assertEquals(1, st.duplicates());
        assertEquals(new LossGaps(5, 114, 100, 2000.0, (65_500 + 300) & 0xffff), st.lossGaps());
        assertEquals("114 (28.5 %) in 5 gaps, longest 100 (2000 ms), 1 duplicate", st.lossText(" %"));
        // in order and complete across the wrap: no gap, nothing added to the text
        RtpStatistics clean = MediaRead.of(renumbered(65_480, 65_530, 20_000), dir).streams().get(0).stats();
        assertEquals(LossGaps.NONE, clean.lossGaps());
        assertEquals("0 (0.0 %)", clean.lossText(" %"));
    }

    @Test
    void theMosDoesNotTakeAJumpOfTheSendersRtpClockForJitter() throws Exception {
        // 300 packets of 20 ms, on time; at packet 150 the sender resumes (marker) with its timestamps 80 s ahead, or
        // without the marker 80 s ahead, or after a 5 s pause with the timestamps going on where they stopped
        long[][] jumps = {{640_000, 0, 1}, {640_000, 0, 0}, {0, 5_000_000, 1}};
        for (long[] jump : jumps) {
            Captures c = offerAnswer("call-j");
            for (int i = 0; i < 300; i++) {
                long t = T0 + 100_000 + i * 20_000L + (i < 150 ? 0 : jump[1]);
                long ts = 160L * i + (i < 150 ? 0 : jump[0]);
                c.udp(t, CALLER, CALLEE, Rtp.packet(0, i, ts & 0xffffffffL, 9, i == 0 || i == 150 && jump[2] == 1));
            }
            RtpStream s = MediaRead.of(c, dir).streams().get(0);
            String which = "shift " + jump[0] + ", pause " + jump[1] + " us, marker " + jump[2];
            assertEquals(1, s.stats().clockJumps(), which);
            // the RFC 3550 jitter stays tshark's, the jump in it; the MOS is that of a clean stream
            assertTrue(s.stats().meanJitterMs() > 10, which + ": " + s.stats().meanJitterMs());
            assertEquals(Quality.mos("PCMU", 0, 1, 0), s.mos(), 1e-9, which);
        }
    }

    @Test
    void aPacketReorderedAroundTheWrapIsNoLoss() throws Exception {
        // 65535 arrives after 0: tshark ends the wrap it counted there and counts another at 1 (65,536 lost)
        Captures c = offerAnswer("call-w");
        long t = T0 + 100_000;
        int[] seqs = new int[24];
        seqs[0] = 65533;
        seqs[1] = 65534;
        seqs[2] = 0;
        seqs[3] = 65535;
        for (int i = 4; i < seqs.length; i++) {
            seqs[i] = i - 3;
        }
        for (int seq : seqs) {
            c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(0, seq, 160L * ((seq + 3) & 0xffff), 9, false));
        }
        RtpStream s = MediaRead.of(c, dir).streams().get(0);
        assertEquals(65_536, s.stats().lost());
        assertEquals(24, s.stats().expectedInRuns());
        assertEquals(0, s.stats().lostInRuns());
        assertEquals(1, s.stats().outOfOrder());
        assertEquals(4.4, s.mos(), 0.05);
    }

    @Test
    void aFirstPacketThatArrivesLateIsNoNegativeLossAndHidesNoPacketLost() throws Exception {
        // 100 packets of 20 ms from 1000; 1000 arrives after 1001 (the stream's first packet is 1001) and 1050 never
        // comes. tshark (and RFC 3550 A.3, from the first number received) expect 99 from 1001 and count 99 received
        // besides the late one: lost 0, the late packet making up for the lost one
        Captures c = offerAnswer("call-late");
        long t = T0 + 100_000;
        for (int i : lateFirst(100)) {
            if (i != 50) {
                c.udp(t + i * 20_000L + (i == 0 ? 25_000 : 0), CALLER, CALLEE, Rtp.packet(0, 1000 + i, 160L * i, 9, false));
            }
        }
        RtpStatistics st = MediaRead.of(c, dir).streams().get(0).stats();
        assertEquals(0, st.lost());
        assertEquals(1001, st.firstSeq());
        assertEquals(100, st.expectedInRuns());
        assertEquals(1, st.lostInRuns());
        assertEquals(new LossGaps(1, 1, 1, 20.0, 1051), st.lossGaps());
        // late and nothing lost: tshark's -1, and none that never came
        Captures alone = offerAnswer("call-late-only");
        for (int i : lateFirst(100)) {
            alone.udp(t + i * 20_000L + (i == 0 ? 25_000 : 0), CALLER, CALLEE, Rtp.packet(0, 1000 + i, 160L * i, 9, false));
        }
        RtpStatistics only = MediaRead.of(alone, dir).streams().get(0).stats();
        assertEquals(-1, only.lost());
        assertEquals(100, only.expectedInRuns());
        assertEquals(0, only.lostInRuns());
        assertEquals(LossGaps.NONE, only.lossGaps());
    }

    @Test
    void aChangeOfClockRateMidStreamIsNoJitterThoughTshark40TakesItForOne() throws Exception {
        // PCMU then opus on one SSRC, every 20 ms on time; the timestamps go on from the last PCMU packet's plus its
        // 160 (RFC 7160 4.1), then in 48 kHz steps of 960. tshark 4.0 converts the whole run of timestamps since the
        // first at the new rate (500 ms of opus against 3 s of arrivals): max jitter 146.484 ms, mean 7.838
        String offer = opus(Rtp.sdp("10.0.0.1", 40000, "sendrecv"));
        String answerSdp = opus(Rtp.sdp("10.0.0.2", 50000, "sendrecv"));
        String answer = SipText.response(200, "OK", "INVITE", "call-rate", 1).replace("Content-Length: 0\r\n\r\n", "")
                + "Content-Type: application/sdp\r\nContent-Length: " + answerSdp.length() + "\r\n\r\n" + answerSdp;
        Captures c = Captures.pcap()
                .udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                        SipText.request("INVITE", "sip:bob@10.0.0.2", "call-rate", 1, offer))
                .udp(T0 + 1000, "10.0.0.2:5060", "10.0.0.1:5060", answer);
        for (int i = 0; i < 300; i++) {
            boolean pcmu = i < 150;
            long ts = pcmu ? 5000 + 160L * i : 29_000 + 960L * (i - 150);
            c.udp(T0 + 200_000 + 20_000L * i, CALLER, CALLEE, Rtp.packet(pcmu ? 0 : 111, i, ts, 9, i == 150));
        }
        RtpStatistics st = MediaRead.of(c, dir).streams().get(0).stats();
        assertEquals(300, st.packets());
        // the first opus packet (marked, so out of the largest) steps 160, 3.3 ms at 48 kHz against 20 ms of
        // arrival; the packet after it keeps 15/16 of that jitter
        assertEquals((20 - 160 / 48.0) / 16 * 15 / 16, st.maxJitterMs(), 1e-9);
        assertEquals(0, st.clockJumps());
    }

    /** {@code sdp} ({@link Rtp#sdp}) with opus/48000 as payload type 111 in PCMA's place. */
    private static String opus(String sdp) {
        return sdp.replace("RTP/AVP 0 8 101", "RTP/AVP 0 111 101").replace("a=rtpmap:8 PCMA/8000", "a=rtpmap:111 opus/48000/2");
    }

    /** Packets 0 to {@code n - 1} in the order they arrive when the first comes after the second. */
    private static List<Integer> lateFirst(int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.set(0, 1);
        order.set(1, 0);
        return order;
    }

    @Test
    void aLongOutageWithTheNumbersGoingOnIsLossAndAStrayPacketNoRestart() throws Exception {
        // 3500 numbers skipped over 70 s: as many packets sent meanwhile, lost
        RtpStatistics outage = MediaRead.of(renumbered(1000, 4550, 70_000_000), dir).streams().get(0).stats();
        assertEquals(0, outage.sequenceRestarts());
        assertEquals(3500, outage.lostInRuns());
        assertEquals(outage.lost(), outage.lostInRuns());
        // one packet far off that the next does not follow: no restart
        Captures c = offerAnswer("call-s");
        long t = T0 + 100_000;
        for (int i = 0; i < 100; i++) {
            c.udp(t += 20_000, CALLER, CALLEE, Rtp.packet(0, i == 40 ? 50_000 : 1000 + i, 160L * i, 9, false));
        }
        RtpStatistics stray = MediaRead.of(c, dir).streams().get(0).stats();
        assertEquals(0, stray.sequenceRestarts());
        assertEquals(0, stray.lostInRuns());
    }

    @Test
    void streamWithoutSdpIsKeptWhenPlainlyRtpAndNoiseIsNot() throws Exception {
        Captures c = Captures.pcap();
        long t = T0;
        for (int i = 0; i < 10; i++) {
            c.udp(t += 20_000, "192.168.1.5:16384", "192.168.1.9:16390", Rtp.packet(0, 100 + i, 160L * i, 77, false));
        }
        // version-2-looking datagrams with random sequence numbers and SSRCs, and one from a low port
        c.udp(t += 1000, "192.168.1.5:3000", "192.168.1.9:3002", Rtp.packet(0, 7, 0, 1, false));
        c.udp(t += 1000, "192.168.1.5:3000", "192.168.1.9:3002", Rtp.packet(0, 9000, 0, 2, false));
        c.udp(t += 1000, "192.168.1.5:53", "192.168.1.9:3002", Rtp.packet(0, 1, 0, 3, false));
        CaptureMedia media = MediaRead.of(c, dir);
        assertEquals(1, media.streams().size());
        RtpStream s = media.streams().get(0);
        assertEquals(10, s.stats().packets());
        assertNull(s.callId());
        assertTrue(!s.announced());
    }

    @Test
    void streamWithoutSdpCapturedTwiceIsStillPlainlyRtp() throws Exception {
        // every packet seen twice 300 us apart (a capture on two interfaces): half the packets are duplicates
        Captures c = Captures.pcap();
        long t = T0;
        for (int i = 0; i < 10; i++) {
            byte[] packet = Rtp.packet(0, 100 + i, 160L * i, 77, false);
            c.udp(t += 20_000, "192.168.1.5:16384", "192.168.1.9:16390", packet);
            c.udp(t + 300, "192.168.1.5:16384", "192.168.1.9:16390", packet);
        }
        CaptureMedia media = MediaRead.of(c, dir);
        assertEquals(1, media.streams().size());
        RtpStatistics st = media.streams().get(0).stats();
        assertEquals(20, st.packets());
        assertEquals(10, st.duplicates());
        // as tshark counts them: 10 expected, -10 lost
        assertEquals(-10, st.lost());
    }

    @Test
    void datagramsThatRepeatOneSequenceNumberAreNoStreamWithoutSdp() throws Exception {
        // BACnet/IP (UDP 47808): its first byte 0x81 reads as RTP version 2, its 16-bit length as the sequence number,
        // the same in every message of one size (a real capture gave 650 such "streams")
        Captures c = Captures.pcap();
        long t = T0;
        for (int i = 0; i < 40; i++) {
            byte[] bacnet = {(byte) 0x81, 0x0a, 0x00, 0x11, 0x01, 0x04, 0x00, 0x05, 0x01, 0x0c, 0x0c, 0x02, 0x00,
                0x00, 0x01, 0x19, 0x4d};
            c.udp(t += 5_000_000, "10.200.1.127:47808", "10.200.1.15:47808", bacnet);
        }
        assertEquals(List.of(), MediaRead.of(c, dir).streams());
    }

    @Test
    void packetsBeforeTheAnnouncingSdpAreEarlyAndNotInTheStatistics() throws Exception {
        Captures c = Captures.pcap();
        for (int i = 0; i < 5; i++) {
            c.udp(T0 + i * 20_000L, CALLER, CALLEE, Rtp.packet(0, i, 160L * i, 11, false));
        }
        c.udp(T0 + 101_000, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "late-sdp", 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")));
        for (int i = 5; i < 10; i++) {
            c.udp(T0 + i * 20_000L + 2000, CALLER, CALLEE, Rtp.packet(0, i, 160L * i, 11, false));
        }
        RtpStream s = MediaRead.of(c, dir).streams().get(0);
        assertEquals(5, s.stats().packets());
        assertEquals(5, s.earlyPackets());
        assertEquals(1, s.firstSeenFrame());
        assertEquals("late-sdp", s.callId());
    }

    @Test
    void rtcpReceiverReportsAreRead() throws Exception {
        Captures c = offerAnswer("call-5").udp(T0 + 5_000_000, "10.0.0.2:50001", "10.0.0.1:40001",
                Rtp.receiverReport(0x1111, 0x2222, 64, 12, 70000, 80));
        CaptureMedia media = MediaRead.of(c, dir);
        assertEquals(1, media.rtcpReports().size());
        RtcpReport r = media.rtcpReports().get(0);
        assertEquals(201, r.type());
        RtcpReport.Block b = r.blocks().get(0);
        assertEquals(0x2222, b.ssrc());
        assertEquals(25.0, b.fractionLostPercent(), 1e-9);
        assertEquals(12, b.cumulativeLost());
        assertEquals(80, b.jitter());
        assertEquals(1, media.rtcpAbout(0x2222).size());
    }

    @Test
    void seriesHasPacketsLossAndJitterPerSecond() throws Exception {
        Captures c = offerAnswer("call-6");
        long t = T0 + 100_000;
        for (int i = 0; i < 150; i++) {
            if (i == 60 || i == 61) {
                continue; // two lost in the second second
            }
            c.udp(t + i * 20_000L, CALLER, CALLEE, Rtp.packet(0, i, 160L * i, 8, false));
        }
        StreamSeries series = MediaRead.of(c, dir).streams().get(0).series();
        assertEquals(3, series.length());
        assertEquals(50, series.packets(0));
        assertEquals(48, series.packets(1));
        assertEquals(2, series.lost(1));
        assertEquals(0, series.lost(0));
        assertEquals(50, series.packets(2));
        assertEquals(0f, series.maxJitterMs(0), 1e-6);
    }

    @Test
    void withoutSeriesTheStatisticsAreTheSameAndAStreamKeepsNoSeries() throws Exception {
        Captures c = offerAnswer("call-7");
        long t = T0 + 100_000;
        for (int i = 0; i < 150; i++) {
            if (i != 60) {
                c.udp(t + i * 20_000L, CALLER, CALLEE, Rtp.packet(0, i, 160L * i, 9, false));
            }
        }
        Path file = c.write(dir.resolve("series.pcap"));
        MediaCollector with = new MediaCollector();
        MediaRead.into(file, with);
        MediaCollector without = MediaCollector.withoutSeries();
        MediaRead.into(file, without);
        RtpStream kept = with.result().streams().get(0);
        RtpStream bare = without.result().streams().get(0);
        assertEquals(kept.stats(), bare.stats());
        assertEquals(1, bare.stats().lost());
        assertEquals(3, kept.series().length());
        assertEquals(0, bare.series().length());
        // the stream shares the announced address rather than keeping a copy of its own
        assertEquals(bare.announcement().media(), bare.key().dst());
        assertSame(bare.announcement().address(), bare.key().dst().address());
    }

    @Test
    void askedTwiceWithNothingNewTheResultIsOneObjectAndNewPacketsMakeANewOne() throws Exception {
        Captures c = offerAnswer("call-8");
        for (int i = 0; i < 10; i++) {
            c.udp(T0 + 100_000 + i * 20_000L, CALLER, CALLEE, Rtp.packet(0, i, 160L * i, 10, false));
        }
        Path file = c.write(dir.resolve("twice.pcap"));
        MediaCollector collector = new MediaCollector();
        MediaRead.into(file, collector);
        CaptureMedia first = collector.result();
        assertSame(first, collector.result());
        MediaRead.into(file, collector);
        CaptureMedia again = collector.result();
        assertTrue(again != first, "a result made again after more packets");
        assertEquals(20, again.rtpPackets());
        assertEquals(10, first.rtpPackets());
    }

    /** Several calls, one stream each way per call, interleaved, with loss on some, a DTMF digit and a re-INVITE. */
    private static Captures calls(int count) {
        Captures c = Captures.pcap();
        long t = T0;
        for (int k = 0; k < count; k++) {
            String callId = "many-" + k;
            String a = "10.0.1." + (k + 1);
            String b = "10.0.2." + (k + 1);
            String answer = SipText.response(200, "OK", "INVITE", callId, 1).replace("Content-Length: 0\r\n\r\n", "");
            String body = Rtp.sdp(b, 50000, "sendrecv");
            answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            c.udp(t += 1000, a + ":5060", b + ":5060",
                    SipText.request("INVITE", "sip:bob@" + b, callId, 1, Rtp.sdp(a, 40000, "sendrecv")));
            c.udp(t += 1000, b + ":5060", a + ":5060", answer);
        }
        for (int i = 0; i < 60; i++) {
            t += 20_000;
            for (int k = 0; k < count; k++) {
                String a = "10.0.1." + (k + 1) + ":40000";
                String b = "10.0.2." + (k + 1) + ":50000";
                if (i % (k + 2) != 1) {
                    c.udp(t + k, a, b, Rtp.packet(0, i, 160L * i, 100 + k, false));
                }
                c.udp(t + k + 500, b, a, k == 0 && i == 30
                        ? Rtp.packet(101, i, 160L * i, 200 + k, true, Rtp.event(7, false, 160))
                        : Rtp.packet(0, i, 160L * i, 200 + k, false));
            }
        }
        return c;
    }

    @Test
    void aCallsStreamsAreTheStreamsOfItsLegsInOrderAndEqualEachTimeTheyAreMade() throws Exception {
        MediaCollector collector = new MediaCollector();
        MediaRead.read(calls(6), dir, collector);
        CaptureMedia media = collector.result();
        List<RtpStream> all = media.streams();
        assertEquals(12, all.size());
        assertEquals(all, media.streams(), "made again, each stream is equal");
        assertEquals(new ArrayList<>(all), new ArrayList<>(media.streams()));
        for (int k = 0; k < 6; k++) {
            String id = "many-" + k;
            // the old form: the capture's streams filtered by Call-ID
            List<RtpStream> filtered = all.stream().filter(s -> id.equals(s.callId())).toList();
            assertEquals(2, filtered.size());
            assertEquals(filtered, media.streamsOf(id));
            assertEquals(filtered, media.leg(id).streams());
        }
        List<String> some = List.of("many-4", "many-1", "nobody", "many-4");
        assertEquals(all.stream().filter(s -> some.contains(s.callId())).toList(), media.streamsOf(some));
        assertEquals("7", media.streamsOf("many-0").get(1).dtmf());
        assertTrue(media.streamsOf("many-0").get(0).stats().lost() > 0);
        assertEquals(List.of(), media.streamsOf("nobody"));
    }

    @Test
    void theResultHoldsNoStreamThatWasMadeForACaller() throws Exception {
        MediaCollector collector = new MediaCollector();
        MediaRead.read(calls(3), dir, collector);
        CaptureMedia media = collector.result();
        WeakReference<RtpStream> made = new WeakReference<>(media.streamsOf("many-1").get(0));
        for (int i = 0; i < 50 && made.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(made.get(), "a stream made for a caller is not kept by the result");
        assertEquals(6, media.streams().size());
    }

    @Test
    void aResultKeepsItsStreamsAsTheyWereWhenMorePacketsAreRead() throws Exception {
        Path file = calls(2).write(dir.resolve("again.pcap"));
        MediaCollector collector = new MediaCollector();
        MediaRead.into(file, collector);
        CaptureMedia first = collector.result();
        List<RtpStream> before = new ArrayList<>(first.streams());
        MediaRead.into(file, collector);
        CaptureMedia again = collector.result();
        assertEquals(before, new ArrayList<>(first.streams()));
        assertEquals(before, first.streamsOf(List.of("many-0", "many-1")));
        assertTrue(again.streams().get(0).stats().packets() > before.get(0).stats().packets());
        // the SDP by Call-ID too: the Call-ID hashes kept after the first result do not reach its index
        assertEquals(2, first.announcementsOf("many-1").size());
        assertEquals(4, again.announcementsOf("many-1").size());
        assertEquals(first.announcementsOf("many-1"), again.announcementsOf("many-1").subList(0, 2));
    }

    @Test
    void streamsBeyondTheUnannouncedBoundAreOneWarningNamingTheFrameWithTheCount() throws Exception {
        // the bound of Limits itself: 3 streams more than it, of 2 packets each, on ports no SDP announced
        int bound = org.sipladder.Limits.UNANNOUNCED_RTP_STREAMS;
        Captures c = Captures.pcap();
        long t = T0;
        for (int i = 0; i < bound + 3; i++) {
            String src = "10.1." + (i >> 8) + "." + (i & 0xff) + ":20000";
            c.udp(t += 10, src, "10.0.0.9:30000", Rtp.packet(0, 1, 160, i, false));
        }
        for (int i = bound; i < bound + 3; i++) {
            String src = "10.1." + (i >> 8) + "." + (i & 0xff) + ":20000";
            c.udp(t += 10, src, "10.0.0.9:30000", Rtp.packet(0, 2, 320, i, false));
        }
        MediaCollector collector = new MediaCollector();
        List<String> warnings = MediaRead.read(c, dir, collector);
        assertEquals(List.of("frame " + (bound + 1) + ": more than " + bound + " RTP streams that no SDP announced "
                + "(the most tracked per capture): 6 packets of further such streams, from this frame on, were not "
                + "analysed"), warnings);
    }

    @Test
    void rtcpBeyondTheReportBoundIsAWarningNamingTheFrame() throws Exception {
        Captures c = Captures.pcap();
        for (int i = 0; i < 4; i++) {
            c.udp(T0 + i * 1000, CALLER.replace("40000", "40001"), CALLEE.replace("50000", "50001"),
                    Rtp.receiverReport(0x1111, 0x2222, 0, i, 70000 + i, 80));
        }
        MediaCollector collector = new MediaCollector(10, 2);
        List<String> warnings = MediaRead.read(c, dir, collector);
        assertEquals(List.of("frame 3: 2 RTCP reports kept (the most per capture): the reports of 2 packets from "
                + "this frame on were not kept"), warnings);
        CaptureMedia media = collector.result();
        assertEquals(2, media.rtcpReports().size());
        assertEquals(4, media.rtcpPackets());
    }

    @Test
    void aCollectorWithinItsBoundsWarnsOfNothing() throws Exception {
        Captures c = offerAnswer("call-b").udp(T0 + 100_000, CALLER, CALLEE, Rtp.packet(0, 1, 1000, 7, false));
        assertEquals(List.of(), MediaRead.read(c, dir, new MediaCollector(1, 1)));
    }
    @Test
    void theWarningAtTheBoundOfDeliveryErrorsNamesTheRefusedAndUnansweredConnectionsItAlsoCounts() {
        // a SIP client that retries a closed TCP port: every reset counts toward the bound, not only ICMP errors
        MediaCollector collector = new MediaCollector();
        Endpoint client = new Endpoint("10.0.0.1", 40000);
        Endpoint server = new Endpoint("10.0.0.2", 5060);
        for (int i = 1; i <= org.sipladder.Limits.UNREACHABLE_ERRORS + 3; i++) {
            String reason = i % 2 == 0 ? Unreachable.REFUSED : Unreachable.UNANSWERED;
            collector.unreachable(new Unreachable(i, T0 + i, "10.0.0.2", client, server, false, reason, 0));
        }
        List<String> warnings = collector.takeWarnings();
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.startsWith("frame " + (org.sipladder.Limits.UNREACHABLE_ERRORS + 1) + ": "), w);
        assertTrue(w.contains("refused") && w.contains("unanswered") && w.contains("TLS"), w);
        assertTrue(w.contains("3 packets from this frame on were not kept"), w);
    }
}
