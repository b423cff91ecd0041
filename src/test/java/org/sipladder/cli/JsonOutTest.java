package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.stream.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonOut} prints exactly what Gson's JsonWriter prints with our settings, for any document, once that is
 * encoded as UTF-8 as the console writer does (a lone surrogate becomes '?'): as characters or as bytes.
 */
class JsonOutTest {

    private static final String[] NAMES = {"id", "start", "legs", "from", "na\"me", "\u2028", "n\u00e9", "x"};
    /** Characters that need an escape or more than one byte; U+013F and U+0122 end in the bytes of '?' and '"'. */
    private static final String TRICKY = "\"\\\t\b\n\r\f\u0000\u0001\u001f\u007f\u00e9\u2028\u2029\u20ac\ud83d\ude00 </>&'=?"
            + "\u013f\u0122";

    @Test
    void randomDocumentsPrintAsGsonPrintsThem() throws IOException {
        Random random = new Random(42);
        for (int doc = 0; doc < 2000; doc++) {
            SideBySide both = new SideBySide(doc);
            JsonOut a = both.ours;
            JsonWriter b = both.gsons;
            if (random.nextBoolean()) {
                a.beginArray();
                b.beginArray();
                array(random, a, b, 0);
                a.endArray();
                b.endArray();
            } else {
                a.beginObject();
                b.beginObject();
                object(random, a, b, 0);
                a.endObject();
                b.endObject();
            }
            both.assertSame();
        }
    }

    /** Our writer and Gson's side by side: ours to characters for an even document, to bytes for an odd one. */
    private static final class SideBySide {
        private final int doc;
        private final StringWriter chars = new StringWriter();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final StringWriter gsonChars = new StringWriter();
        final JsonOut ours;
        final JsonWriter gsons = gson(gsonChars);

        SideBySide(int doc) {
            this.doc = doc;
            ours = doc % 2 == 0 ? new JsonOut(chars) : new JsonOut(bytes);
            gsons.setSerializeNulls(true);
        }

        /** Both flushed, ours printed as Gson's did. */
        void assertSame() throws IOException {
            ours.flush();
            gsons.flush();
            byte[] expected = gsonChars.toString().getBytes(StandardCharsets.UTF_8);
            if (doc % 2 == 0) {
                assertEquals(new String(expected, StandardCharsets.UTF_8), chars.toString(), "document " + doc);
            } else {
                assertArrayEquals(expected, bytes.toByteArray(), "document " + doc);
            }
        }
    }

