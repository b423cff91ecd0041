package org.sipladder.capture;

/** The file breaks off or is corrupt at the next record; what was read before it stands. */
final class DamagedCaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean truncated;

    DamagedCaptureException(String message, boolean truncated) {
        super(message);
        this.truncated = truncated;
    }

    /** True when the file simply ends early, false when a header makes no sense. */
    boolean truncated() {
        return truncated;
    }
}
