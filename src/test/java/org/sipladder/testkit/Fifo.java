package org.sipladder.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A named pipe (FIFO) for tests of writing into one, with a reader that takes whatever is written to it. */
public final class Fifo {

    private Fifo() {
    }

    /** Makes a FIFO at {@code path} with mkfifo; the test is skipped where there is none (Windows). */
    public static Path make(Path path) throws IOException, InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo on this system: " + e.getMessage());
            throw e;
        }
        Assumptions.assumeTrue(mkfifo.waitFor(20, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo works");
        return path;
    }

    /** Starts reading {@code fifo} in the background, as a program reading a pipe would. */
    public static Reader read(Path fifo) {
        return new Reader(fifo);
    }

    /** Reads a FIFO to its end on a daemon thread. */
    public static final class Reader implements AutoCloseable {
        private final Path fifo;
        private final CompletableFuture<byte[]> bytes = new CompletableFuture<>();

        Reader(Path fifo) {
            this.fifo = fifo;
            Thread thread = new Thread(() -> {
                try (InputStream in = Files.newInputStream(fifo)) {
                    bytes.complete(in.readAllBytes());
                } catch (IOException e) {
                    bytes.completeExceptionally(e);
                }
            }, "fifo-reader");
            thread.setDaemon(true);
            thread.start();
        }

        /** Everything written until the writer closed the pipe; fails after 20 s when nothing wrote into it. */
        public byte[] all() throws Exception {
            return bytes.get(20, TimeUnit.SECONDS);
        }

        /** Lets a reader that nobody wrote to finish, so no thread waits on the pipe after the test. */
        @Override
        public void close() {
            if (!bytes.isDone() && Files.exists(fifo) && !Files.isRegularFile(fifo)) {
                try (OutputStream unblock = Files.newOutputStream(fifo)) {
                    unblock.flush();
                } catch (IOException e) {
                    // the reader is gone already
                }
            }
        }
    }
}
