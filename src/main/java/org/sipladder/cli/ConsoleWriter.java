package org.sipladder.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The writer for standard output that also lets a command write bytes past it, for output too large to go
 * through a character encoder at a good pace ({@code calls --json} of a large capture): only when the console
 * takes UTF-8, and after flushing this writer.
 *
 * <p>Unlike a plain {@link PrintWriter}, which swallows write errors, the first failed write (a full disk, a pipe
 * whose reader went away) ends the command: every write after it throws {@link OutputFailure}, so a script never
 * takes a cut-off output with status 0 for the result, and the command stops reading a capture nobody reads about.
 *
 * <p>Control characters other than tab, line ends and DEL are written escaped ({@code \x1b}, as Wireshark's text output
 * shows them): what the commands print comes from senders on the network (a Call-ID, a payload's first line, a
 * Homer row), and an ESC sequence printed as it came would drive the user's terminal (retitle it, clear the screen,
 * hide lines). JSON escapes them itself.
 */
public final class ConsoleWriter extends PrintWriter {

    private final Watched stream;
    private final Charset charset;
    /** True when {@link #stream} writes to the process's standard output (file descriptor 1). */
    private final boolean standardOutput;

    public ConsoleWriter(OutputStream stream, Charset charset) {
        this(new Watched(stream), charset, false);
    }

    private ConsoleWriter(Watched stream, Charset charset, boolean standardOutput) {
        super(stream, false, charset);
        this.stream = stream;
        this.charset = charset;
        this.standardOutput = standardOutput;
    }

    /**
     * The process's standard output, written straight to file descriptor 1 (not through {@link System#out}, which
     * swallows write errors as this class's parent does).
     */
    public static ConsoleWriter standardOutput(Charset charset) {
        return new ConsoleWriter(new Watched(new FileOutputStream(FileDescriptor.out)), charset, true);
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
     * file descriptor 1 (flushed first); else null. Through it a file's bytes go to the output inside the kernel
     * ({@code FileChannel.transferTo}) rather than through the heap: a large capture's diagnosis lists 400 MB of
     * findings kept in temporary files. Never closed (that would close standard output); whoever writes to it
     * flushes {@code out} before, and tells its failures through {@link #failed}.
     */
    static WritableByteChannel standardOutput(PrintWriter out) {
        if (!(out instanceof ConsoleWriter console && console.standardOutput) || utf8Stream(out) == null) {
            return null;
        }
        System.out.flush();
        return new FileOutputStream(FileDescriptor.out).getChannel();
    }

    /** {@code e}, thrown while writing to {@link #standardOutput(PrintWriter)}'s channel, as the output's failure. */
    static OutputFailure failed(IOException e) {
        return e instanceof OutputFailure f ? f : new OutputFailure(e);
    }

    @Override
    public void write(int c) {
        if (printable((char) c)) {
            super.write(c);
        } else {
            super.write(escaped((char) c));
        }
        rethrow();
    }

    @Override
    public void write(char[] buf, int off, int len) {
        int from = off;
        for (int i = off; i < off + len; i++) {
            if (!printable(buf[i])) {
                super.write(buf, from, i - from);
                super.write(escaped(buf[i]));
                from = i + 1;
            }
        }
        super.write(buf, from, off + len - from);
        rethrow();
    }

    @Override
    public void write(String s, int off, int len) {
        int from = off;
        for (int i = off; i < off + len; i++) {
            if (!printable(s.charAt(i))) {
                super.write(s, from, i - from);
                super.write(escaped(s.charAt(i)));
                from = i + 1;
            }
        }
        super.write(s, from, off + len - from);
        rethrow();
    }

    /**
     * Whether {@code c} is written as it is: not a C0 or C1 control, but tab and line ends are, and DEL, which
     * terminals ignore on output (ECMA-48) and which JSON holds unescaped.
     */
    static boolean printable(char c) {
        return c >= 0x20 && (c < 0x80 || c > 0x9f) || c == '\n' || c == '\r' || c == '\t';
    }

    private static String escaped(char c) {
        return "\\x" + Character.forDigit(c >> 4, 16) + Character.forDigit(c & 0xf, 16);
    }

    @Override
    public void println() {
        super.println();
        rethrow();
    }

    @Override
    public void flush() {
        super.flush();
        rethrow();
    }

    private void rethrow() {
        OutputFailure failure = stream.failure;
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * A write to the command's output failed: the disk is full, or the reader of the pipe went away. Its message is
     * the system's ("No space left on device", "Broken pipe").
     */
    static final class OutputFailure extends IOException {
        private static final long serialVersionUID = 1L;

        OutputFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The stream under the writer, keeping its first failure (the writer's parent would swallow it). */
    private static final class Watched extends OutputStream {
        private final OutputStream out;
        private volatile OutputFailure failure;

        Watched(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            check();
            try {
                out.write(b);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check();
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void flush() throws IOException {
            check();
            try {
                out.flush();
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        /** Once a write failed, every later one fails the same way: the output already misses bytes. */
        private void check() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }

        private OutputFailure keep(IOException e) {
            if (failure == null) {
                failure = new OutputFailure(e);
            }
            return failure;
        }
    }
}
