package org.sipladder.cli;

import static org.sipladder.ByteWords.HIGHS;
import static org.sipladder.ByteWords.ONES;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.sipladder.ByteWords;

/**
 * A streaming JSON writer that prints exactly as Gson's {@code JsonWriter} does with a two-space indent, nulls
 * serialised and no HTML escaping (the form of all our JSON output), encoded as UTF-8, but several times faster:
 * {@code calls --json} on a large capture writes over a hundred megabytes, and Gson's character-at-a-time
 * escaping was the slowest step. It writes UTF-8 bytes, straight to a byte stream when it has one (no encoder
 * pass) or decoded for a writer; strings are copied in bulk and looked at again only for bytes that need
 * escaping. As with any UTF-8 output, a lone surrogate prints as '?'. Structural misuse (a value where a name
 * is due) is a programming error and throws IllegalStateException. Not thread-safe.
 */
final class JsonOut implements AutoCloseable {

    private static final int EMPTY_DOCUMENT = 0;
    private static final int NONEMPTY_DOCUMENT = 1;
    private static final int EMPTY_ARRAY = 2;
    private static final int NONEMPTY_ARRAY = 3;
    private static final int EMPTY_OBJECT = 4;
    private static final int NONEMPTY_OBJECT = 5;
    private static final int DANGLING_NAME = 6;

    /** Escapes of the ASCII characters that need one, as Gson writes them; null for the others. */
    private static final String[] ESCAPES = new String[128];
    /** The same escapes as bytes. */
    private static final byte[][] ESCAPE_BYTES = new byte[128][];

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    /** A line break and the indent of each depth (two spaces a level below the document), copied as one run. */
    private static final byte[][] INDENTS = new byte[16][];
    /** "00", "01" ... "99": the two digits of each number below 100. */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    private static final int NAME_SLOTS = 128;
    private static final int SHARED_SLOTS = 256;
    private static final int CONSTANT_SLOTS = 128;

    /** True for the ASCII characters written as they are. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (int d = 1; d < INDENTS.length; d++) {
            INDENTS[d] = new byte[1 + 2 * (d - 1)];
            Arrays.fill(INDENTS[d], (byte) ' ');
            INDENTS[d][0] = '\n';
        }
        for (int n = 0; n < 100; n++) {
            DIGIT_PAIRS[2 * n] = (byte) ('0' + n / 10);
            DIGIT_PAIRS[2 * n + 1] = (byte) ('0' + n % 10);
        }
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = String.format("\\u%04x", c);
        }
        ESCAPES['"'] = "\\\"";
        ESCAPES['\\'] = "\\\\";
        ESCAPES['\t'] = "\\t";
        ESCAPES['\b'] = "\\b";
        ESCAPES['\n'] = "\\n";
        ESCAPES['\r'] = "\\r";
        ESCAPES['\f'] = "\\f";
        for (int c = 0; c < 128; c++) {
            PLAIN[c] = ESCAPES[c] == null;
            ESCAPE_BYTES[c] = ESCAPES[c] == null ? null : ESCAPES[c].getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Where the bytes go: a byte stream, {@link #chars}, or (both null) nowhere: they stay in {@link #buffer}. */
    private final OutputStream bytes;
    private final Writer chars;
    /** UTF-8 bytes; written out only between whole characters, so that each chunk decodes on its own. */
    private byte[] buffer;
    private int used;
    private int[] stack = new int[32];
    /**
     * Recently written names, each with the depth it was written at and the bytes written for it there (line
     * break, indent, the quoted and escaped name, colon), by hash of both.
     */
    private final String[] nameKeys = new String[NAME_SLOTS];
    private final byte[][] nameBytes = new byte[NAME_SLOTS][];
    private final int[] nameDepths = new int[NAME_SLOTS];
    /** Strings written by {@link #sharedValue}, each with its quoted and escaped bytes, by hash. */
    private final String[] sharedKeys = new String[SHARED_SLOTS];
    private final byte[][] sharedBytes = new byte[SHARED_SLOTS][];
    /** Parts written by {@link #constantPiece}, each with its escaped bytes, by hash. */
    private final String[] constantKeys = new String[CONSTANT_SLOTS];
    private final byte[][] constantBytes = new byte[CONSTANT_SLOTS][];
    /** A string value begun by {@link #beginPieces} and not ended yet. */
    private boolean inPieces;
    private int depth;
    /** A name written by {@link #name} whose value has not come yet. */
    private boolean nameDangling;
    /** Indented over several lines (Gson's two-space indent); else all on one line, as Gson's compact form. */
    private final boolean pretty;

