package org.sipladder.capture;

/** Carries an exception thrown by the caller's listener through the per-packet guard unchanged. */
final class ListenerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ListenerFailure(RuntimeException cause) {
        super(cause);
    }

    RuntimeException original() {
        return (RuntimeException) getCause();
    }
}
