package org.sipladder.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.sipladder.ui.dialog.FxClipboardService;
import org.sipladder.ui.dialog.FxDialogService;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.main.AppServices;
import org.sipladder.ui.main.CaptureSource;
import org.sipladder.ui.main.DemoCapture;
import org.sipladder.ui.main.MainWindow;
import org.sipladder.ui.main.MainWindowModels;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.JavaPrefsStore;
import org.sipladder.ui.prefs.PreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.FxTaskExecutor;

/**
 * The desktop app and its composition root: builds the services once and opens the capture named on the
 * command line, or the bundled demo when there is none.
 *
 * <p>System properties for scripted runs: {@code sipladder.prefs=memory} leaves the user's settings alone;
 * {@code sipladder.readyFile=PATH} writes PATH once the first capture and its findings are drawn, with the
 * wall-clock times of the window's first frame and of that frame ({@link ReadySignal}; the start-up
 * measurement reads them); {@code sipladder.readySettleFrames=N} writes it N frames later instead (the
 * screenshot script lets a busy machine finish painting); {@code sipladder.startupTrace=true} prints the
 * start-up steps ({@link StartupTrace}).
 */
public final class SipLadderApp extends Application {

    private static final List<Integer> SMALL_ICON_SIZES = List.of(16, 32, 48, 64);
    private static final List<Integer> LARGE_ICON_SIZES = List.of(128, 256, 512);

    private final StartupTrace trace = StartupTrace.fromSystemProperties();
    private FxTaskExecutor executor;

    /** Keeps JavaFX's start-up chatter (classpath configuration) off the console; held so the setting sticks. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    /**
     * Starts the app and returns when its window is closed; {@code args} is empty (demo) or holds one capture
     * path. Returns 0, or 2 with one line on {@code err} when no window can be opened (no display).
     */
    public static int launchWith(String[] args, PrintStream err) {
        JAVAFX_LOG.setLevel(Level.SEVERE);
        StartupTrace startup = StartupTrace.fromSystemProperties();
        if (SoftwareRendering.chooseIfNoGpu()) {
            startup.mark("no GPU device: software rendering without OpenGL probes");
        }
        startup.mark("starting JavaFX");
        try {
            Application.launch(SipLadderApp.class, args);
            return 0;
        } catch (UnsupportedOperationException | IllegalStateException e) {
            err.println("sipladder: cannot open a window (" + e.getMessage() + "). On a machine without a display,"
                    + " use the command line, e.g. `" + launcher(System.getenv("SIPLADDER_LAUNCHER"),
                    System.getProperty("jpackage.app-path")) + " calls CAPTURE`.");
            return 2;
        }
    }

    /**
     * How the user started the app, to start a command the same way: the checkout's script as typed (it sets
     * {@code SIPLADDER_LAUNCHER}), the packaged launcher by name (jpackage sets {@code jpackage.app-path}), else the jar.
     */
    static String launcher(String script, String appPath) {
        if (script != null && !script.isBlank()) {
            return script;
        }
        if (appPath != null && !appPath.isBlank()) {
            return String.valueOf(java.nio.file.Path.of(appPath).getFileName());
        }
        return "java -jar sipladder.jar";
    }

