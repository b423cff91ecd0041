package org.sipladder.source.homer;

/** Homer cannot be asked or did not answer as Homer does; the message is one line naming the server and what to do. */
public final class HomerException extends Exception {

    private static final long serialVersionUID = 1L;

    public HomerException(String message) {
        super(message);
    }

    public HomerException(String message, Throwable cause) {
        super(message, cause);
    }
}
