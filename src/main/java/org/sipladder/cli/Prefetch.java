package org.sipladder.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs tasks a little ahead on threads of their own and hands their results over in task order: while the caller
 * writes out one call, the next ones are being assembled and turned into JSON on every core. The tasks go in
 * batches to whichever worker is free next, and at most a window of batches is made and not yet taken, so memory
 * stays bounded however fast either side is, while a worker that is held up (descheduled on a busy machine, in a
 * long call) holds up only its own batch: the others go on with the batches after it as far as the window reaches.
 * A failure of a task is thrown to the caller when its batch's turn comes.
 */
final class Prefetch<T> implements Iterator<T> {

    private static final int BATCH = 64;
    private static final int BATCHES_AHEAD = 4;

    private final List<? extends Supplier<T>> tasks;
    private final int batch;
    private final int batches;
    /**
     * The batches made and not taken yet, at their number modulo the window's length: a batch's results (a List)
     * or what its task threw. Guarded by itself, as is {@link #taken}.
     */
    private final Object[] window;
    /** The batches the caller has taken (written by the caller only, under the window's lock). */
    private int taken;
    /** The next batch a worker may claim. */
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private Iterator<T> current = Collections.emptyIterator();
    private boolean ended;

    private Prefetch(List<? extends Supplier<T>> tasks, int workers, int batch, int ahead) {
        this.tasks = tasks;
        this.batch = batch;
        this.batches = (tasks.size() + batch - 1) / batch;
        // as many batches as the workers' own queues of {@code ahead} held before, with the one each is making
        this.window = new Object[workers * (ahead + 1)];
        for (int k = 0; k < Math.min(workers, batches); k++) {
            Thread thread = new Thread(this::work, "prefetch-" + k);
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
     * As {@link #of(List, int)}, in batches of {@code batch} tasks, at most {@code workers * (ahead + 1)} batches made
     * or being made and not yet taken: smaller where each result is large or what a task reads back should still be
     * cached when the next one runs.
     */
    static <T> Iterable<T> of(List<? extends Supplier<T>> tasks, int workers, int batch, int ahead) {
        return () -> new Prefetch<>(tasks, Math.max(1, workers), Math.max(1, batch), Math.max(1, ahead));
    }

    /** A worker: claims the next batch, waits for room in the window, makes it and puts it there; until all are. */
    private void work() {
        try {
            for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                synchronized (window) {
                    while (b - taken >= window.length) {
                        window.wait();
                    }
                }
                Object made;
                try {
                    made = make(b);
                } catch (RuntimeException | Error e) {
                    made = e;
                }
                synchronized (window) {
                    window[b % window.length] = made;
                    window.notifyAll();
                }
                if (!(made instanceof List)) {
                    return; // the caller throws it when its turn comes and stops the others
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped
        }
    }

    private List<T> make(int b) {
        int start = b * batch;
        int end = Math.min(tasks.size(), start + batch);
        List<T> made = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            made.add(tasks.get(i).get());
        }
        return made;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (!current.hasNext() && !ended) {
            if (taken == batches) {
                ended = true;
                stop();
                break;
            }
            Object made;
            try {
                synchronized (window) {
                    int slot = taken % window.length;
                    while ((made = window[slot]) == null) {
                        window.wait();
                    }
                    window[slot] = null;
                    taken++;
                    window.notifyAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for the next call", e);
            }
            if (made instanceof RuntimeException e) {
                ended = true;
                stop();
                throw e;
            } else if (made instanceof Error e) {
                ended = true;
                stop();
                throw e;
            } else {
                current = ((List<T>) made).iterator();
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
