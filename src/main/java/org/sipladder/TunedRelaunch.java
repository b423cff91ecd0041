package org.sipladder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Runs {@code java -jar sipladder.jar ...} on a large capture or LiveKit config in a second JVM started with the packaged launcher's
 * options (jpackage.cfg), so that the commands the README gives are as fast and lean as the installed app.
 *
 * <p>The JVM's defaults on this kind of machine (G1, a quarter of the memory as heap, both JIT compilers) took 3.6 s
 * and 839 MB for the 352 MB benchmark capture against 3.1 s and 313 MB with the launcher's options. Starting a
 * second JVM costs about a tenth of a second, more than a small capture gains, so only runs whose capture files
 * add up to {@link #THRESHOLD_BYTES} restart; a JVM that already runs with the options (the packaged launcher, the
 * restarted JVM: {@link #TUNED_PROPERTY}) or with options of the user's own never does. The restarted JVM maps the
 * command's class-data archive when the build left one beside the jar ({@link TunedArchives}).
 */
final class TunedRelaunch {

    /** Set by jpackage.cfg and by the restart: this JVM already runs with the launcher's options. */
    static final String TUNED_PROPERTY = "sipladder.tuned";

    /** Set to anything to never restart (e.g. to profile the jar as started). */
    static final String DISABLE_VARIABLE = "SIPLADDER_NO_RELAUNCH";

    /** Capture bytes from which the restart pays for itself (measured on the benchmark captures: README). */
    static final long THRESHOLD_BYTES = 48L << 20;

    /**
     * LiveKit config bytes from which the restart pays: a config costs far more CPU per byte than a capture (java -jar
     * diagnose --json at load 9: 5,000 dispatch rules, 0.85 MB, 1.9 -> 0.9 s CPU; 100,000 trunks, 15 MB, 4.7 s CPU and
     * 430 MB -> 2.6 s and 200 MB with the launcher's options).
     */
    static final long CONFIG_THRESHOLD_BYTES = 1L << 20;

    private static final String CONFIG_OPTION = "--livekit-config";

    /** Environment variables whose JVM options the java launcher or the JVM itself picks up. */
    private static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

    private static final String OPTIONS_RESOURCE = "/org/sipladder/jpackage.cfg";
    private static final String OPTION_PREFIX = "--java-options ";

    private TunedRelaunch() {
    }

    /**
     * Restarts the program with the launcher's JVM options when that is worth it and returns the restarted
     * program's exit status; empty when this JVM should run the program itself.
     */
    static OptionalInt runTunedIfWorthIt(String[] args) {
        if (System.getProperty(TUNED_PROPERTY) != null || System.getenv(DISABLE_VARIABLE) != null || !worthIt(args)) {
            return OptionalInt.empty();
        }
        Path jar = runningJar();
        List<String> options = new ArrayList<>(launcherOptions());
        if (jar == null || options.isEmpty() || startedWithOptions()) {
            return OptionalInt.empty();
        }
        options.addAll(TunedArchives.options(TunedArchives.archive(jar, args)));
        List<String> command = command(Path.of(System.getProperty("java.home"), "bin", "java"), options, jar, args);
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            Thread stopChild = new Thread("stop-tuned-jvm") {
                @Override
                public void run() {
                    child.destroy();
                }
            };
            Runtime.getRuntime().addShutdownHook(stopChild);
            int status = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopChild);
            return OptionalInt.of(status);
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /** True when this JVM was started with JVM options (the user's own: they are kept, so it does not restart). */
    private static boolean startedWithOptions() {
        String[] arguments = ProcessHandle.current().info().arguments().orElse(null);
        boolean plain = arguments != null && plainJarStart(arguments, System.getenv());
        // the management bean knows in every case, but loading it cost ~50 ms of each start of the jar
        return !plain && !ManagementFactory.getRuntimeMXBean().getInputArguments().isEmpty();
    }

    /**
     * True when the process's arguments show {@code java -jar JAR ...} with no JVM option: none before
     * {@code -jar} and no option variable set. False when they do not tell (an option, {@code -cp}, an argument file).
     */
    static boolean plainJarStart(String[] processArguments, Map<String, String> environment) {
        for (String variable : OPTION_VARIABLES) {
            if (environment.get(variable) != null) {
                return false;
            }
        }
        return processArguments.length > 1 && "-jar".equals(processArguments[0]);
    }

    /** The restart's command line: this JVM's java, the options, the marker, the jar's launcher and the arguments. */
    static List<String> command(Path java, List<String> options, Path jar, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.add("-D" + TUNED_PROPERTY + "=true");
        command.add("-cp");
        command.add(jar.toString());
        command.add(Launcher.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** True when the files the arguments name are large enough for the restart to pay. */
    static boolean worthIt(String[] args) {
        return captureBytes(args) >= THRESHOLD_BYTES || configBytes(args) >= CONFIG_THRESHOLD_BYTES;
    }

    /** Bytes of the files given as {@code --livekit-config FILE} or {@code --livekit-config=FILE}. */
    static long configBytes(String[] args) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CONFIG_OPTION) && i + 1 < args.length) {
                files.add(args[++i]);
            } else if (args[i].startsWith(CONFIG_OPTION + "=")) {
                files.add(args[i].substring(CONFIG_OPTION.length() + 1));
            }
        }
        return captureBytes(files.toArray(new String[0]));
    }

    /** Bytes of the arguments that name existing files: the captures (and configs, small beside a large capture). */
    static long captureBytes(String[] args) {
        long total = 0;
        for (String arg : args) {
            try {
                Path path = Path.of(arg);
                if (Files.isRegularFile(path)) {
                    total += Files.size(path);
                }
            } catch (InvalidPathException | IOException | SecurityException e) {
                // not a file we can size: an option, a Call-ID, an address
            }
        }
        return total;
    }

    /** The {@code --java-options} of jpackage.cfg that name no file inside the app image. */
    static List<String> launcherOptions() {
        try (InputStream in = TunedRelaunch.class.getResourceAsStream(OPTIONS_RESOURCE)) {
            return in == null ? List.of() : launcherOptions(in);
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<String> launcherOptions(InputStream cfg) throws IOException {
        List<String> options = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(cfg, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith(OPTION_PREFIX) && !line.contains("$APPDIR")) {
                String option = line.substring(OPTION_PREFIX.length()).trim();
                if (!option.equals("-D" + TUNED_PROPERTY + "=true")) {
                    options.add(option);
                }
            }
        }
        return options;
    }

    private static Path runningJar() {
        CodeSource source = TunedRelaunch.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
