package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    private static void waitUntilIdle(MediaCollector collector) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (collector.analysing() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(collector.analysing(), "the analysis thread still runs 30 s after the read");
    }
}
