package org.sipladder.ui.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.TwoHosts;

/** The heap is compacted once after a read of many messages, and not after a small one. */
class PipelineCaptureLoaderCompactionTest {

    @TempDir
    Path dir;

    private final AtomicInteger compactions = new AtomicInteger();

    private LoadedCapture load(long compactFromMessages) throws CaptureLoadException {
        Path capture = new TwoHosts().writeA(dir.resolve("a.pcap"));
        return new PipelineCaptureLoader(System::nanoTime, compactions::incrementAndGet, compactFromMessages)
                .load(capture, LoadObserver.none());
    }

    @Test
    void aReadOfAtLeastTheThresholdIsCompactedOnce() throws CaptureLoadException {
        LoadedCapture loaded = load(1);
        assertEquals(1, compactions.get());
        assertEquals(1, loaded.calls().size());
    }

    @Test
    void aReadBelowTheThresholdIsNotCompacted() throws CaptureLoadException {
        LoadedCapture loaded = load(1_000);
        assertEquals(0, compactions.get(), loaded.messageCount() + " messages");
    }
}
