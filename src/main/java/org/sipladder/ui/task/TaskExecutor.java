package org.sipladder.ui.task;

import java.util.function.Consumer;

/**
 * Runs long work away from the UI thread and hands results back on it; the one way view-models start
 * work, so tests can swap in {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor {

    /**
     * Starts {@code work}; exactly one of {@code onSuccess} or {@code onFailure} later runs on the UI
     * thread, unless the work was cancelled, in which case {@code onSuccess} still receives what the work
     * returned (partial results are worth showing).
     */
    <V> TaskHandle submit(BackgroundWork<V> work, Consumer<? super V> onSuccess, Consumer<? super Exception> onFailure);

    /** Runs {@code update} on the UI thread (immediately when already on it, for the test executor). */
    void runOnUiThread(Runnable update);
}