    @Override
    public void start(Stage stage) {
        trace.mark("JavaFX started");
        executor = new FxTaskExecutor();
        // Nothing here may be slow: the rule catalogue is built by the first diagnosis (on a worker), the LiveKit
        // SDK client only when the user connects.
        AppServices services = new AppServices(new PipelineCaptureLoader(), executor,
                new UserPreferences(preferenceStore()), ZoneId.systemDefault(), new FxClipboardService(),
                FxDialogService::new, new SdkLiveKitConfigSource(), System.getenv(),
                Diagnoser.builtOnFirstUse(Diagnoser::standard));
        MainWindowModels models = new MainWindowModels(stage, services);
        trace.mark("services and view-models built");
        // The first capture loads in the background while the window is built.
        List<String> args = getParameters().getRaw();
        if (args.isEmpty()) {
            models.openDemo(DemoCapture.extract());
        } else {
            traceDiagnosis(models, System.nanoTime());
            // several captures as one, on one timeline, as File > Open and the command line take them
            models.main().open(CaptureSource.files(args.stream().map(Path::of).toList()));
        }
        trace.mark("capture loading");
        addIcons(stage);
        trace.mark("icons loaded; building the window");
        MainWindow.show(stage, models);
        trace.mark("window built and shown");
        watchStartup(models);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.close();
        }
    }

    private static PreferenceStore preferenceStore() {
        if ("memory".equals(System.getProperty("sipladder.prefs"))) {
            return new InMemoryPreferenceStore();
        }
        return new JavaPrefsStore(Preferences.userRoot().node("org/sipladder"));
    }

    /**
     * The small icons are read at once; the large ones (most of the pixels to decode, only used by docks and
     * switchers on large screens) on a worker, added when read.
     */
    private void addIcons(Stage stage) {
        stage.getIcons().addAll(readIcons(SMALL_ICON_SIZES));
        executor.submit(context -> readIcons(LARGE_ICON_SIZES), stage.getIcons()::addAll, error -> { });
    }

    private static List<Image> readIcons(List<Integer> sizes) {
        List<Image> icons = new ArrayList<>();
        for (int size : sizes) {
            String name = "/org/sipladder/icons/sipladder-" + size + ".png";
            try (InputStream in = SipLadderApp.class.getResourceAsStream(name)) {
                if (in != null) {
                    icons.add(new Image(in));
                }
            } catch (IOException e) {
                // An icon that cannot be read leaves the default icon; not worth bothering the user.
            }
        }
        return icons;
    }

    /**
     * With {@code sipladder.loadTrace=true}, prints on stderr when the findings of the capture named on the command
     * line were shown, in ms from the start of its load, beside the loader's lines (scripts/measure-load.sh reads
     * it).
     */
    private static void traceDiagnosis(MainWindowModels models, long loadStarted) {
        if (!Boolean.getBoolean("sipladder.loadTrace")) {
            return;
        }
        boolean[] told = {false};
        models.findings().diagnosingProperty().addListener((obs, was, now) -> {
            if (!now && !told[0] && models.main().captureProperty().get() != null) {
                told[0] = true;
                System.err.printf("load: diagnosis done after %d ms, %d findings%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStarted),
                        models.findings().findingCount());
            }
        });
    }

    /** Traces the start-up steps and, for scripted runs, writes the ready file (see the class comment). */
    private void watchStartup(MainWindowModels models) {
        models.main().captureProperty().addListener((obs, old, capture) -> trace.mark("capture read"));
        models.findings().diagnosingProperty().addListener((obs, was, now) -> trace.mark(now ? "diagnosing" : "diagnosed"));
        String readyFile = System.getProperty("sipladder.readyFile");
        if (readyFile == null && !trace.enabled()) {
            return;
        }
        ReadySignal signal = new ReadySignal(Integer.getInteger("sipladder.readySettleFrames", 0));
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                long wallMillis = System.currentTimeMillis();
                boolean ready = signal.frame(wallMillis, !models.busyProperty().get());
                if (signal.windowMillis() == wallMillis) {
                    trace.markAt("first frame drawn", wallMillis);
                }
                if (signal.shownMillis() == wallMillis) {
                    trace.markAt("capture and findings drawn", wallMillis);
                    trace.threadTimes();
                }
                if (ready) {
                    stop();
                    writeReadyFile(readyFile, signal.report(models.main().statusProperty().get()));
                }
            }
        }.start();
    }

    private static void writeReadyFile(String readyFile, String report) {
        if (readyFile == null) {
            return;
        }
        Path target = Path.of(readyFile).toAbsolutePath();
        try {
            // Written beside and moved in place, so a script polling for the file never reads half of it.
            Path partial = Files.writeString(target.resolveSibling(target.getFileName() + ".partial"), report);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            System.err.println("Cannot write " + readyFile + ": " + ex.getMessage());
        }
    }
}
