package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.StatusLine;

/**
 * Values copied as the bytes written for them before ({@link RepeatedJson}) give exactly the JSON of writing them
 * again: texts in quotes with and without escapes and beyond ASCII, lists that are the same object, a list that is
 * the same object but changed in between, array elements after the first and not.
 */
class RepeatedJsonTest {

    private static final String[] TEXTS = {"plain text", "with \"quotes\"", "back\\slash", "tab\there", "é and ü",
        "line\u2028sep", "", "question?", "<html> & 'x'", "\u007f del"};

    @Test
    void copiedValuesAreWhatWritingThemGives() throws IOException {
        Random random = new Random(11);
        RepeatedJson repeated = new RepeatedJson();
        JsonOut copying = new JsonOut();
        JsonOut plain = new JsonOut();
        List<String> shared = List.of("step one", "step \"two\"");
        List<String> changing = new ArrayList<>(List.of("a"));
        List<String> lines = new ArrayList<>();
        for (String t : TEXTS) {
            lines.add(t);
        }
        for (int n = 0; n < 3_000; n++) {
            copying.startElement(n == 0);
            plain.startElement(n == 0);
            copying.beginObject();
            plain.beginObject();
            String text = random.nextInt(4) == 0 ? new String(pick(random)) : pick(random);
            repeated.text(copying.name("explanation"), text);
            plain.name("explanation").value(text);
            if (random.nextInt(5) == 0) {
                changing.add(pick(random)); // the same list object with other contents
            }
            List<String> list = switch (random.nextInt(4)) {
                case 0 -> shared;
                case 1 -> changing;
                case 2 -> List.copyOf(changing);
                default -> List.of();
            };
            repeated.strings(copying.name("steps"), repeated.steps, list);
            array(plain.name("steps"), list);
            List<String> reasoning = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                reasoning.add(lines.get(random.nextInt(lines.size())));
            }
            repeated.texts(copying.name("reasoning"), reasoning);
            array(plain.name("reasoning"), reasoning);
            copying.endObject();
            plain.endObject();
            assertEquals(new String(plain.written(), java.nio.charset.StandardCharsets.UTF_8),
                    new String(copying.written(), java.nio.charset.StandardCharsets.UTF_8), "element " + n);
        }
    }

    /**
     * Texts that share a slot (same length and first character), come back after a dozen others, are null in a list
     * or are equal but other objects are written exactly as writing them gives.
     */
    @Test
    void textsSharingSlotsAreWhatWritingThemGives() throws IOException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("text " + (char) ('a' + i % 20) + (i < 20 ? "\"" : "\u00e9"));
        }
        texts.add(null);
        Random random = new Random(5);
        JsonOut[] outs = {new JsonOut(), new JsonOut()};
        RepeatedJson repeated = new RepeatedJson();
        for (int n = 0; n < 2_000; n++) {
            List<String> facts = new ArrayList<>();
            for (int i = random.nextInt(14); i > 0; i--) {
                String t = texts.get(random.nextInt(texts.size()));
                facts.add(t != null && random.nextInt(3) == 0 ? new String(t) : t);
            }
            array(outs[0].startElement(n == 0), facts);
            repeated.texts(outs[1].startElement(n == 0), facts);
            assertArrayEquals(outs[0].written(), outs[1].written(), "element " + n);
        }
    }

    @Test
    void statusesAreKeptByValue() {
        RepeatedJson repeated = new RepeatedJson();
        List<String> expected = List.of("100 Processing", "404 No trunk found");
        List<StatusLine> observed = List.of(new StatusLine(100, "Processing"), new StatusLine(503, "Try again later"));
        byte[] statuses = {1};
        byte[] summary = {2};
        repeated.keepStatuses(expected, observed, Consistency.INCONSISTENT, statuses, summary);
        byte[][] kept = repeated.statusesOf(expected, new ArrayList<>(observed), Consistency.INCONSISTENT);
        assertNotNull(kept);
        assertArrayEquals(statuses, kept[0]);
        assertArrayEquals(summary, kept[1]);
        assertNull(repeated.statusesOf(expected, List.of(new StatusLine(100, "Processing"),
                new StatusLine(503, "Try Again Later")), Consistency.INCONSISTENT), "another reason phrase");
        assertNull(repeated.statusesOf(expected, observed, Consistency.UNKNOWN), "another verdict");
        assertNull(repeated.statusesOf(List.of("100 Processing", "503 Try again later"), observed,
                Consistency.INCONSISTENT), "other expected responses");
        assertNull(repeated.statusesOf(null, observed, Consistency.INCONSISTENT), "no config");
    }

    private static void array(JsonOut json, List<String> values) throws IOException {
        json.beginArray();
        for (String v : values) {
            json.value(v);
        }
        json.endArray();
    }

    private static String pick(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }
}
