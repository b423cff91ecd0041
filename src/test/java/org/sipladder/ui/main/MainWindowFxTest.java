package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallSummary;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.TestCaptures;
import org.sipladder.ui.calls.CallRow;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.CaptureLoader;
import org.sipladder.ui.load.LoadObserver;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.FxTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window end to end on captures built in code, with the real reading pipeline. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    @TempDir
    static Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    /** Lets a test hold the reader after its first snapshot; open by default. */
    private volatile CountDownLatch holdAfterFirstSnapshot = new CountDownLatch(0);
    private MainWindow window;

    @Start
    void start(Stage stage) {
        AtomicLong fakeNanos = new AtomicLong();
        // A clock that jumps a second per reading makes the loader snapshot after every message.
        PipelineCaptureLoader real = new PipelineCaptureLoader(() -> fakeNanos.addAndGet(1_000_000_000L));
        CaptureLoader holding = (path, observer) -> real.load(path, new HoldingObserver(observer));
        window = MainWindow.show(stage, new AppServices(holding, new FxTaskExecutor(),
                new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { }, owner -> dialogs,
                new SdkLiveKitConfigSource(), java.util.Map.of(), Diagnoser.standard()));
    }

    @Test
    void listsOneRowPerCallColouredByOutcome(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));

        TableView<CallRow> table = robot.lookup("#callTable").queryTableView();
        assertEquals(List.of("answered-1", "busy-2", "a-leg-3"), table.getItems().stream().map(CallRow::id).toList());
        CallRow b2bua = table.getItems().get(2);
        assertEquals(2, b2bua.legs());
        assertEquals(3, b2bua.hops());
        assertEquals("603 Decline", b2bua.statusText());
        Set<String> classes = robot.lookup(".status-cell").queryAll().stream()
                .filter(n -> ((TableCell<?, ?>) n).getText() != null)
                .flatMap(n -> n.getStyleClass().stream()).filter(s -> s.startsWith("status-") && !s.equals("status-cell"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("status-success", "status-warning", "status-failure"), classes);
        assertTrue(robot.lookup("#statusLabel").queryLabeled().getText().startsWith("3 calls, 11 SIP messages"));
    }

    @Test
    void theCallListHasCallIdAndMethodColumnsThatCanBeHiddenAndAColourLegend(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        TableView<CallRow> table = robot.lookup("#callTable").queryTableView();
        TableColumn<?, ?> callId = column(table, "callIdColumn");
        TableColumn<?, ?> method = column(table, "methodColumn");
        for (int i = 0; i < table.getItems().size(); i++) {
            assertEquals(table.getItems().get(i).callId(), callId.getCellData(i));
            assertEquals("INVITE", method.getCellData(i));
        }
        assertTrue(table.isTableMenuButtonVisible(), "the + button that hides columns");
        robot.interact(() -> callId.setVisible(false));
        assertFalse(table.getVisibleLeafColumns().contains(callId));
        robot.interact(() -> callId.setVisible(true));

        List<String> legend = robot.lookup("#statusLegend").queryAs(HBox.class).getChildren().stream()
                .map(n -> ((Labeled) n).getText().replace("\u25cf ", "")).toList();
        assertEquals(List.of("2xx answered", "3xx/4xx", "5xx/6xx", "no final response"), legend);
    }

    private static TableColumn<?, ?> column(TableView<?> table, String id) {
        return table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + id));
    }

    @Test
    void filteringNarrowsTheList(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        robot.clickOn("#callFilter").write("4940222");
        // The filter runs in the background once typing pauses.
        waitUntil(() -> !window.viewModel().callList().filteringProperty().get());
        TableView<CallRow> table = robot.lookup("#callTable").queryTableView();
        assertEquals(List.of("busy-2"), table.getItems().stream().map(CallRow::id).toList());
        robot.doubleClickOn("#callFilter").eraseText(7).write(TestCaptures.LIVEKIT);
        waitUntil(() -> !window.viewModel().callList().filteringProperty().get());
        assertEquals(List.of("a-leg-3"), table.getItems().stream().map(CallRow::id).toList());
    }

    @Test
    void keyboardMovesTheCallSelectionAndTheMessageShowsItsHeaders(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        TableView<CallRow> table = robot.lookup("#callTable").queryTableView();
        // A failed call is preselected so the interesting ladder shows at once.
        assertTrue(table.getSelectionModel().getSelectedItem().flow().failed());
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().select(0);
            table.getFocusModel().focus(0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("answered-1", table.getSelectionModel().getSelectedItem().id());
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("busy-2", table.getSelectionModel().getSelectedItem().id());
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("a-leg-3", table.getSelectionModel().getSelectedItem().id());
        assertEquals("a-leg-3", window.viewModel().selectedFlowProperty().get().id());

        robot.clickOn("Messages");
        robot.clickOn("503 Try again later (1 INVITE)");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> headers = robot.lookup("#inspectorHeaders").queryTableView();
        assertEquals("Status", ((org.sipladder.ui.inspector.HeaderRow) headers.getItems().get(0)).name());
        assertEquals("503 Try again later", ((org.sipladder.ui.inspector.HeaderRow) headers.getItems().get(0)).value());
    }

    @Test
    void ladderColumnsAreTitledWithRolesAndClickingAnArrowShowsItsHeaders(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        robot.interact(() -> window.viewModel().callList().selectedRowProperty().set(
                window.viewModel().callList().rows().get(2)));
        robot.clickOn("Ladder");
        WaitForAsyncUtils.waitForFxEvents();

        var layout = window.ladder().getLadderLayout();
        assertEquals(List.of("Carrier", "Jambonz", "LiveKit"),
                layout.columns().stream().map(c -> c.hop().role().displayName()).toList());
        String titles = layout.columns().stream().map(c -> c.title().text() + " " + c.subtitle().text())
                .collect(Collectors.joining(" | "));
        assertTrue(titles.contains("Carrier") && titles.contains(TestCaptures.CARRIER)
                && titles.contains("LiveKit") && titles.contains(TestCaptures.LIVEKIT), titles);

        int row = 0;
        while (layout.row(row).message().message().status() != 503) {
            row++;
        }
        javafx.geometry.Bounds bounds = window.ladder().messageBounds(row).orElseThrow();
        robot.clickOn(window.ladder().localToScreen(new javafx.geometry.Point2D(
                (bounds.getMinX() + bounds.getMaxX()) / 2, (bounds.getMinY() + bounds.getMaxY()) / 2)));
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> headers = robot.lookup("#inspectorHeaders").queryTableView();
        assertEquals("503 Try again later", ((org.sipladder.ui.inspector.HeaderRow) headers.getItems().get(0)).value());
        assertEquals("b-leg-3", ((org.sipladder.ui.inspector.HeaderRow) headers.getItems().get(3)).value());
    }

    @Test
    void cancelStopsALargeLoadAndKeepsWhatWasRead(FxRobot robot) throws Exception {
        Path big = TestCaptures.manyCalls(dir, 20_000);
        holdAfterFirstSnapshot = new CountDownLatch(1);
        robot.interact(() -> window.viewModel().open(CaptureSource.file(big)));
        waitUntil(() -> robot.lookup("#cancelLoad").tryQuery().map(n -> n.isVisible()).orElse(false));

        robot.clickOn("#cancelLoad");
        holdAfterFirstSnapshot.countDown();
        waitUntil(() -> !window.viewModel().loadingProperty().get());

        int rows = robot.lookup("#callTable").queryTableView().getItems().size();
        assertTrue(rows > 0 && rows < 20_000, rows + " rows");
        assertTrue(window.viewModel().statusProperty().get().contains("stopped at"), window.viewModel().statusProperty().get());
        assertFalse(robot.lookup("#cancelLoad").query().isVisible());
        assertTrue(dialogs.errors.isEmpty());
    }

    @Test
    void aFileThatIsNotACaptureGivesOneErrorAndTheWindowStaysUsable(FxRobot robot) throws Exception {
        Path notes = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not a capture at all");
        open(notes);
        assertEquals(1, dialogs.errors.size(), dialogs.errors.toString());
        assertTrue(dialogs.errors.get(0).contains("notes.txt"), dialogs.errors.get(0));
        open(TestCaptures.threeCalls(dir));
        assertEquals(3, robot.lookup("#callTable").queryTableView().getItems().size());
    }

    private void open(Path capture) throws TimeoutException {
        javafx.application.Platform.runLater(() -> window.viewModel().open(CaptureSource.file(capture)));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> !window.viewModel().loadingProperty().get());
        // The diagnosis runs after the read; let it finish so it cannot race the clicks of a test.
        waitUntil(() -> !window.findings().summaryProperty().get().startsWith("Diagnosing"));
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Passes everything on, but can park the reader after the first snapshot until the test lets it go. */
    private final class HoldingObserver implements LoadObserver {
        private final LoadObserver target;

        HoldingObserver(LoadObserver target) {
            this.target = target;
        }

        @Override
        public void progress(long bytesRead, long totalBytes) {
            target.progress(bytesRead, totalBytes);
        }

        @Override
        public void calls(List<CallSummary> snapshot) {
            target.calls(snapshot);
            try {
                holdAfterFirstSnapshot.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void warning(String message) {
            target.warning(message);
        }

        @Override
        public boolean cancelled() {
            return target.cancelled();
        }
    }
}
