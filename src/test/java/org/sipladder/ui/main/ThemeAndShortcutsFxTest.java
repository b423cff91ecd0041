package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

/** The dark theme (from the desktop's setting, or chosen and remembered) and the list of shortcuts. */
@ExtendWith(ApplicationExtension.class)
class ThemeAndShortcutsFxTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private final UserPreferences preferences = new UserPreferences(new InMemoryPreferenceStore());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        // A GTK desktop set to a dark theme says so in GTK_THEME.
        window = MainWindow.show(stage, new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
                preferences, ZoneOffset.UTC, text -> { }, owner -> dialogs, new SdkLiveKitConfigSource(),
                Map.of("GTK_THEME", "Adwaita:dark"), Diagnoser.standard()));
    }

    @Test
    void followsADarkDesktopAndSwitchesFromTheViewMenu(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, window::isDarkTheme);
        assertTrue(stylesheets(robot).stream().anyMatch(s -> s.endsWith("sipladder-dark.css")));

        javafx.scene.control.Menu theme = (javafx.scene.control.Menu) window.view().menu().viewMenu().getItems().stream()
                .filter(i -> "menuTheme".equals(i.getId())).findFirst().orElseThrow();
        robot.interact(() -> theme.getItems().stream().filter(i -> "menuThemelight".equals(i.getId())).findFirst()
                .orElseThrow().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.isDarkTheme());
        assertFalse(stylesheets(robot).stream().anyMatch(s -> s.endsWith("sipladder-dark.css")));
        assertEquals("light", preferences.theme());
    }

    @Test
    void helpListsTheKeyboardShortcuts(FxRobot robot) {
        robot.clickOn("Help").clickOn("Keyboard shortcuts");
        WaitForAsyncUtils.waitForFxEvents();
        // its keys and what they do are lined up in columns with spaces: shown in a monospaced font
        assertEquals(1, dialogs.preformatted.size());
        String shown = dialogs.preformatted.get(0);
        assertTrue(shown.startsWith("Keyboard shortcuts: ") && shown.contains("Ctrl+F"), shown);
    }

    @Test
    void ctrlSlashAndF3PutTheCursorInTheCallFilterAndEscapeLeavesIt(FxRobot robot) {
        javafx.scene.control.TextField filter = robot.lookup("#callFilter").queryAs(javafx.scene.control.TextField.class);
        javafx.scene.Node table = robot.lookup("#callTable").query();
        robot.interact(() -> filter.setText("status:5xx"));
        robot.interact(table::requestFocus);
        assertFalse(filter.isFocused());

        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SLASH)
                .release(javafx.scene.input.KeyCode.SLASH, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(filter.isFocused());
        // its text selected: typing replaces the filter
        assertEquals("status:5xx", filter.getSelectedText());

        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(filter.isFocused());
        assertTrue(table.isFocused());
        assertEquals("status:5xx", filter.getText());

        robot.type(javafx.scene.input.KeyCode.F3);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(filter.isFocused());
    }

    private java.util.List<String> stylesheets(FxRobot robot) {
        return robot.window(0).getScene().getStylesheets();
    }
}
