package org.sipladder.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The writer for standard output that also lets a command write bytes past it, for output too large to go
 * through a character encoder at a good pace ({@code calls --json} of a large capture): only when the console
 * takes UTF-8, and after flushing this writer.
 */
public final class ConsoleWriter extends PrintWriter {

    private final OutputStream stream;
    private final Charset charset;

    public ConsoleWriter(OutputStream stream, Charset charset) {
        super(stream, false, charset);
        this.stream = stream;
        this.charset = charset;
    }

    /** The byte stream behind {@code out}, flushed, when {@code out} is a console writer taking UTF-8; else null. */
    static OutputStream utf8Stream(PrintWriter out) {
        if (out instanceof ConsoleWriter console && StandardCharsets.UTF_8.equals(console.charset)) {
            console.flush();
            return console.stream;
        }
        return null;
    }

    /**
     * The process's standard output as a channel, when {@code out} is a console writer taking UTF-8 over
     * {@link System#out} (flushed first); else null. Through it a file's bytes go to the output inside the kernel
     * ({@code FileChannel.transferTo}) rather than through the heap: a large capture's diagnosis lists 400 MB of
     * findings kept in temporary files. Never closed (that would close standard output); whoever writes to it
     * flushes {@code out} and {@link System#out} before.
     */
    static WritableByteChannel standardOutput(PrintWriter out) {
        if (utf8Stream(out) != System.out) {
            return null;
        }
        System.out.flush();
        return new FileOutputStream(FileDescriptor.out).getChannel();
    }
}
