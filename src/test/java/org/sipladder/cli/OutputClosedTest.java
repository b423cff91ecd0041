package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * `sipladder diagnose CAPTURE --json | head`: when the reader of the output goes away, the command ends quietly with a
 * shell's status for it, as grep and cat do, instead of an "internal error" line; any other failure is still told.
 */
class OutputClosedTest {

    private static String reported(Exception ex, int[] status) {
        StringWriter text = new StringWriter();
        status[0] = SipLadderCommand.OneLineErrors.report(ex, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void aPipeWhoseReaderWentAwayEndsTheCommandQuietly() {
        int[] status = new int[1];
        assertEquals("", reported(new IOException("Broken pipe"), status));
        assertEquals(141, status[0]);
        // as the JSON writers rethrow it, and as Windows words it
        assertEquals("", reported(new UncheckedIOException(new IOException("Broken pipe")), status));
        assertEquals("", reported(new IOException("The pipe is being closed"), status));
        assertEquals(141, status[0]);
    }

    @Test
    void anyOtherFailureIsStillOneLine() {
        int[] status = new int[1];
        String text = reported(new IOException("No space left on device"), status);
        assertTrue(text.startsWith("sipladder: internal error: java.io.IOException: No space left on device"), text);
        // 2, as every failure to do the work: 1 is diagnose --fail-on's "found"
        assertEquals(2, status[0]);
    }
}