    /** Writes to {@code out}, which stays open. */
    JsonOut(Writer out) {
        this(null, out, true, 1 << 16);
    }

    /**
     * As {@link #JsonOut(Writer)}, with a buffer of a few kilobytes that grows when needed: for one small value
     * made into text, of which a diagnosis makes one per finding (a 64 KB buffer each was most of their cost).
     */
    static JsonOut small(Writer out) {
        return new JsonOut(null, out, true, 1 << 12);
    }

    /** Writes UTF-8 to {@code out}, which stays open. */
    JsonOut(OutputStream out) {
        this(out, null, true, 1 << 16);
    }

    /**
     * Writes JSON lines to {@code out}, which stays open: each top-level value in Gson's compact form (no spaces,
     * no line breaks), ended by {@link #endLine}.
     */
    static JsonOut lines(Writer out) {
        return new JsonOut(null, out, false, 1 << 16);
    }

    /**
     * Keeps what is written in memory, for {@link #startElement} and {@link #written}: so that elements of one
     * array can be written on several threads at once and joined in order.
     */
    JsonOut() {
        this(null, null, true, 1 << 16);
    }

    private JsonOut(OutputStream bytes, Writer chars, boolean pretty, int bufferBytes) {
        this.buffer = new byte[bufferBytes];
        this.bytes = bytes;
        this.chars = chars;
        this.pretty = pretty;
        stack[depth++] = EMPTY_DOCUMENT;
    }

    /**
     * Ends the line of the top-level value just written (with the line separator, as {@code println} does) and
     * hands it to the underlying writer (without flushing that); the next value starts a new line.
     */
    void endLine() throws IOException {
        if (depth != 1 || stack[0] != NONEMPTY_DOCUMENT) {
            throw new IllegalStateException("a line ends after a whole top-level value");
        }
        raw(System.lineSeparator());
        stack[0] = EMPTY_DOCUMENT;
        writeBuffer();
    }

    /**
     * Forgets what was written (in memory) and starts over as inside a top-level array: what comes next is an
     * element of that array, written with what goes before it ({@code first}: the line break; else the comma
     * too), exactly as this writer prints it in the whole array.
     */
    JsonOut startElement(boolean first) {
        used = 0;
        return nextElement(first);
    }

    /**
     * As {@link #startElement}, after what was written in memory, which stays: so that a run of elements is written
     * one after another into one buffer ({@link #handOver}).
     */
    JsonOut nextElement(boolean first) {
        if (bytes != null || chars != null) {
            throw new IllegalStateException("elements are written in memory");
        }
        depth = 2;
        stack[0] = NONEMPTY_DOCUMENT;
        stack[1] = first ? EMPTY_ARRAY : NONEMPTY_ARRAY;
        nameDangling = false;
        inPieces = false;
        return this;
    }

    /** A copy of what has been written in memory. */
    byte[] written() {
        return Arrays.copyOf(buffer, used);
    }

    /**
     * The buffer holding what was written in memory (its first {@link #size} bytes), not copied; writing goes on in
     * {@code next}, from its start: so that a few buffers are used again and again for output that is made on one
     * thread and written out on another.
     */
    byte[] handOver(byte[] next) {
        byte[] filled = buffer;
        buffer = next;
        used = 0;
        return filled;
    }

