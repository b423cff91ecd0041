package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.TestCaptures;
import org.sipladder.ui.calls.CallRow;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.inspector.HeaderRow;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.FxTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Values leave the window: header values, call rows, the ladder as text; Find walks the call's messages. */
@ExtendWith(ApplicationExtension.class)
class CopyAndFindFxTest {

    @TempDir
    static Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private final List<String> clipboard = new ArrayList<>();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = MainWindow.show(stage, new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
                new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, clipboard::add, owner -> dialogs,
                new SdkLiveKitConfigSource(), Map.of(), Diagnoser.standard()));
    }

    @Test
    void ctrlCOnAHeaderCopiesItsValueAndTheMenuItsLine(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        TableView<HeaderRow> headers = robot.lookup("#inspectorHeaders").queryTableView();
        int callId = indexOf(headers, "Call-ID");
        robot.interact(() -> {
            headers.requestFocus();
            headers.getSelectionModel().select(callId);
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        String value = headers.getItems().get(callId).value();
        assertEquals(value, last());

        robot.interact(() -> menuItem(headers, "Copy header line").fire());
        assertEquals("Call-ID: " + value, last());
    }

    @Test
    void theCallListCopiesACallIdAndARow(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        TableView<CallRow> calls = robot.lookup("#callTable").queryTableView();
        robot.interact(() -> calls.getSelectionModel().select(0));
        CallRow row = calls.getSelectionModel().getSelectedItem();
        robot.interact(() -> menuItem(calls, "Copy Call-ID").fire());
        assertEquals(row.callId(), last());

        robot.interact(calls::requestFocus);
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(last().startsWith("2023-11-14 22:13:2") && last().contains("\t" + row.callId() + "\tINVITE\t"), last());
    }

    @Test
    void rightClickingACallOpensItsMenuAndCopiesThatCallsId(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        TableView<CallRow> calls = robot.lookup("#callTable").queryTableView();
        robot.interact(() -> calls.getSelectionModel().select(0));
        CallRow second = calls.getItems().get(1);
        Node row = robot.lookup((Node n) -> n instanceof TableRow<?> r && r.getItem() == second).query();

        robot.rightClickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(second, calls.getSelectionModel().getSelectedItem(), "the right click selects the call under it");
        // A desktop follows the right press with a menu request; headless Monocle never marks a press as the
        // popup trigger, so the request is sent here as the platform would send it, where the mouse is.
        Bounds at = row.localToScreen(row.getLayoutBounds());
        robot.interact(() -> Event.fireEvent(row, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                at.getWidth() / 2, at.getHeight() / 2, at.getCenterX(), at.getCenterY(), false, null)));
        WaitForAsyncUtils.waitForFxEvents();
        ContextMenu menu = calls.getContextMenu();
        assertTrue(menu.isShowing(), "no menu after a right click on a call");
        assertEquals(List.of("Copy Call-ID", "Copy row", "Save call as pcap..."), menu.getItems().stream()
                .filter(i -> !(i instanceof SeparatorMenuItem)).map(MenuItem::getText).toList());

        robot.clickOn("Copy Call-ID");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(second.callId(), last());
        assertFalse(menu.isShowing());
    }

    @Test
    void findGoesThroughTheMessagesOfTheCallAndSelectsTheText(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        robot.interact(() -> window.viewModel().callList().selectedRowProperty().set(
                window.viewModel().callList().rows().get(2)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("X-CID").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        TextArea raw = robot.lookup("#rawText").query();
        assertEquals("X-CID", raw.getSelectedText());
        assertEquals("INVITE", window.viewModel().selectedMessageProperty().get().message().method());
        assertEquals("b-leg-3", window.viewModel().selectedMessageProperty().get().message().callId());
    }

    @Test
    void copyLadderAsTextPutsTheLadderOnTheClipboardAndSaysSo(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        robot.clickOn("View").clickOn("Copy ladder as text");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(last().contains("INVITE") && last().lines().count() > 3, last());
        assertTrue(window.viewModel().statusProperty().get().startsWith("Ladder copied as text"));
    }

    @Test
    void exportsAreConfirmedInTheStatusLine(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        Path svg = dir.resolve("ladder.svg");
        dialogs.filesToSave.push(Optional.of(svg));
        robot.clickOn("File").clickOn("Export ladder as SVG...");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Ladder saved as " + svg, window.viewModel().statusProperty().get());
    }

    @Test
    void ladderExportsSuggestTheCallsNameSoThatSeveralLaddersDoNotOverwriteEachOther(FxRobot robot) throws Exception {
        open(TestCaptures.threeCalls(dir));
        String id = window.viewModel().selectedFlowProperty().get().id();
        robot.clickOn("File").clickOn("Export ladder as SVG...");
        robot.clickOn("File").clickOn("Export ladder as PNG...");
        WaitForAsyncUtils.waitForFxEvents();
        String name = "ladder-" + id.replaceAll("[^A-Za-z0-9._-]", "_");
        assertEquals(List.of(name + ".svg", name + ".png"), dialogs.suggestedNames);
    }

    /** The item of a table's context menu, fired directly. */
    private static MenuItem menuItem(TableView<?> table, String text) {
        return table.getContextMenu().getItems().stream().filter(i -> text.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + text + " in the context menu"));
    }

    private String last() {
        return clipboard.isEmpty() ? "" : clipboard.get(clipboard.size() - 1);
    }

    private static int indexOf(TableView<HeaderRow> headers, String name) {
        for (int i = 0; i < headers.getItems().size(); i++) {
            if (headers.getItems().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no " + name + " header");
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
