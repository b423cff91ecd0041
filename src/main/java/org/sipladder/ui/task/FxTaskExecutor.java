package org.sipladder.ui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Runs work on a small pool of daemon threads and posts results to the JavaFX application thread. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {

    private final ExecutorService pool;

    public FxTaskExecutor() {
        AtomicInteger count = new AtomicInteger();
        // Daemon threads: closing the window must not wait for a capture that is still being read.
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sipladder-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <V> TaskHandle submit(BackgroundWork<V> work, Consumer<? super V> onSuccess,
                                 Consumer<? super Exception> onFailure) {
        SimpleTaskHandle handle = new SimpleTaskHandle();
        pool.execute(() -> {
            try {
                V result = work.call(handle);
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception e) {
                Platform.runLater(() -> onFailure.accept(e));
            } catch (OutOfMemoryError e) {
                Platform.runLater(() -> onFailure.accept(new IllegalStateException(
                        "Not enough memory for this capture; start with a larger -Xmx.", e)));
            }
        });
        return handle;
    }

    @Override
    public void runOnUiThread(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
