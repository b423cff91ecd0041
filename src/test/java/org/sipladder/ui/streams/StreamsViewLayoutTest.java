package org.sipladder.ui.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.MediaCall;
import org.sipladder.testkit.Rtp;
import org.sipladder.ui.load.LoadedCapture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Streams table's many columns (RTCP, XR) in a window: no title cut to "Jitter m...", no button to "...". */
@ExtendWith(ApplicationExtension.class)
class StreamsViewLayoutTest {

    @TempDir
    Path dir;

    private StreamsViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = MediaCaptures.viewModel();
        StreamsView view = new StreamsView(viewModel);
        stage.setScene(new Scene(view, 1024, 500));
        stage.show();
    }

    @Test
    void everyColumnIsAtLeastAsWideAsItsTitle(FxRobot robot) {
        TableView<?> table = robot.lookup("#streamsTable").queryAs(TableView.class);
        for (TableColumn<?, ?> column : table.getColumns()) {
            double title = new Text(column.getText()).getLayoutBounds().getWidth();
            assertTrue(column.getMinWidth() > title, column.getText() + ": " + column.getMinWidth() + " < " + title);
            assertTrue(column.getWidth() >= column.getMinWidth(), column.getText());
        }
    }

    @Test
    void theRtcpColumnsShowForACallWhoseReceiversReported(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#streamsTable").queryAs(TableView.class);
        assertTrue(table.isTableMenuButtonVisible(), "the header's menu shows or hides columns");

        LoadedCapture plain = MediaCaptures.load(MediaCall.of("plain-1", 8, 50, 0xD5, 0, false),
                dir.resolve("plain.pcap"));
        robot.interact(() -> viewModel.show(plain.file(), plain.media(), plain.flows().get(0)));
        assertEquals(List.of(), visible(table, "RTCP lost", "RTCP jitter", "RTT", "XR MOS LQ/CQ"));
        assertEquals(List.of("Problems", "DTMF"), visible(table, "Problems", "DTMF"));

        Captures c = MediaCall.of("rtcp-1", 8, 50, 0xD5, 0, false);
        c.udp(MediaCall.T0 + 1_000_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.receiverReport(MediaCall.CALLEE_SSRC,
                Rtp.reportBlock(MediaCall.CALLER_SSRC, 64, 3, 40, 160, 0, 0)));
        LoadedCapture reported = MediaCaptures.load(c, dir.resolve("rtcp.pcap"));
        robot.interact(() -> viewModel.show(reported.file(), reported.media(), reported.flows().get(0)));
        // no round trip (LSR 0) and no XR: those two stay hidden
        assertEquals(List.of("RTCP lost", "RTCP jitter"), visible(table, "RTCP lost", "RTCP jitter", "RTT",
                "XR MOS LQ/CQ"));

        robot.interact(() -> viewModel.show(plain.file(), plain.media(), plain.flows().get(0)));
        assertEquals(List.of(), visible(table, "RTCP lost", "RTCP jitter", "RTT", "XR MOS LQ/CQ"));
    }

    @Test
    void aJitterFigureHoldingAClockJumpSaysSoInItsTooltipAndIsNoProblem(FxRobot robot) throws Exception {
        // the caller resumes after a hold with its RTP clock 80 s ahead: Wireshark's jitter holds the jump
        LoadedCapture held = MediaCaptures.load(MediaCall.of("held-1", 8, 300, 0xD5, 0, false, 0, 150, 640_000),
                dir.resolve("held.pcap"));
        robot.interact(() -> viewModel.show(held.file(), held.media(), held.flows().get(0)));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        StreamItem caller = viewModel.streams().get(0);
        assertTrue(Double.parseDouble(caller.maxJitter().replace(" ms", "")) > 1000, caller.maxJitter());
        assertEquals("", caller.problems(), "no jitter mark where no finding fires");
        List<String> tips = robot.lookup("#streamsTable .table-cell")
                .queryAllAs(javafx.scene.control.TableCell.class).stream()
                .filter(cell -> caller.maxJitter().equals(cell.getText()))
                .map(cell -> cell.getTooltip().getText()).toList();
        assertEquals(1, tips.size());
        String tip = tips.get(0);
        assertTrue(tip.startsWith(caller.maxJitter() + "\nWireshark's jitter includes 1 jump of the sender's RTP "
                + "clock"), tip);
        assertTrue(tip.endsWith("max 0.00 ms"), tip);
        // the callee's figures, without a jump, have their value alone as the tooltip
        String callee = viewModel.streams().get(1).maxJitter();
        assertEquals(List.of(callee), robot.lookup("#streamsTable .table-cell")
                .queryAllAs(javafx.scene.control.TableCell.class).stream()
                .filter(cell -> callee.equals(cell.getText()) && cell.getTooltip() != null)
                .map(cell -> cell.getTooltip().getText()).distinct().toList());
    }

    private static List<String> visible(TableView<?> table, String... titles) {
        List<String> wanted = List.of(titles);
        return table.getColumns().stream().filter(TableColumn::isVisible).map(TableColumn::getText)
                .filter(wanted::contains).toList();
    }

    @Test
    void theAudioButtonsKeepTheirLabelsBesideALongStatusLine(FxRobot robot) {
        for (String id : new String[] {"#playStream", "#exportStreamWav"}) {
            assertEquals(Region.USE_PREF_SIZE, robot.lookup(id).queryAs(Button.class).getMinWidth(), 0, id);
        }
    }

    @Test
    void columnsWiderThanTheWindowScrollIntoViewWithAScrollBar(FxRobot robot) throws Exception {
        LoadedCapture plain = MediaCaptures.load(MediaCall.of("plain-2", 8, 50, 0xD5, 0, false),
                dir.resolve("plain.pcap"));
        robot.interact(() -> viewModel.show(plain.file(), plain.media(), plain.flows().get(0)));
        TableView<?> table = robot.lookup("#streamsTable").queryAs(TableView.class);
        double columns = table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertTrue(columns > table.getWidth(), "at 1024 px the columns do not fit: " + columns);
        // without a scroll bar, Problems and DTMF would lie beyond the right edge, out of reach
        assertTrue(robot.lookup("#streamsTable .scroll-bar").queryAllAs(ScrollBar.class).stream()
                .anyMatch(bar -> bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible()),
                "a horizontal scroll bar");
    }

    @Test
    void aCallsFewStreamsLeaveTheChartsTheRestOfATallTab(FxRobot robot) throws Exception {
        LoadedCapture call = MediaCaptures.load(MediaCall.of("tall-1", 8, 50, 0xD5, 5, false), dir.resolve("tall.pcap"));
        robot.interact(() -> viewModel.show(call.file(), call.media(), call.flows().get(0)));
        robot.interact(() -> viewModel.selectedProperty().set(viewModel.streams().get(0)));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#streamsTable").queryAs(TableView.class);
        double em = javafx.scene.text.Font.getDefault().getSize();
        // the header and the least rows the table keeps (a B2BUA call's four streams), no rows of nothing below them
        double rows = (1 + StreamsView.MIN_ROWS) * 2 * em + 18;
        assertTrue(table.getHeight() <= rows + 0.5, "table " + table.getHeight() + " px for " + rows + " px of rows");
        Region plot = robot.lookup("#jitterChart .chart-plot-background").queryAs(Region.class);
        assertTrue(plot.getHeight() > table.getHeight(), "plot " + plot.getHeight() + " px under " + table.getHeight());
    }

    @Test
    void theLostColumnFitsItsDuplicates(FxRobot robot) throws Exception {
        Captures c = MediaCall.of("dup-1", 8, 50, 0xD5, 0, false);
        for (int i = 0; i < 12; i++) { // the caller's first 12 packets sent twice
            c.udp(MediaCall.T0 + 100_000 + i * 20_000L + 1_000, MediaCall.CALLER, MediaCall.CALLEE,
                    Rtp.packet(8, 1 + i, 160L * i, MediaCall.CALLER_SSRC, i == 0, new byte[160]));
        }
        LoadedCapture dup = MediaCaptures.load(c, dir.resolve("dup.pcap"));
        robot.interact(() -> viewModel.show(dup.file(), dup.media(), dup.flows().get(0)));
        String lost = viewModel.streams().stream().map(StreamItem::lost).filter(t -> t.contains("duplicates"))
                .findFirst().orElseThrow();
        TableView<?> table = robot.lookup("#streamsTable").queryAs(TableView.class);
        TableColumn<?, ?> column = table.getColumns().stream().filter(col -> col.getText().equals("Lost"))
                .findFirst().orElseThrow();
        double text = new Text(lost).getLayoutBounds().getWidth();
        assertTrue(column.getWidth() > text + 10, lost + " in " + column.getWidth() + " px");

        // the app builds the tab's view when first shown, after the call's streams were loaded
        List<StreamsView> later = new java.util.ArrayList<>();
        robot.interact(() -> later.add(new StreamsView(viewModel)));
        TableColumn<?, ?> laterLost = ((TableView<?>) ((javafx.scene.layout.Pane) later.get(0).getItems().get(0)).getChildren().stream()
                .filter(TableView.class::isInstance).findFirst().orElseThrow()).getColumns().stream()
                .filter(col -> col.getText().equals("Lost")).findFirst().orElseThrow();
        assertTrue(laterLost.getPrefWidth() > text + 10, lost + " in " + laterLost.getPrefWidth() + " px");
        // dragged narrower, it keeps the count and share; the duplicates are in the cell's tooltip
        double share = new Text("0 (0.0 %)").getLayoutBounds().getWidth();
        assertTrue(laterLost.getMinWidth() > share + 10, "at least " + laterLost.getMinWidth() + " px");
    }

    @Test
    void theChartsTitlesAndAxisLabelsAreNotCut(FxRobot robot) {
        for (String id : new String[] {"#jitterChart", "#lossChart"}) {
            var labels = robot.lookup(id + " .label").queryAllAs(Label.class);
            assertTrue(labels.size() >= 3, id + ": title and two axis labels");
            for (Label title : labels) {
                Text shown = (Text) title.lookup(".text");
                assertEquals(title.getText(), shown.getText(), id);
            }
        }
    }
}
