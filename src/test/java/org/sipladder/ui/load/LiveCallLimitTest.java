package org.sipladder.ui.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.PcapngWriter;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.flow.CallSummary;
import org.sipladder.source.LiveFeed;
import org.sipladder.source.PayloadRecorder;
import org.sipladder.testkit.SipText;

/**
 * A live view kept every call of the session in memory (a day of a busy SBC: millions of messages): it keeps at most
 * its limit, says how many left it, and Stop reads every call back from the file written.
 */
class LiveCallLimitTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    /** Whether the source below is running: the snapshots after it are of the file read back. */
    private volatile boolean running;

    /** A source that receives {@code calls} INVITEs of distinct Call-IDs and writes them, as the HEP feed does. */
    private LiveFeed invites(int calls) {
        Path file = dir.resolve("live.pcapng");
        return new LiveFeed() {
            @Override
            public void run(CaptureListener listener, BooleanSupplier cancelled) throws IOException {
                running = true;
                try (PcapngWriter writer = new PcapngWriter(Files.newOutputStream(file))) {
                    PayloadRecorder recorder = new PayloadRecorder(listener, writer);
                    for (int i = 1; i <= calls; i++) {
                        recorder.payload(new SipPayload(i, T + i * 1_000_000L, new Endpoint("203.0.113.7", 5060),
                                new Endpoint("198.51.100.20", 5060), Transport.UDP,
                                SipText.invite("live-" + i).getBytes(StandardCharsets.UTF_8), null, 0));
                    }
                } finally {
                    running = false;
                }
            }

            @Override
            public Path file() {
                return file;
            }

            @Override
            public String describe() {
                return "HEP on udp:127.0.0.1:9060";
            }
        };
    }

    @Test
    void theViewKeepsAtMostItsLimitSaysHowManyLeftAndStopReadsThemAllBack() throws Exception {
        List<Integer> shown = new ArrayList<>();
        List<Long> dropped = new ArrayList<>();
        long[] clock = {0};
        // a clock a second further at each look: a snapshot after every message
        PipelineCaptureLoader loader = new PipelineCaptureLoader(() -> clock[0] += 1_000_000_000L);
        LoadedCapture loaded = loader.loadLive(invites(60), 8, new LoadObserver() {
            @Override
            public void progress(long bytesRead, long totalBytes) {
            }

            @Override
            public void calls(List<CallSummary> snapshot) {
                if (running) {
                    shown.add(snapshot.size());
                }
            }

            @Override
            public void warning(String message) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void liveCallsDropped(long count, int limit) {
                assertEquals(8, limit);
                dropped.add(count);
            }
        });
        assertEquals(60, shown.size(), "snapshots: " + shown);
        assertTrue(shown.stream().allMatch(n -> n <= 8), "more calls shown than the limit: " + shown);
        assertEquals(8, (int) shown.get(7));
        assertTrue(!dropped.isEmpty() && dropped.get(dropped.size() - 1) > 50, "dropped: " + dropped);
        // the file has every call, and Stop shows every call
        assertEquals(60, loaded.calls().size());
        assertEquals("while live, the view kept at most 8 calls and dropped " + dropped.get(dropped.size() - 1)
                + " older ones; all of them were read back from " + dir.resolve("live.pcapng"), loaded.warnings().get(0));
    }
}
