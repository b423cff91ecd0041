package org.sipladder.ui.task;

/** Lets the user stop work that was submitted; cancelling is cooperative and idempotent. */
public interface TaskHandle extends TaskContext {

    void cancel();
}
