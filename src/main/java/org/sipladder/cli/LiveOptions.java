package org.sipladder.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sipladder.OutputFile;
import org.sipladder.capture.PacketWriter;
import org.sipladder.capture.PcapngWriter;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import picocli.CommandLine.Option;

/** -w, --duration and --json of the commands that watch live traffic: a picocli mixin. */
final class LiveOptions {

    @Option(names = {"-w", "--write"}, paramLabel = "FILE.pcapng", description = "also write the packets, as they "
            + "arrive, to this pcapng file")
    Path write;

    @Option(names = "--duration", paramLabel = "S", description = "stop after S seconds (default: until Ctrl+C)")
    Double duration;

    @Option(names = "--json", description = "each SIP message as it arrives as one JSON line, as `messages --json` "
            + "prints it")
    boolean json;

    /** The file of -w, opened, or null without -w. */
    PacketWriter openWriter() throws UserError {
        if (write == null) {
            return null;
        }
        try {
            OutputStream out = Files.newOutputStream(write);
            return new PcapngWriter(out);
        } catch (IOException e) {
            throw new UserError(write + ": cannot be written (" + OutputFile.reason(e, write) + ")");
        }
    }

    /** Counted down to stop: at --duration, Ctrl+C, or when the output cannot be written. */
    private final CountDownLatch done = new CountDownLatch(1);
    /** The write to the output that failed (a full disk, a reader gone), ending the run; null while none did. */
    private volatile RuntimeException outputFailure;

    /**
     * Prints each message as it is parsed: a JSON line with --json, else one line of text; the decoders' warnings (a
     * bound reached, a packet that could not be read: the first hundred, then none, as for a file) go to {@code err}
     * as they come, a line each. A failed write ends the run ({@link #runUntilDone}, then {@link #outputFailure})
     * rather than the thread receiving the packets.
     */
    ParsingListener printer(PrintWriter out, PrintWriter err) {
        JsonOut lines = JsonOut.lines(out);
        return new ParsingListener(SipParser.Depth.FULL) {
            @Override
            public synchronized void prepared(SipMessage m) {
                if (outputFailure != null) {
                    return;
                }
                try {
                    if (json) {
                        MessageJson.line(lines, m);
                    } else {
                        out.println(JsonTime.utc(m.timestampMicros()) + "  " + m.src() + " -> " + m.dst() + "  "
                                + MessagesCommand.label(m) + "  " + (m.callId() == null ? "-" : m.callId()));
                    }
                    out.flush();
                } catch (RuntimeException e) {
                    outputFailure = e;
                    done.countDown();
                }
            }

            @Override
            public void warning(String message) {
                synchronized (err) {
                    err.println(message);
                    err.flush();
                }
            }
        };
    }

    /** Throws the failed write to the output that ended the run, if one did, for the command to tell. */
    void rethrowOutputFailure() {
        RuntimeException failure = outputFailure;
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Waits for --duration, until the program is interrupted (Ctrl+C) or until the output cannot be written, then
     * runs {@code stop} once; on Ctrl+C the JVM waits for it, so the file of -w is complete.
     */
    void runUntilDone(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            stopped.countDown();
            done.countDown();
        }, "stop capture");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (duration != null) {
                done.await(Math.round(duration * 1000), TimeUnit.MILLISECONDS);
            } else {
                done.await();
            }
        } finally {
            if (stopped.getCount() > 0) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    stop.run();
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl+C came as the output failed: the hook stops the capture
                }
            }
        }
    }
}
