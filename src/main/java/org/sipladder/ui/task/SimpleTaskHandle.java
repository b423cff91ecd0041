package org.sipladder.ui.task;

import java.util.concurrent.atomic.AtomicBoolean;

/** A cancel flag shared between the UI and the running work. */
final class SimpleTaskHandle implements TaskHandle {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }
}