    @Test
    void longStringsAndEscapesAcrossTheBufferEdgeAreKept() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            s.append(i % 997 == 0 ? TRICKY.charAt(i % TRICKY.length()) : (char) ('a' + i % 26));
        }
        for (int prefix = 65_520; prefix < 65_540; prefix++) {
            String value = "x".repeat(prefix) + TRICKY + s;
            StringWriter ours = new StringWriter();
            StringWriter gsons = new StringWriter();
            JsonOut a = new JsonOut(ours);
            JsonWriter b = gson(gsons);
            a.beginArray().value(value).value("tail").endArray().flush();
            b.beginArray().value(value).value("tail").endArray().flush();
            assertEquals(new String(gsons.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                    ours.toString(), "prefix " + prefix);
        }
    }

    @Test
    void elementsWrittenApartAndJoinedPrintAsTheWholeArray() throws IOException {
        Random random = new Random(7);
        // one writer for all elements, as each thread of calls --json uses its own again and again, writing runs of
        // elements one after another into a buffer it hands over
        JsonOut element = new JsonOut();
        FlowJson.Spares spares = new FlowJson.Spares(2);
        for (int doc = 0; doc < 500; doc++) {
            StringWriter gsons = new StringWriter();
            JsonWriter b = gson(gsons);
            b.setSerializeNulls(true);
            b.beginArray();
            List<FlowJson.Chunk> runs = new ArrayList<>();
            int count = doc % 50 == 0 ? 0 : random.nextInt(6);
            for (int i = 0; i < count; i++) {
                boolean runStarts = i == 0 || random.nextBoolean();
                if (runStarts && i > 0) {
                    int length = element.size();
                    runs.add(new FlowJson.Chunk(element.handOver(spares.take()), length));
                }
                if (runStarts) {
                    element.startElement(i == 0);
                } else {
                    element.nextElement(false);
                }
                if (random.nextInt(4) == 0) {
                    // larger than the writer's first buffer
                    String big = "x".repeat(70_000 + random.nextInt(100_000)) + TRICKY;
                    element.beginObject().name("big").value(big).endObject();
                    b.beginObject().name("big").value(big).endObject();
                } else {
                    value(random, element, b, 0);
                }
            }
            if (count > 0) {
                int length = element.size();
                runs.add(new FlowJson.Chunk(element.handOver(spares.take()), length));
            }
            b.endArray();
            b.flush();
            // the runs' buffers are given back as they are written: copied first, to be written twice
            List<FlowJson.Chunk> copies = new ArrayList<>();
            for (FlowJson.Chunk run : runs) {
                copies.add(new FlowJson.Chunk(run.bytes().clone(), run.length()));
            }
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            FlowJson.writeChunks(runs, joined, spares);
            StringWriter joinedChars = new StringWriter();
            FlowJson.writeChunks(copies, joinedChars, new FlowJson.Spares(1));
            byte[] expected = gsons.toString().getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, joined.toByteArray(), "document " + doc);
            assertEquals(new String(expected, StandardCharsets.UTF_8), joinedChars.toString(), "document " + doc);
        }
    }

    /** Elements each in an array of its own, as runs of one element. */
    private static List<FlowJson.Chunk> runs(List<byte[]> elements) {
        List<FlowJson.Chunk> runs = new ArrayList<>();
        for (byte[] e : elements) {
            runs.add(new FlowJson.Chunk(e, e.length));
        }
        return runs;
    }

    @Test
    void aValueWrittenOnceAndCopiedPrintsAsWritingItAgain() throws IOException {
        writtenOnceAndCopiedPrintsAsWritingItAgain(false);
    }

    @Test
    void membersWrittenOnceAndCopiedPrintAsWritingThemAgain() throws IOException {
        writtenOnceAndCopiedPrintsAsWritingItAgain(true);
    }

    /**
     * Elements each with a random value (or run of {@code members}) written once and copied into the later elements
     * ({@link JsonOut#writtenValue} / {@link JsonOut#writtenMembers}), against Gson writing it each time.
     */
    private static void writtenOnceAndCopiedPrintsAsWritingItAgain(boolean members) throws IOException {
        for (int doc = 0; doc < 1000; doc++) {
            long seed = new Random(doc).nextLong();
            JsonOut element = new JsonOut();
            StringWriter gsons = new StringWriter();
            JsonWriter b = gson(gsons);
            b.setSerializeNulls(true);
            b.beginArray();
            List<byte[]> elements = new ArrayList<>();
            element.startElement(true).beginObject().name("code").value("X" + doc);
            b.beginObject().name("code").value("X" + doc);
            if (!members) {
                element.name("livekit");
                b.name("livekit");
            }
            int start = element.size();
            part(new Random(seed), element, b, members);
            byte[] once = element.writtenSince(start);
            element.endObject();
            b.endObject();
            elements.add(element.written());
            for (int copies = doc % 3; copies > 0; copies--) {
                element.startElement(false).beginObject().name("code").value("Y");
                b.beginObject().name("code").value("Y");
                // the same part again, written by Gson alone
                JsonOut elsewhere = new JsonOut().startElement(true).beginObject();
                if (members) {
                    element.writtenMembers(once);
                    elsewhere.name("code").value("Y");
                } else {
                    element.name("livekit").writtenValue(once);
                    b.name("livekit");
                    elsewhere.name("livekit");
                }
                part(new Random(seed), elsewhere, b, members);
                element.name("after").value(copies).endObject();
                b.name("after").value(copies).endObject();
                elements.add(element.written());
            }
            b.endArray();
            b.flush();
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            FlowJson.writeChunks(runs(elements), joined, new FlowJson.Spares(1));
            assertArrayEquals(gsons.toString().getBytes(StandardCharsets.UTF_8), joined.toByteArray(), "document " + doc);
        }
    }

    /** A random value, or random members of the object being written. */
    private static void part(Random random, JsonOut a, JsonWriter b, boolean members) throws IOException {
        if (members) {
            object(random, a, b, 1);
        } else {
            value(random, a, b, 1);
        }
    }

    @Test
    void membersAreCopiedOnlyAfterAMember() throws IOException {
        JsonOut json = new JsonOut().startElement(true).beginObject();
        byte[] run = {',', '\n', ' '};
        assertThrows(IllegalStateException.class, () -> json.writtenMembers(run));
        json.name("a");
        assertThrows(IllegalStateException.class, () -> json.writtenMembers(run));
    }

    @Test
    void sharedStringsPrintAsGsonPrintsThemWhateverCameBefore() throws IOException {
        Random random = new Random(5);
        // the same objects again and again, some with escapes, some longer than the writer's buffer
        String[] shared = new String[24];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = i % 8 == 7 ? text(random).repeat(9_000) : text(random);
        }
        for (int doc = 0; doc < 200; doc++) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            StringWriter gsons = new StringWriter();
            JsonOut a = new JsonOut(ours);
            JsonWriter b = gson(gsons);
            a.beginArray();
            b.beginArray();
            for (int n = random.nextInt(40); n > 0; n--) {
                String s = random.nextInt(4) == 0 ? new String(shared[random.nextInt(shared.length)])
                        : shared[random.nextInt(shared.length)];
                a.sharedValue(s);
                b.value(s);
                if (random.nextBoolean()) {
                    String other = text(random);
                    a.value(other);
                    b.value(other);
                }
            }
            a.endArray();
            b.endArray();
            a.flush();
            b.flush();
            assertArrayEquals(gsons.toString().getBytes(StandardCharsets.UTF_8), ours.toByteArray(), "document " + doc);
        }
    }

    @Test
    void stringsWrittenInPiecesPrintAsTheWholeString() throws IOException {
        Random random = new Random(13);
        // constant parts are the same objects again and again (some with escapes, one longer than the buffer)
        String[] constants = new String[12];
        for (int i = 0; i < constants.length; i++) {
            constants[i] = i == 11 ? text(random).repeat(12_000) : text(random);
        }
        for (int doc = 0; doc < 300; doc++) {
            SideBySide both = new SideBySide(doc);
            JsonOut a = both.ours;
            JsonWriter b = both.gsons;
            a.beginArray();
            b.beginArray();
            for (int n = random.nextInt(30); n > 0; n--) {
                StringBuilder whole = new StringBuilder();
                a.beginPieces();
                for (int p = random.nextInt(6); p > 0; p--) {
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            String part = constants[random.nextInt(constants.length)];
                            a.constantPiece(part);
                            whole.append(part);
                        }
                        case 1 -> {
                            String value = random.nextInt(8) == 0 ? null : text(random);
                            a.piece(value);
                            whole.append(value);
                        }
                        default -> {
                            long[] picks = {random.nextInt(100_000), -random.nextInt(1000), random.nextLong(), Long.MIN_VALUE};
                            long v = picks[random.nextInt(picks.length)];
                            a.numberPiece(v);
                            whole.append(v);
                        }
                    }
                }
                a.endPieces();
                b.value(whole.toString());
                if (random.nextBoolean()) {
                    a.value(n);
                    b.value(n);
                }
            }
            a.endArray();
            b.endArray();
            both.assertSame();
        }
    }

    /** A string value's inside copied into a string written in pieces prints as the string given as a piece. */
    @Test
    void aValueCopiedIntoPiecesPrintsAsThePiece() throws IOException {
        Random random = new Random(21);
        for (int doc = 0; doc < 300; doc++) {
            JsonOut copied = new JsonOut().startElement(true).beginObject().name("value");
            JsonOut given = new JsonOut().startElement(true).beginObject().name("value");
            String text = random.nextInt(20) == 0 ? text(random).repeat(5_000) : text(random);
            // after a name: the value's quoted bytes from here
            int start = copied.size();
            copied.value(text);
            int end = copied.size();
            given.value(text);
            copied.name("pieces").beginPieces().constantPiece("(").writtenPiece(start + 1, end - 1).numberPiece(doc)
                    .endPieces();
            given.name("pieces").beginPieces().constantPiece("(").piece(text).numberPiece(doc).endPieces();
            copied.endObject();
            given.endObject();
            assertEquals(new String(given.written(), StandardCharsets.UTF_8),
                    new String(copied.written(), StandardCharsets.UTF_8), "document " + doc);
        }
    }

    @Test
    void piecesAreRefusedOutsideAString() throws IOException {
        JsonOut json = new JsonOut(new StringWriter());
        json.beginArray();
        assertThrows(IllegalStateException.class, () -> json.piece("x"));
        assertThrows(IllegalStateException.class, () -> json.constantPiece("x"));
        assertThrows(IllegalStateException.class, () -> json.numberPiece(1));
        assertThrows(IllegalStateException.class, json::endPieces);
        json.beginPieces();
        assertThrows(IllegalStateException.class, json::beginPieces);
    }

    @Test
    void linesPrintAsGsonsCompactFormOneValueALine() throws IOException {
        Random random = new Random(11);
        StringWriter ours = new StringWriter();
        StringBuilder gsons = new StringBuilder();
        JsonOut a = JsonOut.lines(ours);
        for (int doc = 0; doc < 500; doc++) {
            StringWriter one = new StringWriter();
            JsonWriter b = new JsonWriter(one);
            b.setHtmlSafe(false);
            b.setSerializeNulls(true);
            a.beginObject();
            b.beginObject();
            object(random, a, b, 0);
            a.endObject();
            b.endObject();
            a.endLine();
            b.flush();
            gsons.append(one).append(System.lineSeparator());
        }
        assertEquals(new String(gsons.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                ours.toString());
        assertThrows(IllegalStateException.class, () -> a.beginArray().endLine(), "a line holds a whole value");
    }

    @Test
    void elementsAreWrittenOnlyInMemory() {
        assertThrows(IllegalStateException.class, () -> new JsonOut(new StringWriter()).startElement(true));
    }

    @Test
    void eachTrickyCharacterAtEachPlaceOfALongStringPrintsAsGsonPrintsIt() throws IOException {
        for (char c : (TRICKY + "\u0080\u00ff\u0100").toCharArray()) {
            for (int at = 0; at < 21; at++) {
                StringBuilder value = new StringBuilder("abcdefghijklmnopqrstu");
                value.setCharAt(at, c);
                StringWriter ours = new StringWriter();
                StringWriter gsons = new StringWriter();
                new JsonOut(ours).beginArray().value(value.toString()).endArray().flush();
                gson(gsons).beginArray().value(value.toString()).endArray().flush();
                // Gson writes C1 controls as they are; ours escapes them (the console would not print them raw)
                String gsonText = new String(gsons.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                String expected = c >= 0x80 && c <= 0x9f
                        ? gsonText.replace(String.valueOf(c), String.format("\\u%04x", (int) c))
                        : gsonText;
                assertEquals(expected, ours.toString(), "U+" + Integer.toHexString(c) + " at " + at);
            }
        }
    }

    @Test
    void misuseIsRefused() throws IOException {
        JsonOut json = new JsonOut(new StringWriter());
        json.beginObject();
        assertThrows(IllegalStateException.class, () -> json.value("no name"));
        json.name("a");
        assertThrows(IllegalStateException.class, () -> json.name("b"));
        assertThrows(IllegalStateException.class, json::endObject);
    }

    private static void array(Random random, JsonOut a, JsonWriter b, int depth) throws IOException {
        for (int n = random.nextInt(5); n > 0; n--) {
            value(random, a, b, depth);
        }
    }

    private static void object(Random random, JsonOut a, JsonWriter b, int depth) throws IOException {
        for (int n = random.nextInt(5); n > 0; n--) {
            // constant names again and again (as our writers use them), and others
            String name = random.nextBoolean() ? NAMES[random.nextInt(NAMES.length)] : text(random);
            // a name prepared for a depth: the writer's own here (test depth + 2) or one beside it
            JsonOut.Name prepared = new JsonOut.Name(name, depth + 1 + random.nextInt(3));
            switch (random.nextInt(5)) {
                case 0 -> {
                    String s = random.nextInt(4) == 0 ? null : text(random);
                    a.member(prepared, s);
                    b.name(name).value(s);
                    continue;
                }
                case 1 -> {
                    String s = random.nextInt(4) == 0 ? null : NAMES[random.nextInt(NAMES.length)];
                    a.sharedMember(prepared, s);
                    b.name(name).value(s);
                    continue;
                }
                case 2 -> {
                    long v = random.nextBoolean() ? random.nextLong() : random.nextInt(100_000);
                    a.member(prepared, v);
                    b.name(name).value(v);
                    continue;
                }
                case 3 -> a.name(prepared);
                default -> a.name(name);
            }
            b.name(name);
            value(random, a, b, depth);
        }
    }

    private static void value(Random random, JsonOut a, JsonWriter b, int depth) throws IOException {
        switch (random.nextInt(depth < 4 ? 8 : 6)) {
            case 0 -> {
                String s = text(random);
                a.value(s);
                b.value(s);
            }
            case 1 -> {
                // each digit count's first and last number, both signs, the two ends of long, and where int ends
                long edge = (long) Math.pow(10, random.nextInt(19)) - random.nextInt(2);
                long intEdge = Integer.MAX_VALUE + (long) random.nextInt(3) - 1;
                long[] picks = {random.nextLong(), random.nextInt(1000), random.nextBoolean() ? edge : -edge,
                    random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE, random.nextBoolean() ? intEdge : -intEdge};
                long v = picks[random.nextInt(picks.length)];
                a.value(v);
                b.value(v);
            }
            case 2 -> {
                BigDecimal v = BigDecimal.valueOf(random.nextLong() % 10_000_000_000_000L, random.nextInt(7));
                a.value(v);
                b.value(v);
            }
            case 3 -> {
                a.value((String) null);
                b.value((String) null);
            }
            case 4 -> {
                a.value((BigDecimal) null);
                b.value((BigDecimal) null);
            }
            case 5 -> {
                long[] edges = {0, 1, -1, 999, 1000, -1000, 1_700_000_000_123_456L, Long.MAX_VALUE, Long.MIN_VALUE,
                    Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, -Integer.MAX_VALUE - 1L, 100_000_000_000_000L,
                    Long.MAX_VALUE - 1, 1_000_000};
                long unscaled = random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong() % 100_000_000L;
                int scale = random.nextInt(9) - 1;
                a.decimal(unscaled, scale);
                b.value(BigDecimal.valueOf(unscaled, scale));
            }
            case 6 -> {
                a.beginArray();
                b.beginArray();
                array(random, a, b, depth + 1);
                a.endArray();
                b.endArray();
            }
            default -> {
                a.beginObject();
                b.beginObject();
                object(random, a, b, depth + 1);
                a.endObject();
                b.endObject();
            }
        }
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            s.append(random.nextInt(3) == 0 ? TRICKY.charAt(random.nextInt(TRICKY.length()))
                    : (char) (' ' + random.nextInt(95)));
        }
        return s.toString();
    }

    /** Gson's writer with our settings: two-space indent, no HTML escaping. */
    private static JsonWriter gson(java.io.Writer out) {
        JsonWriter json = new JsonWriter(out);
        json.setIndent("  ");
        json.setHtmlSafe(false);
        return json;
    }
}
