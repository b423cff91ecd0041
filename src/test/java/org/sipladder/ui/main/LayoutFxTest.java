package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.FxTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The split positions a user set come back in the next window (issue 15). */
@ExtendWith(ApplicationExtension.class)
class LayoutFxTest {

    private final AppServices services = new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
            new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { }, owner -> new FakeDialogs(),
            new SdkLiveKitConfigSource(), Map.of(), DiagnosisEngine.standard()::diagnose);
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = MainWindow.show(stage, services);
    }

    @Test
    void splitPositionsSetByTheUserComeBackInTheNextWindow(FxRobot robot) {
        List<Double> set = new ArrayList<>(window.view().dividerPositions());
        set.set(0, 0.25); // call list above the ladder
        set.set(1, 0.62); // ladder above the inspector
        robot.interact(() -> window.view().restoreDividerPositions(set));
        WaitForAsyncUtils.waitForFxEvents();
        List<Double> before = window.view().dividerPositions();
        robot.interact(stage::hide); // saves the layout, as closing the window does

        MainWindow[] next = new MainWindow[1];
        robot.interact(() -> next[0] = MainWindow.show(new Stage(), services));
        WaitForAsyncUtils.waitForFxEvents();
        List<Double> after = next[0].view().dividerPositions();
        assertEquals(before.size(), after.size());
        assertEquals(0.25, after.get(0), 0.02, after.toString());
        assertEquals(0.62, after.get(1), 0.02, after.toString());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i), 0.02, "divider " + i + ": " + before + " -> " + after);
        }
        robot.interact(() -> next[0].view().getScene().getWindow().hide());
    }
}
