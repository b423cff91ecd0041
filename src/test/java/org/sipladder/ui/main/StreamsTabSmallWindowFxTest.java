package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.MediaCall;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.prefs.WindowLayout;
import org.sipladder.ui.streams.StreamItem;
import org.sipladder.ui.task.FxTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Streams tab in a 1024x700 window: the loss of a stream is in view without scrolling, its gaps one hover away. */
@ExtendWith(ApplicationExtension.class)
class StreamsTabSmallWindowFxTest {

    /** The table's horizontal scroll bar: its columns are wider than a small window. */
    private static final double HORIZONTAL_SCROLL_BAR = 16;

    private final UserPreferences preferences = new UserPreferences(new InMemoryPreferenceStore());
    private final AppServices services = new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
            preferences, ZoneOffset.UTC, text -> { }, owner -> new FakeDialogs(), new SdkLiveKitConfigSource(),
            Map.of(), Diagnoser.standard());

    @Start
    void start(Stage stage) {
        // each test opens a window of its own: the primary stage is shared by every FX test class of the run
    }

    @Test
    void theLostCountAndShareShowWithoutScrollingAndTheGapsInTheTooltip(FxRobot robot, @TempDir Path dir)
            throws Exception {
        MainWindow[] small = new MainWindow[1];
        TableView<StreamItem> table = streamsAt1024x700(robot, dir, small);
        StreamItem lossy = table.getItems().get(1);
        assertEquals("9 (9.1 %) in 9 gaps of 1", lossy.lost());

        // the columns left of Lost and the count and share in its cell fit in the table's width, scrolled to the left
        double left = 0;
        TableColumn<StreamItem, ?> lost = null;
        for (TableColumn<StreamItem, ?> column : table.getVisibleLeafColumns()) {
            if ("Lost".equals(column.getText())) {
                lost = column;
                break;
            }
            left += column.getWidth();
        }
        assertNotNull(lost);
        double share = new Text("9 (9.1 %)").getLayoutBounds().getWidth() + 12;
        double inView = table.getWidth() - verticalScrollBarWidth(table);
        assertTrue(left + share <= inView, "Lost starts at " + left + " px of " + inView + " px in view");
        assertTrue(lost.getWidth() >= share, "Lost is " + lost.getWidth() + " px wide");

        TableCell<?, ?> cell = cellOf(table, lost, lossy);
        assertNotNull(cell.getTooltip(), "the whole loss, gaps included, when hovered");
        assertEquals("9 (9.1 %) in 9 gaps of 1", cell.getTooltip().getText());
        robot.interact(() -> small[0].view().getScene().getWindow().hide());
    }

    @Test
    void theTableShowsFourStreamsATwoLegCallsBothWays(FxRobot robot, @TempDir Path dir) throws Exception {
        MainWindow[] small = new MainWindow[1];
        TableView<StreamItem> table = streamsAt1024x700(robot, dir, small);
        double header = table.lookup(".column-header-background").getLayoutBounds().getHeight();
        double rows = table.getHeight() - header - HORIZONTAL_SCROLL_BAR;
        // carrier to B2BUA and B2BUA to LiveKit, each both ways: at 1.3 rows the lossy fourth was out of sight
        assertTrue(rows >= 4 * 24, "room for " + rows / 24 + " rows of 24 px");
        robot.interact(() -> small[0].view().getScene().getWindow().hide());
    }

    /**
     * A window built at 1024x700, as on a screen that size (a larger window made smaller keeps more of the width for
     * the call views), showing a call with a lossy stream in its Streams tab.
     */
    @SuppressWarnings("unchecked")
    private TableView<StreamItem> streamsAt1024x700(FxRobot robot, Path dir, MainWindow[] small) throws Exception {
        Path capture = dir.resolve("lossy.pcap");
        MediaCall.of("lossy-call", 8, 100, 0xD5, 10, false).write(capture);
        preferences.saveWindowLayout(new WindowLayout(0, 0, 1024, 700, false, List.of(), true));
        robot.interact(() -> {
            Stage own = new Stage();
            small[0] = MainWindow.show(own, services);
            small[0].viewModel().open(CaptureSource.file(capture));
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !small[0].viewModel().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            MainWindowViewModel vm = small[0].viewModel();
            vm.callList().selectedRowProperty().set(vm.callList().rows().get(0));
            TabPane tabs = (TabPane) small[0].view().lookup("#callTabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "Streams".equals(t.getText()))
                    .findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
        return (TableView<StreamItem>) small[0].view().getScene().lookup("#streamsTable");
    }

    private static double verticalScrollBarWidth(TableView<?> table) {
        return table.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL && bar.isVisible())
                .mapToDouble(n -> ((ScrollBar) n).getWidth()).max().orElse(0);
    }

    private static TableCell<?, ?> cellOf(TableView<?> table, TableColumn<?, ?> column, Object item) {
        for (Node node : table.lookupAll(".table-cell")) {
            if (node instanceof TableCell<?, ?> cell && cell.getTableColumn() == column && cell.getTableRow() != null
                    && cell.getTableRow().getItem() == item) {
                return cell;
            }
        }
        throw new AssertionError("no cell for the stream in " + column.getText());
    }
}
