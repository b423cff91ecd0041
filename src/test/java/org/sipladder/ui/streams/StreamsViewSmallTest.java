package org.sipladder.ui.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
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
import org.testfx.util.WaitForAsyncUtils;

/** The Streams tab as small as it is in a 1024x700 window: the stream's line and the charts are not cut. */
@ExtendWith(ApplicationExtension.class)
class StreamsViewSmallTest {

    @TempDir
    Path dir;

    private StreamsViewModel viewModel;
    private StreamsView view;

    @Start
    void start(Stage stage) {
        viewModel = MediaCaptures.viewModel();
        view = new StreamsView(viewModel);
        // the tab's size in a 1024x700 window, beside the findings panel
        Scene scene = new Scene(view, 560, 280);
        scene.getStylesheets().add(StreamsView.class.getResource("/org/sipladder/ui/sipladder.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theStreamsLineAndTheChartsAxisLabelsStayInside(FxRobot robot) throws Exception {
        showFirstStream(robot, MediaCall.of("small-1", 8, 50, 0xD5, 0, false));

        Label line = robot.lookup("#streamMessage").queryAs(Label.class);
        assertTrue(!line.getText().isEmpty());
        assertTrue(line.getHeight() >= line.prefHeight(line.getWidth()) - 0.5,
                "the line is " + line.getHeight() + " px high for " + line.prefHeight(line.getWidth()) + " px of text");
        assertInside(view, line);
        for (String id : new String[] {"#jitterChart", "#lossChart"}) {
            assertInside(view, robot.lookup(id).query());
        }
    }

    @Test
    void theChartsSayWhatTheyPlotInWholeWordsAndShowTheirScale(FxRobot robot) throws Exception {
        // three seconds of the caller's packets, every other one 8 ms late; the callee's lose every fifth
        showFirstStream(robot, MediaCall.of("small-2", 8, 150, 0xD5, 5, false, 8_000));

        for (String id : new String[] {"#jitterChart", "#lossChart"}) {
            // the title, the axis labels: "ms", not a rotated "..."
            for (Label label : robot.lookup(id + " .label").queryAllAs(Label.class)) {
                if (label.isVisible() && label.getText() != null && !label.getText().isEmpty()) {
                    assertEquals(label.getText(), ((Text) label.lookup(".text")).getText(), id);
                }
            }
        }
        assertScale(robot, "#jitterChart");
        robot.interact(() -> viewModel.selectedProperty().set(viewModel.streams().stream()
                .filter(s -> !s.lost().startsWith("0 ")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertScale(robot, "#lossChart");
    }

    /** Shows the call's first stream, with a receiver report on it: its line wraps, as a real call's with RTCP. */
    private void showFirstStream(FxRobot robot, Captures call) throws Exception {
        call.udp(MediaCall.T0 + 1_000_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.receiverReport(
                MediaCall.CALLEE_SSRC, Rtp.reportBlock(MediaCall.CALLER_SSRC, 64, 3, 40, 160, 0, 0)));
        LoadedCapture loaded = MediaCaptures.load(call, dir.resolve("call.pcap"));
        robot.interact(() -> viewModel.show(loaded.file(), loaded.media(), loaded.flows().get(0)));
        robot.interact(() -> viewModel.selectedProperty().set(viewModel.streams().get(0)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A value scale to read the line against, not a lone 0. */
    private static void assertScale(FxRobot robot, String id) {
        NumberAxis y = (NumberAxis) robot.lookup(id).queryAs(LineChart.class).getYAxis();
        long values = y.getTickMarks().stream().filter(t -> t.isTextVisible()).count();
        assertTrue(values >= 2, id + " shows " + values + " value(s) on its axis, " + y.getHeight() + " px high");
    }

    /** Within the tab, which shows nothing beyond its edges. */
    private static void assertInside(Region tab, Node node) {
        Bounds b = tab.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        assertTrue(b.getMinY() >= -0.5 && b.getMaxY() <= tab.getHeight() + 0.5,
                node.getId() + " at y " + b.getMinY() + " to " + b.getMaxY() + " of " + tab.getHeight() + " px");
    }
}
