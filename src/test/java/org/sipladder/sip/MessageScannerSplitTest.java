package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The written-out line and blank splitters split exactly as the regular expressions they replace. */
class MessageScannerSplitTest {

    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final char[] ALPHABET = {'a', 'b', ' ', '\t', '\r', '\n', '\f', 0x0B, ':', '='};

    @Test
    void splitsAsTheRegularExpressions() {
        Random random = new Random(42);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String s = text.toString();
            assertArrayEquals(LINE_BREAK.split(s, -1), MessageScanner.lines(s, true), () -> "lines -1 of " + escaped(s));
            assertArrayEquals(LINE_BREAK.split(s), MessageScanner.lines(s, false), () -> "lines of " + escaped(s));
            assertArrayEquals(BLANKS.split(s), MessageScanner.blanks(s), () -> "blanks of " + escaped(s));
        }
    }

    @Test
    void splitsAMessage() {
        String m = "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n folded\r\n\r\n";
        assertArrayEquals(LINE_BREAK.split(m, -1), MessageScanner.lines(m, true));
        assertArrayEquals(new String[] {"IN", "IP4", "10.0.0.1"}, MessageScanner.blanks("IN  IP4\t10.0.0.1"));
    }

    private static String escaped(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t").replace("\f", "\\f").replace("\u000B", "\\v");
    }
}
