package org.sipladder.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text kept aside to be written out later, in memory while it is small and in a temporary file beyond that: the
 * findings of a large capture are listed by severity, but found call by call, so all but the first group wait.
 * One thread; {@link #close} deletes the file.
 */
final class SpillBuffer implements AutoCloseable {

    /** Characters kept in memory before the buffer moves to a file. */
    static final int IN_MEMORY = 1 << 18;

    private final StringBuilder memory = new StringBuilder();
    private Path file;
    private Writer fileWriter;
    private boolean empty = true;

    void append(String text) throws IOException {
        empty &= text.isEmpty();
        if (fileWriter != null) {
            fileWriter.write(text);
            return;
        }
        memory.append(text);
        if (memory.length() > IN_MEMORY) {
            file = Files.createTempFile("sipladder-", ".part");
            file.toFile().deleteOnExit();
            fileWriter = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
            fileWriter.append(memory);
            memory.setLength(0);
            memory.trimToSize();
        }
    }

    boolean isEmpty() {
        return empty;
    }

    /** Writes everything appended, in order, but for its first {@code skip} characters. */
    void writeTo(Writer out, int skip) throws IOException {
        if (fileWriter == null) {
            out.append(memory, Math.min(skip, memory.length()), memory.length());
            return;
        }
        fileWriter.flush();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.skip(skip);
            char[] chunk = new char[1 << 16];
            for (int n; (n = in.read(chunk)) > 0; ) {
                out.write(chunk, 0, n);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (fileWriter != null) {
            fileWriter.close();
            Files.deleteIfExists(file);
        }
    }
}
