package org.sipladder.ui.load;

import java.util.List;
import org.sipladder.flow.CallSummary;

/** Receives news from a capture being read; called on the reading thread. */
public interface LoadObserver {

    void progress(long bytesRead, long totalBytes);

    /**
     * The calls found so far, summarised (each assembles its call when asked for); sent at most every
     * {@link #SNAPSHOT_INTERVAL_MILLIS} while reading.
     */
    void calls(List<CallSummary> snapshot);

    /** A problem in part of the file (a truncated packet, a damaged block) that did not stop the read. */
    void warning(String message);

    boolean cancelled();

    /**
     * A live view passed its limit of {@code limit} calls: {@code dropped} calls in all have left it so far, the oldest
     * finished first (the file being written keeps them). Called on the reading thread when the count grows.
     */
    default void liveCallsDropped(long dropped, int limit) {
    }

    /** How often partial results are worth showing: often enough to feel live, rarely enough to stay cheap. */
    long SNAPSHOT_INTERVAL_MILLIS = 200;

    /** An observer for callers that want only the result: no progress, no snapshots, never cancelled. */
    static LoadObserver none() {
        return new LoadObserver() {
            @Override
            public void progress(long bytesRead, long totalBytes) {
            }

            @Override
            public void calls(List<CallSummary> snapshot) {
            }

            @Override
            public void warning(String message) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }
}
