package org.sipladder.ui.task;

/** What running work may ask of its executor: whether the user cancelled it. */
@FunctionalInterface
public interface TaskContext {

    boolean isCancelled();
}
