package org.sipladder;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Class-data-sharing archives for the JVM that {@link TunedRelaunch} starts: one per command (and one for
 * {@code diagnose} with a LiveKit config), beside the jar, made by the build from runs on the bundled demo and on
 * packaging/training's captures (RTP, B2BUA legs joined by timing, pcapng; SIP over TCP, RTCP, fragmented datagrams),
 * whose classes the demo does not load. An
 * archive holds the JDK's and our classes that command loaded, parsed and verified, with its lambdas, and takes the
 * place of the JDK's own archive (calls on a small capture 0.29 -> 0.20 s CPU and 59 -> 50 MB; diagnose with the
 * seed config 0.54 -> 0.33 s CPU). It is a static archive (class lists from training runs, then
 * {@code -Xshare:dump}): JDK 17 leaves picocli's classes, compiled for Java 5, out of the dynamic kind, and they were
 * most of what was left. One
 * archive per command because every page of one is touched as the JVM relocates it: a dynamic archive trained with
 * the seed config (12 MB) gave calls 14 MB more peak RSS on the 352 MB capture.
 *
 * <p>Nothing here can make a run fail or start slower than without: an archive is used only when it was made for
 * this very jar (its name says) by the running JVM (its header says), and the JVM would leave any other aside in
 * silence.
 * The JVM reads an archive cut short as a crash, so one is only ever put in place whole: written under another name,
 * used once with {@code -Xshare:on} (which refuses to start unless the archive maps), then renamed.
 */
public final class TunedArchives {

    /** The commands the build trains; the others read their classes from the jar. */
    static final List<String> COMMANDS = List.of("messages", "calls", "diagnose", "streams");

    static final String LIVEKIT_SUFFIX = "-livekit";
    private static final String CONFIG_OPTION = "--livekit-config";
    private static final String SUFFIX = ".jsa";
    private static final long TRAINING_SECONDS = 120;
    /** Where the JVM's name and version lie in an archive's header (at byte 617 in JDK 17). */
    private static final int HEADER_BYTES = 4096;

    private TunedArchives() {
    }

