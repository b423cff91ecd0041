package org.sipladder.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LatestValueRelayTest {

    /** Queues UI updates instead of running them, like the FX event queue while it is busy. */
    private static final class QueueingExecutor implements TaskExecutor {
        final List<Runnable> queue = new ArrayList<>();

        @Override
        public <V> TaskHandle submit(BackgroundWork<V> work, Consumer<? super V> ok, Consumer<? super Exception> ko) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void runOnUiThread(Runnable update) {
            queue.add(update);
        }
    }

    @Test
    void aBurstOfValuesQueuesOneUpdateThatDeliversTheNewest() {
        QueueingExecutor executor = new QueueingExecutor();
        List<Integer> delivered = new ArrayList<>();
        LatestValueRelay<Integer> relay = new LatestValueRelay<>(executor, delivered::add);
        for (int i = 1; i <= 1000; i++) {
            relay.publish(i);
        }
        assertEquals(1, executor.queue.size());
        executor.queue.remove(0).run();
        assertEquals(List.of(1000), delivered);

        relay.publish(1001);
        assertEquals(1, executor.queue.size());
    }
}
