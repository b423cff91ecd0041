package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.TestCaptures;
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
 * How many calls the call list shows at common screen sizes: a long list for a capture of hundreds of calls, as sngrep
 * and Wireshark show, with the ladder still roomy; only as many rows as a small capture has calls; and a height the
 * user dragged kept, also in the next window.
 */
@ExtendWith(ApplicationExtension.class)
class CallListHeightFxTest {

    private static final double ROW = 24;

    private final UserPreferences preferences = new UserPreferences(new InMemoryPreferenceStore());
    private final AppServices services = new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
            preferences, ZoneOffset.UTC, text -> { }, owner -> new FakeDialogs(), new SdkLiveKitConfigSource(),
            Map.of(), Diagnoser.standard());

    @Start
    void start(Stage stage) {
        // each test opens a window of its own: the primary stage is shared by every FX test class of the run
    }

    @Test
    void aCaptureOfManyCallsShowsALongListAndStillARoomyLadderAtEachCommonSize(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path capture = TestCaptures.manyCalls(dir, 200);
        int[][] sizes = {{1024, 700, 6, 270}, {1366, 768, 8, 270}, {1920, 1080, 12, 380}, {2560, 1440, 16, 480}};
        for (int[] size : sizes) {
            MainWindow window = open(robot, capture, 1024, 700);
            layOutAt(robot, window, size[0], size[1]);
            double rows = rowsShown(window);
            double ladder = window.view().lookup("#callTabs").getLayoutBounds().getHeight();
            assertEquals(Math.rint(rows), rows, 0.05, "a call cut in half at the bottom: " + rows + " rows at " + size[0]);
            assertTrue(rows >= size[2], rows + " calls shown at " + size[0] + "x" + size[1]);
            assertTrue(ladder >= size[3], "ladder and its tabs " + ladder + " px high at " + size[0] + "x" + size[1]);
        }
    }

    @Test
    void aCaptureOfTwoCallsLeavesNoEmptyRowsAboveTheLadder(FxRobot robot, @TempDir Path dir) throws Exception {
        MainWindow window = open(robot, TestCaptures.manyCalls(dir, 2), 1024, 700);
        layOutAt(robot, window, 1920, 1080);
        double rows = rowsShown(window);
        assertTrue(rows >= 2 && rows < 5, rows + " rows for 2 calls at 1920x1080");
    }

    @Test
    void aHeightTheUserDraggedStaysForTheNextCaptureAndTheNextWindow(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path many = TestCaptures.manyCalls(dir, 200);
        MainWindow window = open(robot, many, 1280, 720);
        SplitPane rows = (SplitPane) window.view().getCenter();
        Node divider = rows.lookupAll(".split-pane-divider").stream().filter(d -> d.getParent() == rows)
                .findFirst().orElseThrow();
        double before = rowsShown(window);
        robot.drag(divider).dropBy(0, 3 * ROW);
        WaitForAsyncUtils.waitForFxEvents();
        double dragged = rowsShown(window);
        assertTrue(dragged >= before + 2.5, before + " rows, " + dragged + " after dragging 3 rows down");

        Path few = TestCaptures.manyCalls(java.nio.file.Files.createDirectories(dir.resolve("few")), 2);
        robot.interact(() -> window.viewModel().open(CaptureSource.file(few)));
        waitForLoad(window);
        assertEquals(dragged, rowsShown(window), 0.5, "the list the user made taller shrank for a small capture");
        robot.interact(() -> window.view().getScene().getWindow().hide()); // saves the layout

        MainWindow next = open(robot, many, 1280, 720);
        assertEquals(dragged, rowsShown(next), 0.5, "the next window forgot the dragged height");
        robot.interact(() -> next.view().getScene().getWindow().hide());
    }

    private MainWindow open(FxRobot robot, Path capture, int width, int height) throws Exception {
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            Stage stage = new Stage();
            window[0] = MainWindow.show(stage, services);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
            window[0].viewModel().open(CaptureSource.file(capture));
        });
        waitForLoad(window[0]);
        return window[0];
    }

    /**
     * Lays the window's content out at {@code width} x {@code height} in a scene of its own: the headless test screen
     * (1280x800) has no room to paint a window larger than itself.
     */
    private static void layOutAt(FxRobot robot, MainWindow window, int width, int height) {
        robot.interact(() -> {
            Scene shown = window.view().getScene();
            shown.getWindow().hide();
            shown.setRoot(new Pane());
            Scene scene = new Scene(window.view(), width, height);
            scene.getStylesheets().setAll(shown.getStylesheets());
            for (int pass = 0; pass < 3; pass++) {
                window.view().applyCss();
                window.view().layout();
            }
        });
    }

    private static void waitForLoad(MainWindow window) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.viewModel().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Rows of calls that fit in the table below its header. */
    private static double rowsShown(MainWindow window) {
        TableView<?> table = (TableView<?>) window.view().lookup("#callTable");
        Region header = (Region) table.lookup(".column-header-background");
        return (table.getHeight() - header.getHeight() - table.snappedTopInset() - table.snappedBottomInset()) / ROW;
    }
}
