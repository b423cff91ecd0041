package org.sipladder.ui;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    /** Prints the CPU time each thread used so far (JIT compilers, GC, the FX thread, workers), most first. */
    void threadTimes() {
        if (out == null) {
            return;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            Map<String, Long> byName = new TreeMap<>();
            for (Path task : tasks.toList()) {
                String name = Files.readString(task.resolve("comm")).strip();
                String stat = Files.readString(task.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long millis = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
                byName.merge(name.replaceAll("[0-9]+$", "#"), millis, Long::sum);
            }
            byName.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.printf("[startup]   cpu %5d ms in %s%n", e.getValue(), e.getKey()));
        } catch (IOException | RuntimeException notLinux) {
            // Per-thread times come from Linux's /proc only.
        }
    }

    /** CPU time of the whole process so far (all threads), comparable between runs on a busy machine; -1 if unknown. */
    private static long cpuMillis() {
        try {
            String[] afterName = procStat();
            return (Long.parseLong(afterName[11]) + Long.parseLong(afterName[12])) * 10;
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }

    /** The fields of /proc/self/stat after the command name, the first being field 3 (state); times in 1/100 s. */
    private static String[] procStat() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * When this process started. ProcessHandle's start instant is built on the boot time in whole seconds on
     * Linux, so there the process's start tick and the uptime (both in hundredths) are read instead.
     */
    private static long launchMillis() {
        long now = System.currentTimeMillis();
        try {
            String[] afterName = procStat();
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
            out.printf("[startup] %5d ms (cpu %5d ms) %s%n", wallMillis - launchMillis, cpuMillis(), step);
        }
    }
}
