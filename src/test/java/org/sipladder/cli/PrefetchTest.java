package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
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
}
