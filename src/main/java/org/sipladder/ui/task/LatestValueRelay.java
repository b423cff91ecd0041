package org.sipladder.ui.task;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands values from a worker to the UI thread keeping only the newest one, so a fast producer (progress
 * of a 1 GB read) queues at most one pending UI update instead of flooding the event queue.
 *
 * @param <T> the value type
 */
public final class LatestValueRelay<T> {

    private final TaskExecutor executor;
    private final Consumer<? super T> consumer;
    private final AtomicReference<T> pending = new AtomicReference<>();

    public LatestValueRelay(TaskExecutor executor, Consumer<? super T> consumer) {
        this.executor = executor;
        this.consumer = consumer;
    }

    /** Publishes {@code value}; earlier values not yet delivered are dropped. */
    public void publish(T value) {
        if (pending.getAndSet(value) == null) {
            executor.runOnUiThread(() -> {
                T latest = pending.getAndSet(null);
                if (latest != null) {
                    consumer.accept(latest);
                }
            });
        }
    }
}
