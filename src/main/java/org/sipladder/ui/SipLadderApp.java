package org.sipladder.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.ui.dialog.FxClipboardService;
import org.sipladder.ui.dialog.FxDialogService;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.main.AppServices;
import org.sipladder.ui.main.CaptureSource;
import org.sipladder.ui.main.DemoCapture;
import org.sipladder.ui.main.MainWindow;
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
 * {@code sipladder.readyFile=PATH} writes PATH once the first capture is read and drawn (the screenshot
 * script waits for it).
 */
public final class SipLadderApp extends Application {

    private static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256, 512);

    private FxTaskExecutor executor;

    /** Keeps JavaFX's start-up chatter (classpath configuration) off the console; held so the setting sticks. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    /**
     * Starts the app and returns when its window is closed; {@code args} is empty (demo) or holds one capture
     * path. Returns 0, or 2 with one line on {@code err} when no window can be opened (no display).
     */
    public static int launchWith(String[] args, PrintStream err) {
        JAVAFX_LOG.setLevel(Level.SEVERE);
        try {
            Application.launch(SipLadderApp.class, args);
            return 0;
        } catch (UnsupportedOperationException | IllegalStateException e) {
            err.println("sipladder: cannot open a window (" + e.getMessage() + "). On a machine without a display,"
                    + " use the command line, e.g. `java -jar sipladder.jar calls CAPTURE`.");
            return 2;
        }
    }

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor();
        AppServices services = new AppServices(new PipelineCaptureLoader(), executor,
                new UserPreferences(preferenceStore()), ZoneId.systemDefault(), new FxClipboardService(),
                FxDialogService::new, new SdkLiveKitConfigSource(), System.getenv(),
                DiagnosisEngine.standard()::diagnose);
        addIcons(stage);
        MainWindow window = MainWindow.show(stage, services);
        List<String> args = getParameters().getRaw();
        if (args.isEmpty()) {
            window.openDemo(DemoCapture.extract());
        } else {
            window.viewModel().open(CaptureSource.file(Path.of(args.get(0))));
        }
        signalReadyWhenLoaded(window);
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

    private static void addIcons(Stage stage) {
        for (int size : ICON_SIZES) {
            String name = "/org/sipladder/icons/sipladder-" + size + ".png";
            try (InputStream in = SipLadderApp.class.getResourceAsStream(name)) {
                if (in != null) {
                    stage.getIcons().add(new Image(in));
                }
            } catch (IOException e) {
                // An icon that cannot be read leaves the default icon; not worth bothering the user.
            }
        }
    }

    private static void signalReadyWhenLoaded(MainWindow window) {
        String readyFile = System.getProperty("sipladder.readyFile");
        if (readyFile == null) {
            return;
        }
        window.viewModel().loadingProperty().addListener((obs, was, loading) -> {
            if (!loading) {
                // Let layout, the ladder and the diagnosis settle for a number of rendered frames before the
                // screenshot: a busy machine can take seconds to paint under a virtual X server.
                new AnimationTimer() {
                    private int frames;

                    @Override
                    public void handle(long now) {
                        if (++frames < 90) {
                            return;
                        }
                        stop();
                        try {
                            Files.writeString(Path.of(readyFile), window.viewModel().statusProperty().get());
                        } catch (IOException ex) {
                            System.err.println("Cannot write " + readyFile + ": " + ex.getMessage());
                        }
                    }
                }.start();
            }
        });
    }
}
