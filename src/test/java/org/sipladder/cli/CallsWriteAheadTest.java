package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code calls --json} makes each call's JSON a few calls ahead of the one it writes, and no more: what waits
 * outlives young collections and is promoted, so that the peak grew with the calls of a large capture while they were
 * written (640 calls waiting before, at 64 a batch and 4 batches ahead per core).
 */
class CallsWriteAheadTest {

    @Test
    void whileTheWriterWaitsAFewBatchesPerCoreAreMadeAndNoMore() throws Exception {
        int calls = 5_000 / CallsCommand.BATCH * CallsCommand.BATCH;
        AtomicInteger made = new AtomicInteger();
        List<Supplier<String>> runs = new ArrayList<>();
        for (int r = 0; r * CallsCommand.BATCH < calls; r++) {
            int from = r * CallsCommand.BATCH;
            runs.add(() -> {
                made.addAndGet(CallsCommand.BATCH);
                return "{\"call\":" + from + "}";
            });
        }
        Iterator<String> ordered = CallsCommand.ordered(runs).iterator();
        assertEquals("{\"call\":0}", ordered.next());
        // the writer is slow now: the workers make what they may and then wait for it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!workersWaiting() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(workersWaiting(), "the workers wait for the writer");
        // per core two runs of 16 waiting and one being made, and the run the writer takes from
        int bound = Runtime.getRuntime().availableProcessors() * 3 * CallsCommand.BATCH + CallsCommand.BATCH;
        assertTrue(made.get() <= bound, made.get() + " calls made while 1 was written; at most " + bound);
        int written = CallsCommand.BATCH;
        while (ordered.hasNext()) {
            assertEquals("{\"call\":" + written + "}", ordered.next());
            written += CallsCommand.BATCH;
        }
        assertEquals(calls, written);
        assertEquals(calls, made.get());
    }

    private static boolean workersWaiting() {
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("prefetch-") && t.isAlive()).toList();
        return !workers.isEmpty() && workers.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
    }
}
