package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.ladder.LadderLayout;
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

/** The bundled demo end to end: capture, seed LiveKit config, diagnosis, findings panel and ladder marks. */
@ExtendWith(ApplicationExtension.class)
class DemoFindingsFxTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = MainWindow.show(stage, new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
                new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { }, owner -> dialogs,
                new SdkLiveKitConfigSource(), Map.of(), Diagnoser.standard()));
    }

    @Test
    void selectingThePrimaryFindingHighlightsThe503Arrow(FxRobot robot) throws Exception {
        robot.interact(() -> window.openDemo(DemoCapture.extract()));
        // Until the diagnosis with the config is shown, the list holds the capture's findings alone.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.busyProperty().get()
                && shownFindings().stream().anyMatch(f -> f.code() == FindingCode.LK_RULE_NO_AGENT));
        WaitForAsyncUtils.waitForFxEvents();

        // Another finding first, so that selecting the primary one visibly changes what is marked.
        clickFinding(robot, FindingCode.LK_RULE_NO_AGENT);
        assertEquals(FindingCode.LK_RULE_NO_AGENT, window.findings().selectedFindingProperty().get().code());
        assertFalse(highlighted(status(503)), "503 marked for a config-only finding");

        clickFinding(robot, FindingCode.LK_TRUNK_CONFLICT);

        Finding primary = window.findings().selectedFindingProperty().get();
        assertEquals(FindingCode.LK_TRUNK_CONFLICT, primary.code());
        assertTrue(primary.primary());
        assertTrue(highlighted(status(503)), "the 503 Try again later arrow is highlighted");
        assertTrue(primary.evidence().configIds().contains(window.liveKitConfig().selectedConfigIdProperty().get()));
        // the routing's summary is one of the evidence's facts: the details say it once
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = robot.lookup("#findingDetails .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        String routing = window.findings().routingSummaries(primary.flowId()).get(0);
        assertTrue(primary.evidence().facts().contains(routing), primary.evidence().facts().toString());
        assertEquals(1, texts.stream().filter(t -> t.contains(routing)).count(), texts.toString());
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        // Password of the auth trunk: the table says only that it is set.
        assertTrue(window.liveKitConfig().trunks().stream().anyMatch(t -> t.row().authPassword().equals("set")));
    }

    @Test
    void exportsTheFindingsAsPdf(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> window.openDemo(DemoCapture.extract()));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.viewModel().loadingProperty().get()
                && shownFindings().stream().anyMatch(Finding::primary));
        Path pdf = dir.resolve("demo-findings.pdf");
        dialogs.filesToSave.push(Optional.of(pdf));

        robot.clickOn("File").clickOn("Export findings as PDF...");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Files.exists(pdf) && Files.size(pdf) > 1000);

        byte[] head = Arrays.copyOf(Files.readAllBytes(pdf), 5);
        assertEquals("%PDF-", new String(head, StandardCharsets.US_ASCII));
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
    }

    /** Clicks a finding as a user does (see {@link #start}). */
    private void clickFinding(FxRobot robot, FindingCode code) {
        TreeView<?> tree = robot.lookup("#findingTree").query();
        robot.interact(() -> {
            for (int row = 0; row < tree.getExpandedItemCount(); row++) {
                if (tree.getTreeItem(row).getValue() instanceof Finding f && f.code() == code) {
                    tree.scrollTo(row);
                }
            }
        });
        // The window may still be settling its splits after the load (on a loaded machine, a pulse or two late): the
        // click goes where the finding is once its place held still over a few pulses, and once more if a late
        // layout moved it under the pointer.
        for (int attempt = 0; attempt < 2; attempt++) {
            Point2D start = settledStart(robot, tree, code);
            robot.clickOn(start);
            WaitForAsyncUtils.waitForFxEvents();
            Finding selected = window.findings().selectedFindingProperty().get();
            if (selected != null && selected.code() == code) {
                return;
            }
        }
    }

    /** Where to click {@code code}'s cell: at its start inside the list, once its place is the same three pulses on. */
    private static Point2D settledStart(FxRobot robot, TreeView<?> tree, FindingCode code) {
        Point2D previous = null;
        for (int i = 0; i < 20; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            Point2D start = start(robot, tree, code);
            if (start.equals(previous)) {
                return start;
            }
            previous = start;
        }
        return previous;
    }

    /**
     * A finding's place where a user can click it: scrolled into view, on its start inside the list. A long title
     * makes a cell wider than the narrow list, so the middle of the cell can lie beyond the list's right edge.
     */
    private static Point2D start(FxRobot robot, TreeView<?> tree, FindingCode code) {
        Bounds list = tree.localToScreen(tree.getLayoutBounds());
        // the list's cells include spare ones laid out beyond its edges (a short list scrolled): the one in view
        List<Bounds> places = robot.lookup((Node n) -> n instanceof TreeCell<?> c && c.isVisible()
                && c.getItem() instanceof Finding f && f.code() == code).queryAll().stream()
                .map(cell -> cell.localToScreen(cell.getLayoutBounds())).toList();
        for (Bounds shown : places) {
            // the part of the cell in view (a row scrolled half out at the top is clicked on its visible half)
            double top = Math.max(shown.getMinY(), list.getMinY());
            double bottom = Math.min(shown.getMaxY(), list.getMaxY());
            if (bottom - top >= 4) {
                return new Point2D(list.getMinX() + 40, (top + bottom) / 2);
            }
        }
        throw new AssertionError(code + " at " + places + " lies outside the list at " + list);
    }

    private int status(int code) {
        LadderLayout layout = window.ladder().getLadderLayout();
        for (int i = 0; i < layout.rowCount(); i++) {
            if (layout.row(i).message().message().status() == code) {
                return i;
            }
        }
        throw new AssertionError("no " + code + " in the ladder");
    }

    private boolean highlighted(int row) {
        return window.ladder().highlightedRows().get(row);
    }


    /** The findings the panel lists. */
    private List<Finding> shownFindings() {
        return List.copyOf(window.findings().groups()).stream().flatMap(g -> g.findings().stream()).toList();
    }
}
