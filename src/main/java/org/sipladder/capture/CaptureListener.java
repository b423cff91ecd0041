package org.sipladder.capture;

/** Receives what {@link CaptureReader} finds, in capture order, on the reading thread. */
public interface CaptureListener {

    /** One candidate SIP message, complete as it was on the wire. */
    void payload(SipPayload p);

    /** Something in the file could not be read as expected (damage, unsupported encapsulation...). */
    default void warning(String message) {
    }

    /** Called now and then with the bytes of the file consumed so far. */
    default void progress(long bytesRead, long totalBytes) {
    }

    /** Polled regularly; returning true stops reading and marks the summary cancelled. */
    default boolean cancelled() {
        return false;
    }
}