    /**
     * The archive for a run of {@code args} from {@code jar}: {@code sipladder-calls-1a2b3c4d.jsa} beside
     * {@code sipladder.jar}, the number a hash of the jar's path, size and time, since the JVM maps no archive at all
     * (not even the JDK's own) when the class path it was made with differs; null for a command without one.
     */
    static Path archive(Path jar, String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return null;
        }
        boolean config = false;
        for (String arg : args) {
            config |= arg.equals(CONFIG_OPTION) || arg.startsWith(CONFIG_OPTION + "=");
        }
        try {
            String jarVersion = new StringBuilder().append(jar.toAbsolutePath()).append('|').append(Files.size(jar))
                    .append('|').append(Files.getLastModifiedTime(jar).toMillis()).toString();
            return jar.resolveSibling(new StringBuilder(base(jar)).append('-').append(args[0])
                    .append(config ? LIVEKIT_SUFFIX : "").append('-').append(hex(jarVersion.hashCode())).append(SUFFIX)
                    .toString());
        } catch (IOException e) {
            return null;
        }
    }

    /** Eight hex digits; not String.format, which would bring regular expressions and lambdas into the first JVM. */
    private static String hex(int value) {
        String digits = Integer.toHexString(value);
        return "0".repeat(8 - digits.length()) + digits;
    }

    private static String base(Path jar) {
        String jarName = jar.getFileName().toString();
        return jarName.endsWith(".jar") ? jarName.substring(0, jarName.length() - 4) : jarName;
    }

    /**
     * The JVM options that map {@code archive} in place of the JDK's own; none when it does not exist, was made by
     * another JVM, or its path would be read as two (the option takes a base and a top archive apart at the path
     * separator).
     */
    static List<String> options(Path archive) {
        if (archive == null || archive.toString().contains(File.pathSeparator) || !madeByThisJvm(archive)) {
            return List.of();
        }
        // the JVM's notes on an archive it leaves aside would go to standard output, into the command's output
        return List.of("-XX:SharedArchiveFile=".concat(archive.toString()), "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** True when the archive's header names this JVM, as the JVM writes it: {@code "<name> (<version>)"}. */
    static boolean madeByThisJvm(Path archive) {
        byte[] ident = new StringBuilder(System.getProperty("java.vm.name")).append(" (")
                .append(System.getProperty("java.vm.version")).append(')').toString().getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[HEADER_BYTES];
        int length = 0;
        // FileInputStream, which the JVM has loaded already, where Files.newInputStream would load 30 channel classes
        try (InputStream in = new FileInputStream(archive.toFile())) {
            for (int n; length < header.length && (n = in.read(header, length, header.length - length)) > 0; ) {
                length += n;
            }
        } catch (IOException e) {
            return false;
        }
        for (int i = 0; i + ident.length <= length; i++) {
            if (Arrays.equals(header, i, i + ident.length, ident, 0, ident.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Run by the build after the jar is made: {@code JAR CAPTURE... CONFIG...} (a config is a {@code .json} file)
     * trains an archive for each command on the captures (and for diagnose with the configs too) and puts it beside
     * the jar. Prints what it made; exits 0 even when training failed, since the jar works without its archives.
     * {@code messages} has one too since it reads its arguments without picocli: it loads 380 classes of jain-sip's
     * full parse, and scripts run it most on small captures (sngrep_aaa.pcap 248 -> 174 ms).
     */
    public static void main(String[] args) {
        Path jar = Path.of(args[0]).toAbsolutePath();
        forgetArchives(jar);
        // one training run per capture, their class lists united: a read of several captures at once goes another
        // way (merged) than the read of one, which is what users run most
        List<String> captures = new ArrayList<>();
        List<String> config = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].endsWith(".json")) {
                config.add(CONFIG_OPTION);
                config.add(args[i]);
            } else {
                captures.add(args[i]);
            }
        }
        if (captures.isEmpty()) {
            System.out.println("tuned archive: none made: no capture to train on (JAR CAPTURE... CONFIG.json...)");
            return;
        }
        List<List<String[]>> runs = new ArrayList<>();
        for (String command : COMMANDS) {
            runs.add(trainings(command, captures, List.of()));
        }
        runs.add(trainings("diagnose", captures, config));
        // as many at a time as there are cores: each is three JVMs in a row (training, dump, check)
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(runs.size(),
                Math.max(1, Runtime.getRuntime().availableProcessors())));
        List<Future<String>> made = new ArrayList<>();
        for (List<String[]> run : runs) {
            made.add(pool.submit(() -> made(jar, run)));
        }
        pool.shutdown();
        for (Future<String> result : made) {
            try {
                System.out.println(result.get());
            } catch (ExecutionException e) {
                System.out.println("tuned archive: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Deletes the archives of earlier builds of the jar: each build's jar has archives of other names. */
    private static void forgetArchives(Path jar) {
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(jar.toAbsolutePath().getParent(),
                base(jar) + "-*" + SUFFIX)) {
            for (Path archive : archives) {
                if (archive.getFileName().toString().matches(Pattern.quote(base(jar)) + "-("
                        + String.join("|", COMMANDS) + ")(" + LIVEKIT_SUFFIX + ")?-[0-9a-f]{8}\\" + SUFFIX)) {
                    archive.toFile().setWritable(true);
                    Files.deleteIfExists(archive);
                }
            }
        } catch (IOException e) {
            System.out.println("tuned archive: earlier ones left in place: " + e);
        }
    }

    /** {@code COMMAND CAPTURE --json OPTIONS...} for each capture. */
    private static List<String[]> trainings(String command, List<String> captures, List<String> options) {
        List<String[]> runs = new ArrayList<>();
        for (String capture : captures) {
            List<String> run = new ArrayList<>(List.of(command, capture, "--json"));
            run.addAll(options);
            runs.add(run.toArray(String[]::new));
        }
        return runs;
    }

    private static String made(Path jar, List<String[]> runs) throws InterruptedException {
        String what = String.join(" ", runs.get(0));
        Path archive = archive(jar, runs.get(0));
        try {
            return "tuned archive: " + (train(jar, archive, runs)
                    ? archive + " (" + Files.size(archive) / 1024 + " KB)" : "none for " + what);
        } catch (IOException e) {
            return "tuned archive: none for " + what + ": " + e;
        }
    }

    /**
     * Trains {@code archive} on the runs (all of the same command, hence archive): the classes each loaded, united;
     * false (and no archive) when it could not be made whole.
     */
    static boolean train(Path jar, Path archive, List<String[]> runs) throws IOException, InterruptedException {
        // names of this build's own, should another build of the same folder run at the same time
        String own = "." + ProcessHandle.current().pid() + ".tmp";
        Path list = archive.resolveSibling(archive.getFileName() + ".classes" + own);
        Path runList = archive.resolveSibling(archive.getFileName() + ".run" + own);
        Path written = archive.resolveSibling(archive.getFileName() + own);
        // the JVM writes archives read-only, which Windows would not delete
        for (Path old : List.of(archive, list, runList, written)) {
            old.toFile().setWritable(true);
            Files.deleteIfExists(old);
        }
        try {
            // in the order first loaded, each line once (a class, a lambda's or a method handle's form)
            Set<String> lines = new LinkedHashSet<>();
            for (String[] args : runs) {
                Files.deleteIfExists(runList);
                if (!quietRun(TunedRelaunch.command(java(), withOptions("-XX:DumpLoadedClassList=" + runList), jar,
                        args)) || !Files.isRegularFile(runList)) {
                    return false;
                }
                lines.addAll(Files.readAllLines(runList));
            }
            Files.write(list, lines);
            List<String> dump = new ArrayList<>(List.of(java().toString()));
            dump.addAll(withOptions("-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + written, "-cp", jar.toString()));
            if (!quietRun(dump) || !Files.isRegularFile(written)) {
                return false;
            }
            // a crash report, if an archive cut short brings one, goes with the archive instead of the build's folder
            List<String> check = withOptions("-Xshare:on", "-XX:SharedArchiveFile=" + written,
                    "-XX:ErrorFile=" + archive.resolveSibling("hs_err_tuned_archive_%p.log"));
            if (!quietRun(TunedRelaunch.command(java(), check, jar, new String[] {"--version"}))) {
                return false;
            }
            Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            written.toFile().setWritable(true);
            Files.deleteIfExists(written);
            Files.deleteIfExists(list);
            Files.deleteIfExists(runList);
        }
    }

    private static List<String> withOptions(String... extra) {
        List<String> options = new ArrayList<>(TunedRelaunch.launcherOptions());
        options.addAll(List.of(extra));
        return options;
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static boolean quietRun(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
