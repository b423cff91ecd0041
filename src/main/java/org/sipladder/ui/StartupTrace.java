package org.sipladder.ui;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * With {@code -Dsipladder.startupTrace=true}, prints to stderr how many milliseconds after the process started
 * each start-up step was reached; silent otherwise. For finding where start-up time goes.
 */
final class StartupTrace {

    private final PrintStream out;
    private final long launchMillis;

    private StartupTrace(PrintStream out, long launchMillis) {
        this.out = out;
        this.launchMillis = launchMillis;
    }

    /** A trace to stderr when the system property asks for one, else a silent one. */
    static StartupTrace fromSystemProperties() {
        if (!Boolean.getBoolean("sipladder.startupTrace")) {
            return new StartupTrace(null, 0);
        }
        return new StartupTrace(System.err, launchMillis());
    }

    /**
     * When this process started. ProcessHandle's start instant is built on the boot time in whole seconds on
     * Linux, so there the process's start tick and the uptime (both in hundredths) are read instead.
     */
    private static long launchMillis() {
        long now = System.currentTimeMillis();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(afterName[19]);
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return now - Math.round(uptimeSeconds * 1000) + startTicks * 10;
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(now);
        }
    }

    boolean enabled() {
        return out != null;
    }

    void mark(String step) {
        markAt(step, System.currentTimeMillis());
    }

    void markAt(String step, long wallMillis) {
        if (out != null) {
            out.printf("[startup] %5d ms %s%n", wallMillis - launchMillis, step);
        }
    }
}
