package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.FxTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's start-up order: the demo starts loading before the window is built, the rule catalogue is built by
 * the first diagnosis, and the window still ends up showing the failed call, its ladder and its primary cause.
 */
@ExtendWith(ApplicationExtension.class)
class DemoOpenedBeforeTheWindowFxTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private final AtomicInteger enginesBuilt = new AtomicInteger();
    private MainWindowModels models;
    private MainWindow window;
    private boolean busyWhenShown;

    @Start
    void start(Stage stage) {
        AppServices services = new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
                new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { }, owner -> dialogs,
                new SdkLiveKitConfigSource(), Map.of(), Diagnoser.builtOnFirstUse(() -> {
                    enginesBuilt.incrementAndGet();
                    return Diagnoser.standard();
                }));
        models = new MainWindowModels(stage, services);
        models.openDemo(DemoCapture.extract());
        window = MainWindow.show(stage, models);
        busyWhenShown = window.busyProperty().get();
    }

    @Test
    void theDemoLoadedMeanwhileIsShownWithItsPrimaryCause(FxRobot robot) throws Exception {
        assertTrue(busyWhenShown, "the demo and its config were still being read when the window appeared");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertNotNull(window.viewModel().captureProperty().get());
        assertEquals(1, models.callList().visibleRows().size());
        assertTrue(window.viewModel().selectedFlowProperty().get().failed());
        assertTrue(window.ladder().getLadderLayout().rowCount() > 0, "the ladder shows the selected call");
        Finding selected = window.findings().selectedFindingProperty().get();
        assertNotNull(selected, "the failed call opens on its primary cause");
        assertEquals(FindingCode.LK_TRUNK_CONFLICT, selected.code());
        assertFalse(window.liveKitConfig().trunks().isEmpty());
        assertEquals(1, enginesBuilt.get(), "one rule catalogue, built by the first diagnosis");
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
    }
}
