package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.diagnose.Finding;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.TestCaptures;
import org.sipladder.ui.calls.CallRow;
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

/** Defects that cost a new user's trust (issue 15), each reproduced through the window. */
@ExtendWith(ApplicationExtension.class)
class TrustDefectsFxTest {

    @TempDir
    static Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = MainWindow.show(stage, new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
                new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { }, owner -> dialogs,
                new SdkLiveKitConfigSource(), Map.of(), Diagnoser.standard()));
    }

    @Test
    void theDemosConfigGoesWhenAnotherCaptureOpens(FxRobot robot) throws Exception {
        openDemo(robot);

        open(TestCaptures.threeCalls(dir));

        assertTrue(window.liveKitConfig().configProperty().get().isEmpty());
        assertTrue(codes().stream().noneMatch(c -> c.startsWith("LK_TRUNK") || c.startsWith("LK_RULE")), codes().toString());
        assertTrue(window.viewModel().statusProperty().get().contains("LiveKit config"),
                window.viewModel().statusProperty().get());
    }

    @Test
    void liveKitMenuUnloadsTheConfig(FxRobot robot) throws Exception {
        openDemo(robot);
        robot.clickOn("#menuLiveKit").clickOn("Unload config");
        waitUntil(() -> !window.findings().diagnosingProperty().get());
        assertTrue(window.liveKitConfig().configProperty().get().isEmpty());
        assertTrue(codes().stream().noneMatch(c -> c.startsWith("LK_TRUNK")), codes().toString());
    }

    @Test
    void aFileThatIsNotACaptureLeavesWhatWasShown(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        String title = window.viewModel().titleProperty().get();
        String status = window.viewModel().statusProperty().get();
        CallRow selected = window.viewModel().callList().selectedRowProperty().get();
        FlowMessage message = window.viewModel().selectedMessageProperty().get();
        List<Finding> findings = shownFindings();
        var layout = window.ladder().getLadderLayout();

        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a capture at all");
        open(notes);

        assertEquals(1, dialogs.errors.size(), dialogs.errors.toString());
        assertTrue(dialogs.errors.get(0).contains("notes.txt"), dialogs.errors.get(0));
        assertEquals(title, window.viewModel().titleProperty().get());
        assertEquals(status, window.viewModel().statusProperty().get());
        assertEquals(3, robot.lookup("#callTable").queryTableView().getItems().size());
        assertSame(selected, window.viewModel().callList().selectedRowProperty().get());
        assertSame(message, window.viewModel().selectedMessageProperty().get());
        assertEquals(findings, shownFindings());
        assertSame(layout, window.ladder().getLadderLayout());
        assertTrue(window.viewModel().recentFiles().stream().noneMatch(p -> p.endsWith("notes.txt")));
    }

    @Test
    void upAndDownAfterClickingAMessageMoveTheLadderSelection(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        robot.interact(() -> window.viewModel().callList().selectedRowProperty().set(
                window.viewModel().callList().rows().get(2)));
        robot.clickOn("Ladder");
        var layout = window.ladder().getLadderLayout();
        Bounds bounds = window.ladder().messageBounds(1).orElseThrow();
        robot.clickOn(window.ladder().localToScreen(new Point2D(bounds.getCenterX(), bounds.getCenterY())));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(layout.row(1).message(), window.viewModel().selectedMessageProperty().get());

        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(layout.row(2).message(), window.viewModel().selectedMessageProperty().get());
        assertEquals("Ladder", window.view().selectedCallTab());
        robot.type(KeyCode.UP);
        robot.type(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(layout.row(0).message(), window.viewModel().selectedMessageProperty().get());
        assertEquals("Ladder", window.view().selectedCallTab());
    }

    @Test
    void aFilterThatHidesTheSelectedCallClearsItsLadderAndSaysWhenNothingMatches(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        assertNotNull(window.ladder().viewModel().flowProperty().get());
        robot.interact(() -> window.viewModel().callList().filterTextProperty().set("4940111"));
        waitUntil(() -> window.viewModel().callList().visibleRows().size() == 1);
        CallFlow shown = window.ladder().viewModel().flowProperty().get();
        assertTrue(shown == null || shown.id().equals("answered-1"), String.valueOf(shown));
        assertTrue(window.findings().selectedFindingProperty().get() == null
                || "answered-1".equals(window.findings().selectedFindingProperty().get().flowId()));

        robot.interact(() -> window.viewModel().callList().filterTextProperty().set("nobody-calls-this"));
        waitUntil(() -> window.viewModel().callList().visibleRows().isEmpty());
        assertNull(window.ladder().viewModel().flowProperty().get());
        TableView<?> table = robot.lookup("#callTable").queryTableView();
        assertEquals("No calls match \u201cnobody-calls-this\u201d. Clear the filter to see all 3 calls.",
                ((Label) table.getPlaceholder()).getText());
        assertEquals("0 of 3 calls", robot.lookup("#callCount").queryLabeled().getText());
        robot.interact(() -> window.viewModel().callList().filterTextProperty().set(""));
        waitUntil(() -> window.viewModel().callList().visibleRows().size() == 3);
        assertEquals("3 calls", robot.lookup("#callCount").queryLabeled().getText());
    }

    @Test
    void structuredFiltersOnABuiltCaptureAndTheLadderAndFindingsFollowTheFilteredSelection(FxRobot robot)
            throws Exception {
        open(TestCaptures.threeCalls(dir));
        // The demo's trunks claim the number the built capture's LiveKit leg dials: LK_TRUNK_CONFLICT on that call.
        robot.interact(() -> window.liveKitConfig().loadFiles(DemoCapture.extract().configFiles()));
        waitUntil(() -> !window.busyProperty().get() && codes().contains("LK_TRUNK_CONFLICT"));
        robot.interact(() -> window.viewModel().callList().selectedRowProperty().set(
                window.viewModel().callList().rows().get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("answered-1", window.ladder().viewModel().flowProperty().get().id());

        robot.clickOn("#callFilter").write("status:5xx");
        waitUntil(() -> shownCalls().equals(List.of("a-leg-3")));
        assertEquals("a-leg-3", window.ladder().viewModel().flowProperty().get().id());
        Finding selected = window.findings().selectedFindingProperty().get();
        assertEquals("a-leg-3", selected.flowId());
        assertTrue(selected.primary(), selected.toString());

        robot.interact(() -> window.viewModel().callList().filterTextProperty().set("failed"));
        waitUntil(() -> shownCalls().equals(List.of("busy-2", "a-leg-3")));

        robot.interact(() -> window.viewModel().callList().filterTextProperty().set("finding:LK_TRUNK_CONFLICT"));
        waitUntil(() -> shownCalls().equals(List.of("a-leg-3")));
        assertEquals("a-leg-3", window.ladder().viewModel().flowProperty().get().id());
        assertEquals("1 of 3 calls", robot.lookup("#callCount").queryLabeled().getText());
    }

    private List<String> shownCalls() {
        TableView<CallRow> table = new FxRobot().lookup("#callTable").queryTableView();
        return table.getItems().stream().map(CallRow::id).toList();
    }

    @Test
    void zoomAcceleratorsReadAsKeysAndWork(FxRobot robot) throws Exception {
        MenuItem actual = window.view().menu().viewMenu().getItems().stream()
                .filter(i -> "_Actual size".equals(i.getText())).findFirst().orElseThrow();
        assertEquals("Ctrl+0", actual.getAccelerator().getDisplayText());
        open(TestCaptures.threeCalls(dir));
        robot.interact(() -> window.ladder().viewModel().zoomProperty().set(2.0));
        robot.clickOn("#callTable");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, window.ladder().viewModel().zoomProperty().get(), 1e-9);
        Menu view = window.view().menu().viewMenu();
        assertTrue(view.getItems().stream().noneMatch(i -> i.getAccelerator() != null
                && i.getAccelerator().getDisplayText().matches(".*[A-Z]{3,}.*")));
    }

    private List<String> codes() {
        return shownFindings().stream().map(f -> String.valueOf(f.code())).toList();
    }

    /** The findings the panel lists, each call's worked out as when the call is shown. */
    private List<Finding> shownFindings() {
        return List.copyOf(window.findings().groups()).stream().flatMap(g -> g.findings().stream()).toList();
    }

    private void openDemo(FxRobot robot) throws Exception {
        robot.interact(() -> window.openDemo(DemoCapture.extract()));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.viewModel().loadingProperty().get()
                && !window.liveKitConfig().trunks().isEmpty() && !window.findings().diagnosingProperty().get()
                && codes().contains("LK_TRUNK_CONFLICT"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void open(Path capture) throws Exception {
        javafx.application.Platform.runLater(() -> window.viewModel().open(CaptureSource.file(capture)));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> !window.viewModel().loadingProperty().get());
        waitUntil(() -> !window.findings().diagnosingProperty().get());
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