    /** How many bytes have been written in memory (a position for {@link #writtenSince}). */
    int size() {
        return used;
    }

    /** A copy of what has been written in memory from position {@code start} on. */
    byte[] writtenSince(int start) {
        return Arrays.copyOfRange(buffer, start, used);
    }

    /** A copy of what has been written in memory from position {@code start} to {@code end}. */
    byte[] writtenSince(int start, int end) {
        return Arrays.copyOfRange(buffer, start, end);
    }

    /**
     * A value given as the bytes this writer wrote for a whole value before ({@link #writtenSince}), at the same
     * depth: so that a value repeated in several elements is written once and copied.
     */
    JsonOut writtenValue(byte[] value) throws IOException {
        beforeValue();
        room(value.length);
        System.arraycopy(value, 0, buffer, used, value.length);
        used += value.length;
        return this;
    }

    /**
     * A value given as the bytes this writer wrote in memory for a whole value at positions {@code start} to {@code
     * end} of what it holds now ({@link #size}), at the same depth: so that a value repeated within a run of elements
     * is copied without a copy of its own.
     */
    JsonOut writtenValue(int start, int end) throws IOException {
        beforeValue();
        copyWithin(start, end);
        return this;
    }

    /** The bytes at positions {@code start} to {@code end} of what is held in memory, again at its end. */
    private void copyWithin(int start, int end) throws IOException {
        int length = end - start;
        room(length);
        System.arraycopy(buffer, start, buffer, used, length);
        used += length;
    }

    /**
     * Members given as the bytes this writer wrote for them before ({@link #writtenSince} from the end of a member
     * to the end of a later one, so beginning with a comma), after a member of an object at the same depth: so that
     * a run of members that many objects repeat is written once and copied.
     */
    JsonOut writtenMembers(byte[] run) throws IOException {
        if (nameDangling || stack[depth - 1] != NONEMPTY_OBJECT) {
            throw new IllegalStateException("members copied where no member ended");
        }
        room(run.length);
        System.arraycopy(run, 0, buffer, used, run.length);
        used += run.length;
        return this;
    }

    /**
     * As {@link #writtenMembers(byte[])}, with a number (not negative) between two runs of bytes: members that many
     * objects repeat but for a number inside one of their values (an SDP section's media port).
     */
    JsonOut writtenMembers(byte[] before, long number, byte[] after) throws IOException {
        writtenMembers(before);
        room(20 + after.length);
        digits(number);
        System.arraycopy(after, 0, buffer, used, after.length);
        used += after.length;
        return this;
    }

    /**
     * A string (not null) that many values repeat, as the very object (a capture's addresses and reasons are shared
     * strings): its quoted bytes are remembered in a small table of recent ones and copied, not looked at again.
     */
    JsonOut sharedValue(String value) throws IOException {
        beforeValue();
        remembered(value, sharedKeys, sharedBytes, true);
        return this;
    }

    /**
     * {@code s} quoted (or not), copied from a table of bytes remembered by hash when the very object is there;
     * else written and remembered.
     */
    private void remembered(String s, String[] keys, byte[][] bytes, boolean quoted) throws IOException {
        int slot = s.hashCode() & (keys.length - 1);
        if (keys[slot] == s) {
            byte[] written = bytes[slot];
            room(written.length);
            System.arraycopy(written, 0, buffer, used, written.length);
            used += written.length;
        } else {
            // room for the worst case first, so that the buffer is not written out before the bytes are taken
            room(18 * s.length() + 2);
            int start = used;
            if (quoted) {
                string(s);
            } else {
                content(s);
            }
            keys[slot] = s;
            bytes[slot] = Arrays.copyOfRange(buffer, start, used);
        }
    }

    JsonOut beginArray() throws IOException {
        return open(EMPTY_ARRAY, '[');
    }

