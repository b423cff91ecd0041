package org.sipladder.ui.streams;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
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
        stage.setScene(new Scene(view, 560, 280));
        stage.show();
    }

    @Test
    void theStreamsLineAndTheChartsAxisLabelsStayInside(FxRobot robot) throws Exception {
        Captures c = MediaCall.of("small-1", 8, 50, 0xD5, 0, false);
        c.udp(MediaCall.T0 + 1_000_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.receiverReport(MediaCall.CALLEE_SSRC,
                Rtp.reportBlock(MediaCall.CALLER_SSRC, 64, 3, 40, 160, 0, 0)));
        LoadedCapture reported = MediaCaptures.load(c, dir.resolve("rtcp.pcap"));
        robot.interact(() -> viewModel.show(reported.file(), reported.media(), reported.flows().get(0)));
        robot.interact(() -> viewModel.selectedProperty().set(viewModel.streams().get(0)));
        WaitForAsyncUtils.waitForFxEvents();

        Label line = robot.lookup("#streamMessage").queryAs(Label.class);
        assertTrue(!line.getText().isEmpty());
        assertTrue(line.getHeight() >= line.prefHeight(line.getWidth()) - 0.5,
                "the line is " + line.getHeight() + " px high for " + line.prefHeight(line.getWidth()) + " px of text");
        assertInside(view, line);
        for (String id : new String[] {"#jitterChart", "#lossChart"}) {
            assertInside(view, robot.lookup(id).query());
        }
    }

    /** Within the tab, which shows nothing beyond its edges. */
    private static void assertInside(Region tab, Node node) {
        Bounds b = tab.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        assertTrue(b.getMinY() >= -0.5 && b.getMaxY() <= tab.getHeight() + 0.5,
                node.getId() + " at y " + b.getMinY() + " to " + b.getMaxY() + " of " + tab.getHeight() + " px");
    }
}
