package org.sipladder.cli;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * A buffer in front of a writer, for one thread: JSON output is written a few characters at a time, and the
 * JDK's buffered writers take a lock on every one of those calls.
 */
final class FastWriter extends Writer {

    private final Writer out;
    private final char[] buffer = new char[1 << 16];
    private int used;

    FastWriter(Writer out) {
        this.out = out;
    }

    /** A JSON writer over this buffer that prints as the command line's JSON is printed: indented, no HTML escaping. */
    static JsonWriter prettyJson(Writer out) {
        JsonWriter json = new JsonWriter(new FastWriter(out));
        json.setIndent("  ");
        json.setHtmlSafe(false);
        return json;
    }

    @Override
    public void write(int c) throws IOException {
        if (used == buffer.length) {
            flushBuffer();
        }
        buffer[used++] = (char) c;
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        if (len > buffer.length - used) {
            flushBuffer();
            if (len > buffer.length) {
                out.write(chars, off, len);
                return;
            }
        }
        System.arraycopy(chars, off, buffer, used, len);
        used += len;
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        if (len > buffer.length - used) {
            flushBuffer();
            if (len > buffer.length) {
                out.write(s, off, len);
                return;
            }
        }
        s.getChars(off, off + len, buffer, used);
        used += len;
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    /** Flushes; the underlying writer stays open. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private void flushBuffer() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
