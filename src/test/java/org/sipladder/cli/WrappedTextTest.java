package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Word-wrapped text: words move to the next line, and a sender's word of kilobytes is cut to one line. */
class WrappedTextTest {

    private static String printed(String text) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        new WrappedText(out).print(text, "  ", "    ");
        out.flush();
        return s.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void wordsThatDoNotFitGoToTheNextLineWithItsIndent() {
        String text = ("word ").repeat(30).trim();
        String printed = printed(text);
        String[] lines = printed.split("\n");
        assertEquals(2, lines.length, printed);
        assertTrue(lines[0].startsWith("  word") && lines[0].length() <= 100, lines[0]);
        assertTrue(lines[1].startsWith("    word"), lines[1]);
        assertEquals(text, printed.replace("\n", " ").trim().replaceAll(" +", " "));
    }

    @Test
    void aLongUriStandsWholeOnItsLine() {
        String uri = "sip:" + "x".repeat(150) + "@example.com";
        String printed = printed("Contact " + uri + " given");
        assertTrue(printed.contains("\n    " + uri + "\n"), printed);
    }

    @Test
    void aWordOfKilobytesIsCutToOneLineWithItsLength() {
        String method = "a".repeat(4096);
        String printed = printed("INVITE " + method + " got no final response");
        for (String line : printed.split("\n")) {
            assertTrue(line.length() <= 100, line.length() + ": " + line);
        }
        assertTrue(printed.contains("a... (4,096 characters)"), printed);
        assertTrue(printed.endsWith("got no final response\n"), printed);
    }

    @Test
    void aHeadingKeepsItsWordsButCutsOneOfKilobytes() {
        String heading = "INVITE 6@localhost: no final response";
        assertEquals(heading, WrappedText.cutWords(heading));
        String cut = WrappedText.cutWords("a".repeat(4096) + " 6@localhost: no final response");
        assertTrue(cut.length() <= 100 + " 6@localhost: no final response".length(), cut);
        assertTrue(cut.endsWith("a... (4,096 characters) 6@localhost: no final response"), cut);
    }
}
