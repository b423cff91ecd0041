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
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javax.sound.sampled.AudioSystem;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.StreamRow;
import org.sipladder.testkit.MediaCall;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.findings.Diagnoser;
import org.sipladder.ui.findings.SdkLiveKitConfigSource;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.streams.StreamItem;
import org.sipladder.ui.task.FxTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A call with RTP in the real window: its streams in the ladder and in the Streams tab, with plot and export. */
@ExtendWith(ApplicationExtension.class)
class StreamsTabFxTest {

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
    void theCallsStreamsAreInTheLadderAndTheStreamsTab(FxRobot robot) throws Exception {
        Path capture = dir.resolve("media.pcap");
        MediaCall.of("media-call", 8, 120, 0xD5, 10, false).write(capture);
        open(capture);
        robot.interact(() -> window.viewModel().callList().selectedRowProperty().set(
                window.viewModel().callList().rows().get(0)));
        WaitForAsyncUtils.waitForFxEvents();

        // the window diagnoses as the app does, with the capture's media: its loss is a finding (the media rules
        // judge streams of 100 packets or more)
        assertTrue(window.findings().groups().stream().flatMap(g -> g.findings().stream())
                .anyMatch(f -> f.code().name().startsWith("MEDIA_")), window.findings().summaryProperty().get());

        LadderLayout layout = window.ladder().viewModel().layoutProperty().get();
        assertEquals(2, layout.streamRows().size());
        StreamRow back = layout.streamRows().get(1);
        assertTrue(back.arrow().warning(), "the lossy stream has its mark");
        assertTrue(back.arrow().label().text().startsWith("RTP PCMA"));

        TabPane tabs = robot.lookup("#callTabs").query();
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "Streams".equals(t.getText())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<StreamItem> table = robot.lookup("#streamsTable").queryTableView();
        assertEquals(2, table.getItems().size());
        assertEquals("PCMA", table.getItems().get(1).codec());
        assertEquals("11 (9.2 %) in 11 gaps of 1", table.getItems().get(1).lost());
        TableColumn<StreamItem, ?> ssrc = table.getColumns().stream().filter(c -> "SSRC".equals(c.getText()))
                .findFirst().orElseThrow();
        List<TableCell<?, ?>> ssrcCells = new ArrayList<>();
        for (Node node : robot.lookup(".table-cell").queryAll()) {
            if (node instanceof TableCell<?, ?> cell && cell.getTableColumn() == ssrc && cell.getItem() != null) {
                ssrcCells.add(cell);
            }
        }
        assertFalse(ssrcCells.isEmpty());
        for (TableCell<?, ?> cell : ssrcCells) { // shown whole, not "0x0000…"
            assertEquals(cell.getText(), ((Text) cell.lookup(".text")).getText());
        }

        robot.interact(() -> table.getSelectionModel().select(1));
        LineChart<?, ?> loss = robot.lookup("#lossChart").query();
        assertFalse(loss.getData().get(0).getData().isEmpty(), "loss over time is plotted");
        String line = robot.lookup("#streamMessage").queryLabeled().getText();
        assertTrue(line.contains(", lost 11 (9.2 %) in 11 gaps of 1"), line);

        Path wav = dir.resolve("back.wav");
        dialogs.filesToSave.add(Optional.of(wav));
        Button export = robot.lookup("#exportStreamWav").queryButton();
        assertFalse(export.isDisabled());
        robot.interact(export::fire);
        waitUntil(() -> robot.lookup("#streamMessage").queryLabeled().getText().startsWith("Saved"));
        // the callee's packets up to the last one received (119 of 120, eleven lost ones as silence), 160 samples each
        assertEquals(119 * 160, AudioSystem.getAudioFileFormat(wav.toFile()).getFrameLength());
    }

