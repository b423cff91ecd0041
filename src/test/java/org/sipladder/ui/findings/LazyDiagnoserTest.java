package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.livekit.LiveKitConfig;

class LazyDiagnoserTest {

    private final AtomicInteger built = new AtomicInteger();
    private final Diagnosis empty = new Diagnosis(List.of(), List.of());

    @Test
    void buildsNothingUntilTheFirstDiagnosisThenBuildsOnce() {
        Diagnoser lazy = Diagnoser.builtOnFirstUse(() -> {
            built.incrementAndGet();
            return (flows, config, settings) -> empty;
        });
        assertEquals(0, built.get());

        assertEquals(empty, lazy.diagnose(List.of(), LiveKitConfig.empty(), DiagnosisSettings.FROM_EVIDENCE));
        lazy.diagnose(List.of(), LiveKitConfig.empty(), DiagnosisSettings.FROM_EVIDENCE);

        assertEquals(1, built.get());
    }

    @Test
    void workersDiagnosingAtOnceShareOneDiagnoser() throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        Diagnoser lazy = Diagnoser.builtOnFirstUse(() -> {
            built.incrementAndGet();
            sleepBriefly();
            return (flows, config, settings) -> empty;
        });
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                awaitQuietly(start);
                lazy.diagnose(List.of(), LiveKitConfig.empty(), DiagnosisSettings.FROM_EVIDENCE);
            });
            t.start();
            workers.add(t);
        }
        start.countDown();
        for (Thread t : workers) {
            t.join(10_000);
        }
        assertEquals(1, built.get());
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
