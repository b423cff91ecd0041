package org.sipladder.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a capture on a thread of its own while the caller's thread handles what it finds, so that packet
 * decoding and SIP parsing use two cores. The listener is still called on the caller's thread, in capture order;
 * found items cross over in batches through a short queue, so memory stays flat however fast either side is.
 */
final class PipelinedRead {

    private static final int BATCH = 256;
    private static final int QUEUE_BATCHES = 16;
    /**
     * With a {@link PreparingListener} that can prepare on the caller's thread, payloads are handed over
     * unprepared while fewer batches than this (half the queue) wait, so the caller keeps up, and prepared here
     * while more do.
     */
    private static final int RAW_BELOW = 8;

    /**
     * What crosses besides payloads and prepared items: a prepared item is put in a batch as it is (hundreds of
     * thousands of them, no wrapper each), a payload to prepare on the caller's thread too, and all else as one of these.
     * Each is a record, and a prepared item that is a record crosses in a {@link Prepared}: an item is told from a
     * note by {@code instanceof Record}, a class, which the quick JIT tests inline, where testing an interface that an
     * item does not have calls a slow subtype check (for every message).
     */
    private interface Note {
    }

    /** A progress report crossing threads. */
    private record Progress(long bytesRead, long totalBytes) implements Note {
    }

    /** A warning crossing threads. */
    private record Warning(String message) implements Note {
    }

    /** The reader thread's last word: its summary or what it threw. */
    private record End(CaptureSummary summary, Throwable failure) implements Note {
    }

    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    /** The consumer asked to cancel: the reader stops at its next check and still hands over its summary. */
    private volatile boolean cancel;
    /** The consumer has gone (finished or failed): nobody takes from the queue any more. */
    private volatile boolean abandoned;

    /** An item prepared on the reader thread that is itself a payload or a record (as a note is). */
    private record Prepared(Object item) implements Note {
    }

    CaptureSummary read(CaptureReader reader, Path file, CaptureListener listener) throws CaptureException {
        PreparingListener<?> preparing = listener instanceof PreparingListener<?> p ? p : null;
        boolean balance = preparing != null && preparing.preparesOnCaller();
        MediaListener media = listener.media();
        boolean lends = listener.borrowsPayloads();
        Thread thread = new Thread(() -> produce(reader, file, preparing, balance, media, lends), "capture reader");
        thread.setDaemon(true);
        thread.start();
        try {
            return consume(listener);
        } finally {
            abandoned = true;
            queue.clear();
        }
    }

    private void produce(CaptureReader reader, Path file, PreparingListener<?> preparing, boolean balance,
                         MediaListener media, boolean lends) {
        List<Object> batch = new ArrayList<>(BATCH);
        End end;
        try {
            CaptureSummary summary = reader.readHere(file, new CaptureListener() {
                /** The caller keeps up: hand payloads over for it to prepare. */
                private boolean handRaw = balance;

                @Override
                public void payload(SipPayload p) {
                    if (preparing == null || handRaw) {
                        // read on the caller's thread after this call: held until then (see SipPayload)
                        add(p.hold());
                        return;
                    }
                    Object item = preparing.prepare(p);
                    if (item != null) {
                        add(item instanceof SipPayload || item instanceof Record ? new Prepared(item) : item);
                    }
                }

                @Override
                public void warning(String message) {
                    add(new Warning(message));
                }

                @Override
                public void progress(long bytesRead, long totalBytes) {
                    // progress comes every megabyte: handing the batch over then keeps the consumer's view fresh
                    batch.add(new Progress(bytesRead, totalBytes));
                    handBatch();
                }

                @Override
                public boolean cancelled() {
                    return cancel || abandoned;
                }

                @Override
                public boolean borrowsPayloads() {
                    return lends;
                }

                /** Media is analysed here, on the decoding thread, in capture order: nothing crosses threads per packet. */
                @Override
                public MediaListener media() {
                    return media;
                }

                private void add(Object item) {
                    batch.add(item);
                    if (batch.size() >= BATCH) {
                        handBatch();
                    }
                }

                private void handBatch() {
                    hand(new ArrayList<>(batch));
                    batch.clear();
                    handRaw = balance && queue.size() < RAW_BELOW;
                }
            });
            end = new End(summary, null);
        } catch (Throwable t) {
            end = new End(null, t);
        }
        batch.add(end);
        hand(batch);
    }

    /** Puts a batch on the queue, giving up when the consumer has stopped. */
    private void hand(List<Object> batch) {
        try {
            while (!abandoned && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                // the consumer is busy; wait for room
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
        }
    }

    private CaptureSummary consume(CaptureListener listener) throws CaptureException {
        PayloadReturns returns = new PayloadReturns();
        while (true) {
            List<Object> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CaptureException("reading was interrupted", e);
            }
            for (Object item : batch) {
                if (item instanceof SipPayload p) {
                    if (listener instanceof PreparingListener<?> preparing) {
                        prepareHere(preparing, p);
                    } else {
                        listener.payload(p);
                    }
                    returns.add(p);
                } else if (!(item instanceof Record)) {
                    deliver((PreparingListener<?>) listener, item);
                } else if (item instanceof Prepared p) {
                    deliver((PreparingListener<?>) listener, p.item());
                } else if (item instanceof Warning w) {
                    listener.warning(w.message());
                } else if (item instanceof Progress p) {
                    listener.progress(p.bytesRead(), p.totalBytes());
                } else if (item instanceof End end) {
                    return finish(end);
                }
            }
            returns.flush();
            if (!cancel && listener.cancelled()) {
                cancel = true;
            }
        }
    }

    private static <T> void prepareHere(PreparingListener<T> listener, SipPayload p) {
        T item = listener.prepareOnCaller(p);
        if (item != null) {
            listener.prepared(item);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void deliver(PreparingListener<T> listener, Object item) {
        listener.prepared((T) item);
    }

    private static CaptureSummary finish(End end) throws CaptureException {
        Throwable t = end.failure();
        if (t == null) {
            return end.summary();
        }
        if (t instanceof CaptureException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new CaptureException(t.getMessage(), t);
    }
}
