package org.sipladder.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Runs tasks a little ahead on threads of their own and hands their results over in task order: while the caller
 * writes out one call, the next ones are being assembled and turned into JSON on every core. Worker {@code k} of
 * {@code n} runs the batches {@code k, k + n, k + 2n...}, each into a short queue of its own, so memory stays
 * bounded however fast either side is. A failure of a task is thrown to the caller.
 */
final class Prefetch<T> implements Iterator<T> {

    private static final int BATCH = 64;
    private static final int BATCHES_AHEAD = 4;
    private static final Object END = new Object();

    private final List<BlockingQueue<Object>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Iterator<T> current = Collections.emptyIterator();
    private int nextQueue;
    private boolean ended;

    private Prefetch(List<? extends Supplier<T>> tasks, int workers, int batch, int ahead) {
        for (int k = 0; k < workers; k++) {
            BlockingQueue<Object> queue = new ArrayBlockingQueue<>(ahead);
            queues.add(queue);
            int first = k;
            Thread thread = new Thread(() -> run(tasks, first, workers, batch, queue), "prefetch-" + k);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** The results of {@code tasks}, in order, computed by {@code workers} threads (at least one). */
    static <T> Iterable<T> of(List<? extends Supplier<T>> tasks, int workers) {
        return of(tasks, workers, BATCH, BATCHES_AHEAD);
    }

    /**
     * As {@link #of(List, int)}, in batches of {@code batch} tasks, at most {@code ahead} batches waiting per worker:
     * smaller where each result is large or what a task reads back should still be cached when the next one runs.
     */
    static <T> Iterable<T> of(List<? extends Supplier<T>> tasks, int workers, int batch, int ahead) {
        return () -> new Prefetch<>(tasks, Math.max(1, workers), Math.max(1, batch), Math.max(1, ahead));
    }

    /** Runs the batches {@code first, first + step...}; ends with END (or with what a task threw). */
    private static <T> void run(List<? extends Supplier<T>> tasks, int first, int step, int size,
                                BlockingQueue<Object> queue) {
        try {
            for (int start = first * size; start < tasks.size(); start += step * size) {
                int end = Math.min(tasks.size(), start + size);
                List<T> batch = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    batch.add(tasks.get(i).get());
                }
                queue.put(batch);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                queue.put(e);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (!current.hasNext() && !ended) {
            Object next;
            try {
                next = queues.get(nextQueue).take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for the next call", e);
            }
            nextQueue = (nextQueue + 1) % queues.size();
            if (next == END) {
                // batches are dealt in turn, so the first worker to run out means all batches were taken
                ended = true;
                stop();
            } else if (next instanceof RuntimeException e) {
                ended = true;
                stop();
                throw e;
            } else if (next instanceof Error e) {
                ended = true;
                stop();
                throw e;
            } else {
                current = ((List<T>) next).iterator();
            }
        }
        return current.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /** Stops the workers still running (a failure or the end leaves nothing more to wait for). */
    private void stop() {
        threads.forEach(Thread::interrupt);
    }
}
