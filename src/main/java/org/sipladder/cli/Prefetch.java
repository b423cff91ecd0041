package org.sipladder.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs an iterator a little ahead on a thread of its own: while the caller writes one call, the next ones are
 * being assembled on the other core. Order is kept; at most a few batches wait, so memory stays bounded.
 * A failure of the source iterator is thrown to the caller.
 */
final class Prefetch<T> implements Iterator<T> {

    private static final int BATCH = 64;
    private static final int BATCHES_AHEAD = 8;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private Iterator<T> current = java.util.Collections.emptyIterator();
    private boolean ended;

    private Prefetch(Iterator<T> source) {
        Thread thread = new Thread(() -> run(source), "prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    static <T> Iterable<T> of(Iterable<T> source) {
        return () -> new Prefetch<>(source.iterator());
    }

    private void run(Iterator<T> source) {
        try {
            List<T> batch = new ArrayList<>(BATCH);
            while (source.hasNext()) {
                batch.add(source.next());
                if (batch.size() == BATCH) {
                    queue.put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
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
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next call", e);
            }
            if (next == END) {
                ended = true;
            } else if (next instanceof RuntimeException e) {
                ended = true;
                throw e;
            } else if (next instanceof Error e) {
                ended = true;
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
}
