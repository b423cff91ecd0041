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

    /**
     * The listener for RTP and RTCP, called on the decoding thread (which is not this listener's thread when
     * {@link CaptureReader#read} pipelines), or null to drop RTP unseen, which costs nothing. Asked once per read.
     */
    default MediaListener media() {
        return null;
    }

    /**
     * True when this listener and its {@link #media()} listener take lent payloads (see {@link SipPayload}): each
     * reads a payload's bytes only during the call that hands it over, or {@linkplain SipPayload#hold holds} it and
     * gives it back. Asked once per read; false (each payload owns its bytes) unless overridden.
     */
    default boolean borrowsPayloads() {
        return false;
    }

    /** Polled regularly; returning true stops reading and marks the summary cancelled. */
    default boolean cancelled() {
        return false;
    }
}