    @Test
    void aFindingAboutAStreamSelectsThatStreamInTheStreamsTab(FxRobot robot) throws Exception {
        Path capture = dir.resolve("lossy.pcap");
        MediaCall.of("lossy-call", 8, 120, 0xD5, 10, false).write(capture);
        open(capture);
        TabPane tabs = robot.lookup("#callTabs").query();
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "Streams".equals(t.getText())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<StreamItem> table = robot.lookup("#streamsTable").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(0)); // the healthy stream, plotted
        org.sipladder.diagnose.Finding loss = window.findings().groups().stream().flatMap(g -> g.findings().stream())
                .filter(f -> f.code().name().equals("MEDIA_LOSS")).findFirst().orElseThrow();

        robot.interact(() -> window.findings().selectedFindingProperty().set(loss));

        // the ladder has no row for an RTP packet: the Streams tab shows the stream the finding is about
        StreamItem shown = table.getSelectionModel().getSelectedItem();
        assertTrue(shown != null && loss.evidence().frames().contains(shown.stream().firstFrame()),
                "the lossy stream is selected: " + (shown == null ? null : shown.source()));
        assertEquals("11 (9.2 %) in 11 gaps of 1", shown.lost());
    }

    @Test
    void theStreamsTabOpenedAfterAFindingShowsItsStreamSelected(FxRobot robot) throws Exception {
        Path capture = dir.resolve("lossy-later.pcap");
        MediaCall.of("lossy-later", 8, 120, 0xD5, 10, false).write(capture);
        open(capture);
        org.sipladder.diagnose.Finding loss = window.findings().groups().stream().flatMap(g -> g.findings().stream())
                .filter(f -> f.code().name().equals("MEDIA_LOSS")).findFirst().orElseThrow();
        robot.interact(() -> window.findings().selectedFindingProperty().set(loss));

        TabPane tabs = robot.lookup("#callTabs").query();
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "Streams".equals(t.getText())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();

        TableView<StreamItem> table = robot.lookup("#streamsTable").queryTableView();
        StreamItem shown = table.getSelectionModel().getSelectedItem();
        assertTrue(shown != null && loss.evidence().frames().contains(shown.stream().firstFrame()),
                "the table built now shows the finding's stream selected");
    }

    @Test
    void clickingAStreamsArrowInTheLadderSelectsThatStreamInTheStreamsTab(FxRobot robot) throws Exception {
        Path capture = dir.resolve("clicked.pcap");
        MediaCall.of("clicked-call", 8, 120, 0xD5, 10, false).write(capture);
        open(capture);
        TabPane tabs = robot.lookup("#callTabs").query();
        robot.interact(() -> tabs.getSelectionModel().select(0)); // the ladder
        WaitForAsyncUtils.waitForFxEvents();
        LadderLayout layout = window.ladder().getLadderLayout();
        StreamRow back = layout.streamRows().get(1);
        List<org.sipladder.ladder.Point> shaft = back.arrow().shaft();
        double x = (shaft.get(0).x() + shaft.get(shaft.size() - 1).x()) / 2;

        robot.clickOn(window.ladder().localToScreen(x, back.arrow().y()));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("Streams", tabs.getSelectionModel().getSelectedItem().getText());
        TableView<StreamItem> table = robot.lookup("#streamsTable").queryTableView();
        StreamItem shown = table.getSelectionModel().getSelectedItem();
        assertTrue(shown != null && shown.codec().equals("PCMA") && shown.lost().startsWith("11 "),
                "the clicked stream is selected: " + (shown == null ? null : shown.source()));
        Thread.sleep(1500); // longer than a tooltip's hover delay
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(javafx.stage.Window.getWindows().stream()
                .noneMatch(w -> w instanceof javafx.scene.control.Tooltip && w.isShowing()),
                "the ladder's tooltip for the stream pops up over the Streams tab");
    }

    private void open(Path capture) throws TimeoutException {
        Platform.runLater(() -> window.viewModel().open(CaptureSource.file(capture)));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> !window.viewModel().loadingProperty().get());
        waitUntil(() -> !window.findings().summaryProperty().get().startsWith("Diagnosing"));
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
