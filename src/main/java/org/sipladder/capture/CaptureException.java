package org.sipladder.capture;

/** A capture file cannot be read at all; the message is one line naming the file and what is wrong. */
public final class CaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
