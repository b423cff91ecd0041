package org.sipladder.ui.task;

/**
 * A piece of long work run off the FX thread; it checks {@link TaskContext#isCancelled()} as it goes.
 *
 * @param <V> what the work produces
 */
@FunctionalInterface
public interface BackgroundWork<V> {

    V call(TaskContext context) throws Exception;
}
