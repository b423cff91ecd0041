package org.sipladder.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.SipParser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.LoadObserver;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.main.DemoCapture;

/**
 * The training run behind the app's class-data-sharing archive (run with {@code -XX:ArchiveClassesAtExit} by
 * {@code packaging/cds-archive.sh}, which needs no display): does the start-up's work that needs no screen
 * (reads the bundled demo and its LiveKit config with the app's own services, diagnoses it, fully parses its
 * messages as the inspector does), then loads without initialising every application class and the JavaFX
 * and ControlsFX classes a real start-up loaded ({@code startup-classes.txt}, made by
 * {@code scripts/cds-classlist.sh}). The JVM then archives all of them, parsed and verified.
 */
public final class StartupTraining {

    static final String CLASS_LIST = "/org/sipladder/ui/startup-classes.txt";
    private static final String APP_PACKAGE = "org/sipladder/";

    /** What a training run did. */
    record Result(int findings, int classesLoaded, List<String> missing) {
    }

    private StartupTraining() {
    }

    /** Runs the training and prints what it did; 0 when the demo was diagnosed, 1 otherwise. */
    public static int run(PrintWriter out, PrintWriter err) {
        try {
            Result result = train();
            out.println("start-up training: demo diagnosed (" + result.findings() + " findings), "
                    + result.classesLoaded() + " classes loaded, " + result.missing().size()
                    + " listed classes missing" + (result.missing().isEmpty() ? ""
                    : " (run scripts/cds-classlist.sh): " + String.join(", ", result.missing().subList(0,
                    Math.min(5, result.missing().size())))));
            out.flush();
            return result.findings() > 0 ? 0 : 1;
        } catch (Exception e) {
            err.println("sipladder: start-up training failed: " + e);
            err.flush();
            return 1;
        }
    }

    static Result train() throws Exception {
        int findings = diagnoseDemo();
        List<String> names = new ArrayList<>(applicationClasses());
        names.addAll(listedClasses());
        List<String> missing = new ArrayList<>();
        int loaded = 0;
        ClassLoader loader = StartupTraining.class.getClassLoader();
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        return new Result(findings, loaded, missing);
    }

    private static int diagnoseDemo() throws Exception {
        DemoCapture demo = DemoCapture.extract();
        LoadedCapture capture = new PipelineCaptureLoader().load(demo.capture().path(), LoadObserver.none());
        LiveKitConfig config = new SdkLiveKitConfigSource().loadFiles(demo.configFiles());
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(capture.flows(), config);
        SipParser inspectorParser = new SipParser();
        for (CallFlow flow : capture.flows()) {
            for (FlowMessage message : flow.messages()) {
                inspectorParser.fullParse(message.message());
            }
        }
        return diagnosis.findings().size();
    }

    /** The JavaFX, ControlsFX and JDK classes a real start-up loaded, one binary name a line. */
    static List<String> listedClasses() throws IOException {
        try (InputStream in = StartupTraining.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                throw new IOException(CLASS_LIST + " is missing from this build");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    /** Every class of ours, from the jar or class folder this class came from. */
    private static List<String> applicationClasses() throws IOException, URISyntaxException {
        Path origin = Path.of(StartupTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(origin)) {
            try (Stream<Path> files = Files.walk(origin.resolve(APP_PACKAGE))) {
                return files.map(f -> origin.relativize(f).toString().replace('\\', '/'))
                        .filter(StartupTraining::isClassFile).map(StartupTraining::className).toList();
            }
        }
        try (JarFile jar = new JarFile(origin.toFile())) {
            return jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(APP_PACKAGE) && isClassFile(n)).map(StartupTraining::className).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean isClassFile(String path) {
        return path.endsWith(".class") && !path.endsWith("module-info.class");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
