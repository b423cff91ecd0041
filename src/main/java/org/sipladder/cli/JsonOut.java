package org.sipladder.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * A streaming JSON writer that prints exactly as Gson's {@code JsonWriter} does with a two-space indent, nulls
 * serialised and no HTML escaping (the form of all our JSON output), but several times faster: {@code calls --json}
 * on a large capture writes over a hundred megabytes, and Gson's character-at-a-time escaping was the slowest
 * step. Strings are copied into the buffer in bulk and only looked at again for characters that need escaping.
 * Structural misuse (a value where a name is due) is a programming error and throws IllegalStateException.
 * Not thread-safe.
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

    /** True for the ASCII characters written as they are. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
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
        }
    }

    private final Writer out;
    private char[] buffer = new char[1 << 16];
    private int used;
    private int[] stack = new int[32];
    private int depth;
    /** A name written by {@link #name} whose value has not come yet. */
    private boolean nameDangling;

    JsonOut(Writer out) {
        this.out = out;
        stack[depth++] = EMPTY_DOCUMENT;
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
        newline();
        stack[depth - 1] = DANGLING_NAME;
        string(name);
        nameDangling = true;
        return this;
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

    JsonOut value(long value) throws IOException {
        beforeValue();
        raw(Long.toString(value));
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
        out.write(buffer, 0, used);
        used = 0;
        out.flush();
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
                raw(": ");
                stack[depth - 1] = NONEMPTY_OBJECT;
                nameDangling = false;
            }
            default -> throw new IllegalStateException("a value where a name is due, or a second top-level value");
        }
    }

    private void newline() throws IOException {
        int width = 1 + 2 * (depth - 1);
        room(width);
        buffer[used++] = '\n';
        Arrays.fill(buffer, used, used + width - 1, ' ');
        used += width - 1;
    }

    /** A quoted, escaped string: copied in bulk, then escaped from the first character that needs it. */
    private void string(String s) throws IOException {
        int length = s.length();
        room(length + 2);
        buffer[used++] = '"';
        s.getChars(0, length, buffer, used);
        int end = used + length;
        int i = used;
        char[] b = buffer;
        // written out rather than through a helper: this loop sees every character of the output
        while (i < end) {
            char c = b[i];
            if (c < 128 ? PLAIN[c] : c != '\u2028' && c != '\u2029') {
                i++;
            } else {
                break;
            }
        }
        if (i == end) {
            used = end;
        } else {
            used = i;
            escapeFrom(s, i - (end - length));
        }
        put('"');
    }

    /** Writes {@code s} from index {@code from} on, escaped. */
    private void escapeFrom(String s, int from) throws IOException {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 && ESCAPES[c] != null) {
                raw(ESCAPES[c]);
            } else if (c == '\u2028') {
                raw("\\u2028");
            } else if (c == '\u2029') {
                raw("\\u2029");
            } else {
                put(c);
            }
        }
    }

    private void raw(String s) throws IOException {
        room(s.length());
        s.getChars(0, s.length(), buffer, used);
        used += s.length();
    }

    private void put(char c) throws IOException {
        room(1);
        buffer[used++] = c;
    }

    /** Makes room for {@code n} more characters: flushes, or grows the buffer for one very long string. */
    private void room(int n) throws IOException {
        if (used + n <= buffer.length) {
            return;
        }
        out.write(buffer, 0, used);
        used = 0;
        if (n > buffer.length) {
            buffer = new char[Math.max(n, buffer.length * 2)];
        }
    }
}