    JsonOut endArray() throws IOException {
        return close(EMPTY_ARRAY, NONEMPTY_ARRAY, ']');
    }

    JsonOut beginObject() throws IOException {
        return open(EMPTY_OBJECT, '{');
    }

    JsonOut endObject() throws IOException {
        return close(EMPTY_OBJECT, NONEMPTY_OBJECT, '}');
    }

    JsonOut name(String name) throws IOException {
        if (nameDangling) {
            throw new IllegalStateException("two names in a row");
        }
        int context = stack[depth - 1];
        if (context == NONEMPTY_OBJECT) {
            put(',');
        } else if (context != EMPTY_OBJECT) {
            throw new IllegalStateException("a name outside an object");
        }
        stack[depth - 1] = DANGLING_NAME;
        // names are a few constants written again and again, each at its own depth: the line break, indent,
        // quoted name and colon are remembered as one run of bytes
        int first = (name.hashCode() + 31 * depth) & (NAME_SLOTS - 1);
        // or in the slot beside it: two names that one element writes in turn may share a first slot (a call's
        // "id" and its legs' "requestUri" did), and each then took the other's place every time
        int slot = nameKeys[first] == name && nameDepths[first] == depth ? first : first ^ 1;
        if (nameKeys[slot] != name || nameDepths[slot] != depth) {
            // the name held in the first slot moves beside it
            if (nameKeys[first] != null) {
                nameKeys[first ^ 1] = nameKeys[first];
                nameDepths[first ^ 1] = nameDepths[first];
                nameBytes[first ^ 1] = nameBytes[first];
            }
            slot = first;
            // room for the worst case first (three UTF-8 bytes a character, each escaped as six), so that the
            // buffer is not written out while the bytes are being taken from it
            room(2 * depth + 18 * name.length() + 4);
            int start = used;
            newline();
            string(name);
            raw(pretty ? ": " : ":");
            nameKeys[slot] = name;
            nameDepths[slot] = depth;
            nameBytes[slot] = Arrays.copyOfRange(buffer, start, used);
        } else {
            byte[] run = nameBytes[slot];
            room(run.length);
            System.arraycopy(run, 0, buffer, used, run.length);
            used += run.length;
        }
        nameDangling = true;
        return this;
    }

    /**
     * A member name that objects written at one depth repeat, with the bytes before its value prepared once (line
     * break, indent, quoted name, colon; and the same after a comma, for a member that follows another): a large
     * capture's calls write millions of names, each of which {@link #name(String)} looks up in its table.
     */
    static final class Name {
        private final String name;
        private final int depth;
        private final byte[] first;
        private final byte[] next;

