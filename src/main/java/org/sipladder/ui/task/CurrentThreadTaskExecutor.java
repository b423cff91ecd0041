package org.sipladder.ui.task;

import java.util.function.Consumer;

/** Runs work synchronously on the calling thread; for tests of view-models. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public <V> TaskHandle submit(BackgroundWork<V> work, Consumer<? super V> onSuccess,
                                 Consumer<? super Exception> onFailure) {
        SimpleTaskHandle handle = new SimpleTaskHandle();
        V result;
        try {
            result = work.call(handle);
        } catch (Exception e) {
            onFailure.accept(e);
            return handle;
        }
        onSuccess.accept(result);
        return handle;
    }

    @Override
    public void runOnUiThread(Runnable update) {
        update.run();
    }
}
