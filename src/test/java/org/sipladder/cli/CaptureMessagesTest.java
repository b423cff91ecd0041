package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.source.MergedCapture;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;

/** A read that is told to stop (diagnose's LiveKit config failed to load) ends early and says it was cancelled. */
class CaptureMessagesTest {

    private static final int MESSAGES = 20_000;

    @TempDir
    Path dir;

    @Test
    void aReadToldToStopEndsEarly() throws Exception {
        Path capture = manyOptions();
        List<SipMessage> whole = new ArrayList<>();
        MergedCapture all = new CaptureMessages(SipParser.Depth.SCAN, new PrintWriter(new StringWriter()))
                .read(CaptureInputs.of(List.of(capture), List.of()), whole::add, () -> false);
        assertEquals(MESSAGES, whole.size());
        assertFalse(all.summary().cancelled());

        // stop asked for once the first messages are in
        AtomicInteger seen = new AtomicInteger();
        MergedCapture stopped = new CaptureMessages(SipParser.Depth.SCAN, new PrintWriter(new StringWriter()))
                .read(CaptureInputs.of(List.of(capture), List.of()), m -> seen.incrementAndGet(),
                        () -> seen.get() > 0);
        assertTrue(stopped.summary().cancelled());
        assertTrue(seen.get() > 0 && seen.get() < MESSAGES / 2, seen + " of " + MESSAGES);
    }

    @Test
    void aBadConfigStopsDiagnoseBeforeTheCaptureIsRead() throws Exception {
        Path capture = manyOptions();
        Path bad = Files.writeString(dir.resolve("trunks.json"), "{\"items\": [ {\"sipTrunkId\": ");
        CliRun run = CliRun.of("diagnose", capture.toString(), "--livekit-config", bad.toString(), "--json");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith(bad.toString()), run.err());
        assertEquals("", run.out());
    }

    /** {@link #MESSAGES} OPTIONS requests, each of its own dialog. */
    private Path manyOptions() throws IOException {
        Captures pcap = Captures.pcap();
        for (int i = 0; i < MESSAGES; i++) {
            pcap.udp(1_700_000_000_000_000L + i * 1_000L, "192.0.2.1:5060", "192.0.2.2:5060",
                    "OPTIONS sip:probe@192.0.2.2 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK" + i
                            + "\r\nFrom: <sip:a@192.0.2.1>;tag=" + i + "\r\nTo: <sip:probe@192.0.2.2>\r\nCall-ID: o-" + i
                            + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        }
        return pcap.write(dir.resolve("options.pcap"));
    }
}