        /**
         * {@code name} in objects whose members the writer writes at {@code depth}: 3 for those of an element of the
         * top-level array, one more per object or array further in. Elsewhere, or written compact, it is looked up
         * as {@link #name(String)} looks up a name.
         */
        Name(String name, int depth) {
            this.name = name;
            this.depth = depth;
            JsonOut w = new JsonOut(null, null, true, 64);
            w.depth = depth;
            try {
                w.newline();
                w.string(name);
                w.raw(": ");
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e);
            }
            first = Arrays.copyOf(w.buffer, w.used);
            next = new byte[first.length + 1];
            next[0] = ',';
            System.arraycopy(first, 0, next, 1, first.length);
        }
    }

    /** As {@link #name(String)}, with the bytes prepared for the name's depth copied when it is written there. */
    JsonOut name(Name name) throws IOException {
        if (!prepared(name)) {
            return name(name.name);
        }
        stack[depth - 1] = DANGLING_NAME;
        nameDangling = true;
        return this;
    }

    /** {@code name(name).value(value)} in one step. */
    JsonOut member(Name name, long value) throws IOException {
        if (!prepared(name)) {
            return name(name.name).value(value);
        }
        number(value);
        return this;
    }

    /** {@code name(name).value(value)} in one step: a string, or null. */
    JsonOut member(Name name, String value) throws IOException {
        if (!prepared(name)) {
            return name(name.name).value(value);
        }
        if (value == null) {
            raw("null");
        } else {
            string(value);
        }
        return this;
    }

    /** {@code name(name).sharedValue(value)} in one step; null written as null. */
    JsonOut sharedMember(Name name, String value) throws IOException {
        if (value == null) {
            return member(name, (String) null);
        }
        if (!prepared(name)) {
            return name(name.name).sharedValue(value);
        }
        remembered(value, sharedKeys, sharedBytes, true);
        return this;
    }

    /**
     * The bytes before a member's value copied, and the object left as after a member, when {@code name} was prepared
     * for this depth and a name is due; false (nothing written) otherwise.
     */
    private boolean prepared(Name name) throws IOException {
        if (depth != name.depth || !pretty || nameDangling) {
            return false;
        }
        int context = stack[depth - 1];
        byte[] run;
        if (context == NONEMPTY_OBJECT) {
            run = name.next;
        } else if (context == EMPTY_OBJECT) {
            run = name.first;
        } else {
            return false;
        }
        stack[depth - 1] = NONEMPTY_OBJECT;
        room(run.length);
        System.arraycopy(run, 0, buffer, used, run.length);
        used += run.length;
        return true;
    }

    /** A member whose value is a string, left out when the value is null (as Gson's trees leave nulls out). */
    JsonOut optional(String name, String value) throws IOException {
        return value == null ? this : name(name).value(value);
    }

    /** A string, or null. */
    JsonOut value(String value) throws IOException {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    /**
     * A string value (not null), returning where its quoted bytes start, after what goes before a value: so that
     * {@link #writtenSince} gives them for {@link #writtenValue(byte[])}.
     */
    int valueStart(String value) throws IOException {
        beforeValue();
        int start = used;
        string(value);
        return start;
    }

    JsonOut value(boolean value) throws IOException {
        beforeValue();
        raw(value ? "true" : "false");
        return this;
    }

    JsonOut value(long value) throws IOException {
        beforeValue();
        number(value);
        return this;
    }

    /** A number as {@code Long.toString} prints it. */
    private void number(long value) throws IOException {
        if (value == Long.MIN_VALUE) {
            raw(Long.toString(value));
            return;
        }
        room(20);
        if (value < 0) {
            buffer[used++] = '-';
            value = -value;
        }
        digits(value);
    }

    /**
     * Begins a string value written in pieces ({@link #piece}, {@link #constantPiece}, {@link #numberPiece}), ended
     * by {@link #endPieces}: a text made of constant parts and values is written without being made.
     */
    JsonOut beginPieces() throws IOException {
        if (inPieces) {
            throw new IllegalStateException("a string begun in a string");
        }
        beforeValue();
        put('"');
        inPieces = true;
        return this;
    }

    /** Characters of the string begun, as {@code String.valueOf} prints them. */
    JsonOut piece(String value) throws IOException {
        checkInPieces();
        content(value == null ? "null" : value);
        return this;
    }

    /**
     * Characters of the string begun that come again and again as the very object (a sentence's constant parts, a
     * capture's shared addresses): their escaped bytes are remembered in a small table by hash and copied.
     */
    JsonOut constantPiece(String part) throws IOException {
        checkInPieces();
        remembered(part, constantKeys, constantBytes, false);
        return this;
    }

    /** A number in the string begun, as {@code Long.toString} prints it. */
    JsonOut numberPiece(long value) throws IOException {
        checkInPieces();
        number(value);
        return this;
    }

    /**
     * Characters of the string begun given as the bytes this writer wrote in memory at positions {@code start} to
     * {@code end} of what it holds now (the inside of a string value written earlier): copied, not looked at again.
     */
    JsonOut writtenPiece(int start, int end) throws IOException {
        checkInPieces();
        copyWithin(start, end);
        return this;
    }

    /** Ends the string begun by {@link #beginPieces}. */
    JsonOut endPieces() throws IOException {
        checkInPieces();
        put('"');
        inPieces = false;
        return this;
    }

    private void checkInPieces() {
        if (!inPieces) {
            throw new IllegalStateException("a piece of a string outside one");
        }
    }

    /**
     * The decimal digits of {@code value} (not negative), as {@code Long.toString} prints them, without making a
     * string: a large capture's calls have millions of numbers in them. In int arithmetic when the value fits (all
     * but a time's whole seconds): with the JIT's first tier only, a long division or remainder is a call into the
     * VM. The caller makes room for 19 bytes.
     */
    private void digits(long value) {
        if (value <= Integer.MAX_VALUE) {
            digits((int) value);
            return;
        }
        // the last eight digits in int arithmetic, the rest (at most eleven) before them
        long high = value / 100_000_000;
        digits(high);
        paddedDigits((int) (value - high * 100_000_000), 8);
    }

    /** The decimal digits of {@code value} (not negative), two at a time. */
    private void digits(int value) {
        int end = used + digitCount(value);
        writeDigitsBackwards(value, end, used);
        used = end;
    }

    /** {@code value} (0 to 10^count - 1) in exactly {@code count} digits, with leading zeros. */
    private void paddedDigits(int value, int count) {
        int end = used + count;
        writeDigitsBackwards(value, end, used);
        used = end;
    }

    /** The digits of {@code value} ending before {@code end}, '0's down to {@code start}. */
    private void writeDigitsBackwards(int value, int end, int start) {
        int i = end;
        while (value >= 100) {
            int q = value / 100;
            int pair = (value - q * 100) << 1;
            buffer[--i] = DIGIT_PAIRS[pair + 1];
            buffer[--i] = DIGIT_PAIRS[pair];
            value = q;
        }
        if (value >= 10) {
            buffer[--i] = DIGIT_PAIRS[(value << 1) + 1];
            buffer[--i] = DIGIT_PAIRS[value << 1];
        } else {
            buffer[--i] = (byte) ('0' + value);
        }
        while (i > start) {
            buffer[--i] = '0';
        }
    }

    private static int digitCount(int value) {
        int count = 1;
        for (int bound = 10; count < 10 && value >= bound; bound *= 10) {
            count++;
        }
        return count;
    }

    /**
     * The decimal {@code unscaled / 10^scale} (scale 1 to 6) as {@code BigDecimal.valueOf(unscaled, scale)} prints
     * it, without making one: a large capture's calls have a quarter of a million times in them.
     */
    JsonOut decimal(long unscaled, int scale) throws IOException {
        if (scale < 1 || scale > 6 || unscaled == Long.MIN_VALUE) {
            return value(BigDecimal.valueOf(unscaled, scale));
        }
        beforeValue();
        room(24);
        long magnitude = Math.abs(unscaled);
        if (unscaled < 0) {
            buffer[used++] = '-';
        }
        int divisor = POWERS_OF_TEN[scale];
        // one long division at most (a time's whole seconds do not fit an int), the remainder by multiplication
        long whole = magnitude <= Integer.MAX_VALUE ? (int) magnitude / divisor : magnitude / divisor;
        digits(whole);
        buffer[used++] = '.';
        paddedDigits((int) (magnitude - whole * divisor), scale);
        return this;
    }

    /** A number as its {@code toString} prints it, or null. */
    JsonOut value(Number value) throws IOException {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        raw(value.toString());
        return this;
    }

    JsonOut nullValue() throws IOException {
        beforeValue();
        raw("null");
        return this;
    }

    /** Writes out what is buffered; the underlying writer stays open. */
    void flush() throws IOException {
        writeBuffer();
        if (bytes != null) {
            bytes.flush();
        } else if (chars != null) {
            chars.flush();
        }
    }

    private void writeBuffer() throws IOException {
        if (bytes == null && chars == null) {
            return;
        }
        if (bytes != null) {
            bytes.write(buffer, 0, used);
        } else {
            chars.write(new String(buffer, 0, used, StandardCharsets.UTF_8));
        }
        used = 0;
    }

    /** Flushes; the underlying writer stays open. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private JsonOut open(int empty, char bracket) throws IOException {
        beforeValue();
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = empty;
        put(bracket);
        return this;
    }

    private JsonOut close(int empty, int nonempty, char bracket) throws IOException {
        int context = stack[depth - 1];
        if (context != empty && context != nonempty || nameDangling) {
            throw new IllegalStateException("nesting problem closing with " + bracket);
        }
        depth--;
        if (context == nonempty) {
            newline();
        }
        put(bracket);
        return this;
    }

    private void beforeValue() throws IOException {
        switch (stack[depth - 1]) {
            case EMPTY_DOCUMENT -> stack[depth - 1] = NONEMPTY_DOCUMENT;
            case EMPTY_ARRAY -> {
                stack[depth - 1] = NONEMPTY_ARRAY;
                newline();
            }
            case NONEMPTY_ARRAY -> {
                put(',');
                newline();
            }
            case DANGLING_NAME -> {
                // the colon came with the name
                stack[depth - 1] = NONEMPTY_OBJECT;
                nameDangling = false;
            }
            default -> throw new IllegalStateException("a value where a name is due, or a second top-level value");
        }
    }

    private void newline() throws IOException {
        if (!pretty) {
            return;
        }
        int width = 1 + 2 * (depth - 1);
        room(width);
        if (depth < INDENTS.length) {
            System.arraycopy(INDENTS[depth], 0, buffer, used, width);
            used += width;
            return;
        }
        buffer[used++] = '\n';
        Arrays.fill(buffer, used, used + width - 1, (byte) ' ');
        used += width - 1;
    }

    /** A quoted, escaped string: its UTF-8 bytes, copied in bulk up to the first byte that needs an escape. */
    private void string(String s) throws IOException {
        put('"');
        content(s);
        put('"');
    }

    /** The escaped UTF-8 bytes of a string's characters, without quotes. */
    private void content(String s) throws IOException {
        // Most strings are plain ASCII: their ISO-8859-1 bytes (a copy of the string's own bytes, with no look at
        // them, whereas the UTF-8 encoder looks at each byte before the JIT's last tier) are their UTF-8 bytes. A
        // character beyond Latin-1 becomes '?', so a '?' (as any byte needing an escape or above 127) sends the
        // string the long way.
        byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
        if (isPlainAscii(latin1)) {
            room(latin1.length);
            System.arraycopy(latin1, 0, buffer, used, latin1.length);
            used += latin1.length;
            return;
        }
        // ASCII that only needs escapes (a quoted agent name, a line break): its ISO-8859-1 bytes are its UTF-8 bytes
        byte[] b = isAsciiWithoutQuestionMark(latin1) ? latin1 : s.getBytes(StandardCharsets.UTF_8);
        int i = nextSpecial(b, 0);
        // room for the worst case (every remaining byte escaped as six), so that no multi-byte character is split
        // between two writes of the buffer
        room(i + 6 * (b.length - i));
        // the runs between bytes that may need an escape are copied in bulk (a LiveKit routing's reasoning quotes the
        // called number in several lines of every call); 0xE2 may start U+2028 or U+2029 and 0xC2 a C1
        // control, which are escaped
        int copied = 0;
        while (true) {
            System.arraycopy(b, copied, buffer, used, i - copied);
            used += i - copied;
            if (i == b.length) {
                return;
            }
            byte c = b[i];
            if (c >= 0 && ESCAPES[c] != null) {
                byte[] escape = ESCAPE_BYTES[c];
                System.arraycopy(escape, 0, buffer, used, escape.length);
                used += escape.length;
                i++;
            } else if (c == (byte) 0xE2 && i + 2 < b.length && b[i + 1] == (byte) 0x80
                    && (b[i + 2] == (byte) 0xA8 || b[i + 2] == (byte) 0xA9)) {
                raw(b[i + 2] == (byte) 0xA8 ? "\\u2028" : "\\u2029");
                i += 3;
            } else if (c == (byte) 0xC2 && i + 1 < b.length && (b[i + 1] & 0xE0) == 0x80) {
                // a C1 control (U+0080-U+009F, from a header read as ISO-8859-1): escaped, as JSON allows, so that
                // a line printed to a terminal holds no control character (the console would write it as \x..)
                int low = b[i + 1] & 0xff;
                raw("\\u00" + Character.forDigit(low >> 4, 16) + Character.forDigit(low & 0xf, 16));
                i += 2;
            } else {
                buffer[used++] = c;
                i++;
            }
            copied = i;
            i = nextSpecial(b, i);
        }
    }

    /**
     * The first position from {@code from} on whose byte may need an escape: below 0x20, a quote, a backslash or not
     * ASCII (most non-ASCII bytes are written as they are); {@code b.length} when none. Eight bytes at a time.
     */
    private static int nextSpecial(byte[] b, int from) {
        int i = from;
        for (; i + 8 <= b.length; i += 8) {
            long w = (long) LONGS.get(b, i);
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
            // borrows only run upwards: the lowest byte flagged is the first special one
            long special = ((w - 0x2020202020202020L) | w | (quote - ONES) & ~quote | (backslash - ONES) & ~backslash)
                    & HIGHS;
            if (special != 0) {
                return i + ByteWords.firstFlagged(special);
            }
        }
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c < 0 || !PLAIN[c]) {
                return i;
            }
        }
        return i;
    }

    /**
     * True when every byte is ASCII, written as it is (not a control character, quote or backslash) and not '?';
     * eight bytes at a time.
     */
    private static boolean isPlainAscii(byte[] b) {
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            long w = (long) LONGS.get(b, i);
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
            long question = w ^ 0x3F3F3F3F3F3F3F3FL;
            // a byte below 0x20 (or above 127: the high bit), or a byte equal to one of the three
            long special = (w - 0x2020202020202020L) | w
                    | (quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (question - ONES) & ~question;
            if ((special & HIGHS) != 0) {
                return false;
            }
        }
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c < 0 || !PLAIN[c] || c == '?') {
                return false;
            }
        }
        return true;
    }

    /** True when every byte is ASCII and none is '?' (which stands for a character beyond ISO-8859-1). */
    private static boolean isAsciiWithoutQuestionMark(byte[] b) {
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            long w = (long) LONGS.get(b, i);
            long question = w ^ 0x3F3F3F3F3F3F3F3FL;
            if (((w | (question - ONES) & ~question) & HIGHS) != 0) {
                return false;
            }
        }
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c < 0 || c == '?') {
                return false;
            }
        }
        return true;
    }

    /** ASCII text as it is. */
    private void raw(String s) throws IOException {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buffer[used++] = (byte) s.charAt(i);
        }
    }

    /** An ASCII character. */
    private void put(char c) throws IOException {
        room(1);
        buffer[used++] = (byte) c;
    }

    /**
     * Makes room for {@code n} more bytes: writes the buffer out, or grows it for one very long string (or for
     * anything, in memory).
     */
    private void room(int n) throws IOException {
        // small enough for the JIT's first tier to inline at each caller
        if (used + n > buffer.length) {
            grow(n);
        }
    }

    private void grow(int n) throws IOException {
        if (bytes == null && chars == null) {
            buffer = Arrays.copyOf(buffer, Math.max(used + n, buffer.length * 2));
            return;
        }
        writeBuffer();
        if (n > buffer.length) {
            buffer = new byte[Math.max(n, buffer.length * 2)];
        }
    }
}
