package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
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

/** The window's layout on a small screen, and the split positions a user set, kept for the next window (issue 15). */
@ExtendWith(ApplicationExtension.class)
class LayoutFxTest {

    /** Five rows of the findings list (24 px each) and room for its horizontal scroll bar. */
    private static final double FIVE_ROWS = 5 * 24 + 16;
    /** The call list's header and four calls of 24 px. */
    private static final double FOUR_CALLS = 30 + 4 * 24;

    private final AppServices services = new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
            new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { }, owner -> new FakeDialogs(),
            new SdkLiveKitConfigSource(), Map.of(), Diagnoser.standard());
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = MainWindow.show(stage, services);
    }

    @Test
    void theCallListKeepsFourRowsAndTheFindingsListFiveAt1024x700EvenWhenItsDividerIsDraggedUp(FxRobot robot) {
        // A window of its own: the primary stage is shared by every FX test class of the run, and a size set on it
        // stays for the classes after this one.
        Stage[] window = new Stage[1];
        robot.interact(() -> {
            window[0] = new Stage();
            Stage small = window[0];
            MainWindow.show(small, services);
            small.setWidth(1024);
            small.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Stage small = window[0];
        TreeView<?> tree = (TreeView<?>) small.getScene().lookup("#findingTree");
        assertTrue(tree.getHeight() >= FIVE_ROWS, "findings list " + tree.getHeight() + " px high at 1024x700");
        Region calls = (Region) small.getScene().lookup("#callTable");
        assertTrue(calls.getHeight() >= FOUR_CALLS, "call list " + calls.getHeight() + " px high at 1024x700");

        SplitPane split = (SplitPane) small.getScene().lookup("#findingsSplit");
        robot.interact(() -> split.setDividerPositions(0.05));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(tree.getHeight() >= FIVE_ROWS, "findings list " + tree.getHeight() + " px high after the drag");
        robot.interact(small::hide);
    }

    @Test
    void callStartTimesAndEveryColumnTitleShowWholeAt1024Wide(FxRobot robot, @TempDir Path dir) throws Exception {
        // More calls than the list shows at this height: its scroll bar takes width from the columns too.
        Path capture = TestCaptures.manyCalls(dir, 10);
        MainWindow[] small = new MainWindow[1];
        robot.interact(() -> {
            Stage own = new Stage();
            small[0] = MainWindow.show(own, services);
            own.setWidth(1024);
            own.setHeight(700);
            small[0].viewModel().open(CaptureSource.file(capture));
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !small[0].viewModel().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = (TableView<?>) small[0].view().lookup("#callTable");
        List<TableCell<?, ?>> starts = new ArrayList<>();
        for (Node node : table.lookupAll(".table-cell")) {
            if (node instanceof TableCell<?, ?> cell && cell.getTableColumn() == table.getColumns().get(0)
                    && cell.getItem() != null) {
                starts.add(cell);
            }
        }
        assertTrue(starts.size() >= 4, starts.size() + " start cells");
        for (TableCell<?, ?> cell : starts) { // "2023-11-14 22:13:20.000", not "2023-11-14 22:13:2…"
            assertEquals(cell.getText(), ((Text) cell.lookup(".text")).getText());
        }
        // a value cut on a narrow window ("408 Request Ti…", a From URI) is shown whole when hovered
        int cells = 0;
        for (Node node : table.lookupAll(".table-cell")) {
            if (node instanceof TableCell<?, ?> cell && cell.getText() != null && !cell.getText().isEmpty()) {
                assertTrue(cell.getTooltip() != null, "no tooltip on " + cell.getText());
                assertEquals(cell.getText(), cell.getTooltip().getText());
                cells++;
            }
        }
        assertTrue(cells >= 4 * 4, cells + " cells with text");
        List<String> titles = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Node node : table.lookupAll(".column-header .label")) {
            Labeled title = (Labeled) node;
            if (title.isVisible() && title.getText() != null && !title.getText().isEmpty()) {
                titles.add(title.getText());
                shown.add(((Text) title.lookup(".text")).getText()); // "Post-dial delay", not "Post-dial ..."
            }
        }
        assertEquals(table.getColumns().size(), titles.size(), "a title per column: " + titles);
        assertEquals(titles, shown);
        robot.interact(() -> small[0].view().getScene().getWindow().hide());
    }

    @Test
    void splitPositionsSetByTheUserComeBackInTheNextWindow(FxRobot robot) {
        List<Double> set = new ArrayList<>(window.view().dividerPositions());
        set.set(0, 0.25); // call list above the ladder
        set.set(1, 0.80); // ladder above the inspector: room for the findings list to be split freely
        set.set(set.size() - 1, 0.45); // findings list above the selected finding's detail
        robot.interact(() -> {
            window.view().restoreDividerPositions(set);
            window.view().setCallListFitted(false); // as dragging the call list's divider does
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<Double> before = window.view().dividerPositions();
        robot.interact(stage::hide); // saves the layout, as closing the window does

        MainWindow[] next = new MainWindow[1];
        robot.interact(() -> next[0] = MainWindow.show(new Stage(), services));
        WaitForAsyncUtils.waitForFxEvents();
        List<Double> after = next[0].view().dividerPositions();
        assertEquals(before.size(), after.size());
        assertEquals(0.25, after.get(0), 0.02, after.toString());
        assertEquals(0.80, after.get(1), 0.02, after.toString());
        SplitPane findings = (SplitPane) next[0].view().lookup("#findingsSplit");
        assertEquals(0.45, findings.getDividerPositions()[0], 0.02, after.toString());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i), 0.02, "divider " + i + ": " + before + " -> " + after);
        }
        robot.interact(() -> next[0].view().getScene().getWindow().hide());
    }
}
