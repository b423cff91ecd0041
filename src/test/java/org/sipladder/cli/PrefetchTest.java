package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PrefetchTest {

    @Test
    void resultsComeInTaskOrderWhateverTheNumberOfWorkers() {
        for (int workers : new int[] {1, 2, 3, 8}) {
            for (int count : new int[] {0, 1, 63, 64, 65, 1000}) {
                List<Supplier<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    int n = i;
                    tasks.add(() -> {
                        if (n % 97 == 0) {
                            Thread.onSpinWait();
                        }
                        return n;
                    });
                }
                List<Integer> got = new ArrayList<>();
                Prefetch.of(tasks, workers).forEach(got::add);
                assertEquals(count, got.size(), workers + " workers, " + count + " tasks");
                for (int i = 0; i < count; i++) {
                    assertEquals(i, got.get(i));
                }
            }
        }
    }

    @Test
    void aFailingTaskFailsTheCallerWhenItsTurnComes() {
        List<Supplier<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int n = i;
            tasks.add(() -> {
                if (n == 300) {
                    throw new IllegalArgumentException("task 300");
                }
                return n;
            });
        }
        List<Integer> got = new ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Prefetch.of(tasks, 3).forEach(got::add));
        assertEquals("task 300", e.getMessage());
        // the batch holding task 300 (256..319) never arrives; all before it do
        assertEquals(256, got.size());
    }

    @Test
    void aWorkerHeldUpInOneBatchLeavesTheNextBatchesToTheOthers() {
        // the first batch waits until the third is made: with each worker bound to every other batch, the worker
        // of the first would also have to make the third
        CountDownLatch thirdMade = new CountDownLatch(1);
        List<Supplier<Integer>> tasks = new ArrayList<>();
        boolean[] waited = new boolean[1];
        for (int i = 0; i < 8; i++) {
            int n = i;
            tasks.add(() -> {
                if (n == 0) {
                    try {
                        waited[0] = thirdMade.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else if (n == 2) {
                    thirdMade.countDown();
                }
                return n;
            });
        }
        List<Integer> got = new ArrayList<>();
        Prefetch.of(tasks, 2, 1, 1).forEach(got::add);
        assertTrue(waited[0], "the third batch was made while the first waited");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), got);
    }
}
