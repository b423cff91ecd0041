package org.sipladder.ui.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureListener;
import org.sipladder.source.LiveFeed;
import org.sipladder.testkit.TwoHosts;

/**
 * What a live source warned of while it ran (a HEP agent's connection closed for sending no HEP, a refused
 * connection, a packet that could not be decoded) was handed to the observer, which the main window drops as it
 * takes warnings from the result; the result was then read back from the file written, which knows nothing of them,
 * so the app never said why an agent's messages did not appear. They come first in the result's warnings.
 */
class LiveLoadWarningsTest {

    @TempDir
    Path dir;

    /** A feed that warns {@code count} times while it runs and leaves a small capture as its file. */
    private LiveFeed warning(int count) throws Exception {
        Path file = new TwoHosts().writeA(dir.resolve("live.pcap"));
        return new LiveFeed() {
            @Override
            public void run(CaptureListener listener, BooleanSupplier cancelled) {
                for (int i = 1; i <= count; i++) {
                    listener.warning("HEP over TCP from 127.0.0.1:" + i + ": not HEP3 where a packet should start; "
                            + "connection closed");
                }
            }

            @Override
            public Path file() {
                return file;
            }

            @Override
            public String describe() {
                return "HEP on tcp:127.0.0.1:9060";
            }
        };
    }

    @Test
    void whatTheLiveSourceWarnedOfIsInTheResult() throws Exception {
        LoadedCapture loaded = new PipelineCaptureLoader().loadLive(warning(1), 20_000, LoadObserver.none());
        assertEquals(List.of("HEP over TCP from 127.0.0.1:1: not HEP3 where a packet should start; connection closed"),
                loaded.warnings());
        assertEquals(1, loaded.calls().size());
    }

    @Test
    void aFloodOfWarningsKeepsTheFirstHundredAndCountsTheRest() throws Exception {
        LoadedCapture loaded = new PipelineCaptureLoader().loadLive(warning(100_000), 20_000, LoadObserver.none());
        assertEquals(101, loaded.warnings().size());
        assertEquals("HEP over TCP from 127.0.0.1:100: not HEP3 where a packet should start; connection closed",
                loaded.warnings().get(99));
        assertEquals("99900 more warnings not shown", loaded.warnings().get(100));
        assertEquals(true, Files.exists(dir.resolve("live.pcap")));
    }
}
