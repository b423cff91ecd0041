package org.sipladder.capture;

/**
 * A listener whose per-payload work has two halves: {@link #prepare} runs on the thread that decodes the
 * capture (with {@link CaptureReader#read}, a thread of its own), {@link #prepared} on the caller's thread, in
 * capture order. Parsing SIP in the first half and building flows in the second spreads a read over two cores.
 *
 * @param <T> what a payload becomes
 */
public interface PreparingListener<T> extends CaptureListener {

    /** Turns a payload into what {@link #prepared} takes, or null to drop it; runs on the decoding thread. */
    T prepare(SipPayload p);

    /**
     * True when {@link #prepareOnCaller} may be used: the decoding thread then hands some payloads over unprepared
     * whenever the caller keeps up, and the caller prepares them itself, so that both threads stay busy.
     */
    default boolean preparesOnCaller() {
        return false;
    }

    /**
     * As {@link #prepare}, on the caller's thread; it runs at the same time as {@link #prepare} runs on the
     * decoding thread, so each needs state of its own. Only called when {@link #preparesOnCaller} is true.
     */
    default T prepareOnCaller(SipPayload p) {
        throw new UnsupportedOperationException("this listener prepares on the decoding thread only");
    }

    /** Takes one prepared item, in capture order. */
    void prepared(T item);

    @Override
    default void payload(SipPayload p) {
        T item = prepare(p);
        if (item != null) {
            prepared(item);
        }
    }
}
