package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.Limits;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.sip.SharedStrings;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.SipText;

/** The RTP analysis runs on a thread of its own: in capture order, through a ring smaller than a capture. */
class MediaHandOffTest {

    private static final long T0 = 1_763_900_000_000_000L;
    private static final int HALF = 12_000; // more than the ring holds, so the reader waits for the analysis

    @TempDir
    Path dir;

    /** A stream of 2 x HALF packets; the SDP announcing it comes between the halves. */
    private Path capture() {
        Captures c = Captures.pcap();
        int seq = 0;
        long t = T0;
        for (int i = 0; i < HALF; i++, seq++) {
            c.udp(t += 20_000, "10.0.0.1:40000", "10.0.0.2:50000", Rtp.packet(0, seq & 0xffff, 160L * seq, 5, false));
        }
        c.udp(t += 1_000, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "late-sdp", 1, Rtp.sdp("10.0.0.2", 50000, "sendrecv")));
        for (int i = 0; i < HALF; i++, seq++) {
            c.udp(t += 20_000, "10.0.0.1:40000", "10.0.0.2:50000", Rtp.packet(0, seq & 0xffff, 160L * seq, 5, false));
        }
        return c.write(dir.resolve("long.pcap"));
    }

    @Test
    void sdpAndRtpAreAnalysedInCaptureOrderAcrossTheRing() throws Exception {
        MediaCollector collector = new MediaCollector();
        MediaRead.into(capture(), collector);
        RtpStream s = collector.result().streams().get(0);
        // the statistics start afresh at the SDP, as Wireshark decodes the stream from there
        assertEquals(HALF, s.earlyPackets());
        assertEquals(HALF, s.stats().packets());
        assertEquals(0, s.stats().lost());
        assertEquals("late-sdp", s.callId());
    }

    @Test
    void theAnalysisThreadEndsWhenIdleAndAnotherReadStartsItAgain() throws Exception {
        Path file = capture();
        MediaCollector collector = new MediaCollector();
        MediaRead.into(file, collector);
        waitUntilIdle(collector); // no result() asked, as after a cancelled read: no thread stays behind
        MediaRead.into(file, collector);
        CaptureMedia media = collector.result();
        assertEquals(2L * (2 * HALF), media.rtpPackets());
        waitUntilIdle(collector);
    }

    /**
     * A live capture hands over a few packets at a time, far fewer than wake the parked thread: they are analysed
     * within its bounded park all the same, without a {@link MediaHandOff#finish()} (nothing would analyse them before
     * the capture ends if the thread parked until a batch or the finish).
     */
    @Test
    void aTrickleOfPacketsIsAnalysedWithoutWaitingForABatch() throws Exception {
        MediaHandOff handOff = new MediaHandOff(
                new RtpAnalysis(Limits.UNANNOUNCED_RTP_STREAMS, MediaCollector.Series.NONE, new SharedStrings(),
                        RtpAnalysis.IDLE_MICROS));
        handOff.sip(offer(1));
        waitUntilAnalysed(handOff, 1);
        Thread.sleep(30); // the thread finds the ring empty and parks (it ends only after about 0.1 s)
        assumeTrue(handOff.analysing(), "the machine was too slow: the thread ended before the next packets");
        for (int frame = 2; frame <= 4; frame++) {
            handOff.sip(offer(frame));
        }
        assertTrue(3 < MediaHandOff.BATCH);
        waitUntilAnalysed(handOff, 4);
        handOff.finish();
    }

    private static SipPayload offer(int frame) {
        String invite = SipText.request("INVITE", "sip:bob@10.0.0.2", "trickle-" + frame, 1,
                Rtp.sdp("10.0.0.1", 40000 + 2 * frame, "sendrecv"));
        return new SipPayload(frame, T0 + frame * 1_000_000L, new Endpoint("10.0.0.1", 5060),
                new Endpoint("10.0.0.2", 5060), Transport.UDP, invite.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void waitUntilAnalysed(MediaHandOff handOff, long slots) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (handOff.analysed() < slots && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(slots, handOff.analysed(), "packets handed over 5 s ago are not analysed yet");
    }

    private static void waitUntilIdle(MediaCollector collector) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (collector.analysing() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(collector.analysing(), "the analysis thread still runs 30 s after the read");
    }
}
