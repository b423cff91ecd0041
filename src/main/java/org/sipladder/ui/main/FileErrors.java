package org.sipladder.ui.main;

import java.nio.file.Path;
import org.sipladder.OutputFile;
import org.sipladder.report.ReportException;

/** The words of an export's error dialog: our own reasons as they are, anything else naming the file. */
final class FileErrors {

    private FileErrors() {
    }

    /** What went wrong writing {@code file}, and what to do. */
    static String describe(Exception error, Path file) {
        if (error instanceof OutputFile.Failure) {
            // "cannot write FILE: REASON" names the file and says why
            return capitalized(error.getMessage()) + ". Choose another file, in a folder you can write to.";
        }
        if (error instanceof ReportException) {
            return error.getMessage();
        }
        String why = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return "Writing " + file + " failed (" + why + "). Choose a folder you can write to.";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
