package org.sipladder.ui.load;

/** A capture that could not be read at all; the message names the file and says what to do. */
public final class CaptureLoadException extends Exception {

    public CaptureLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public CaptureLoadException(String message) {
        super(message);
    }
}
