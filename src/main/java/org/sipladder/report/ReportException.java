package org.sipladder.report;

/** A report the user asked for cannot be made (e.g. the selected call is not in the capture); the message says why. */
public final class ReportException extends Exception {

    public ReportException(String message) {
        super(message);
    }
}
