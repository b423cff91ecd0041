package org.sipladder.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.ui.calls.TimeFormat;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class InspectorViewFxTest {

    private final InspectorViewModel viewModel = new InspectorViewModel(new TimeFormat(ZoneOffset.UTC), text -> { },
            message -> message);
    private InspectorView view;

    @Start
    void start(Stage stage) {
        view = new InspectorView(viewModel);
        // Short, as the inspector is at 1024x700: the headers table and the SDP table compete for the height.
        stage.setScene(new Scene(view, 800, 200));
        stage.show();
    }

    @Test
    void theSdpTableIsBuiltForTheFirstMessageWithSdpAndHiddenForOnesWithout(FxRobot robot) {
        assertNull(view.lookup("#inspectorSdp"), "no SDP seen yet: no table");

        robot.interact(() -> viewModel.sdp().add(new SdpRow("audio 40000 RTP/AVP", "PCMU/8000", "172.20.11.236",
                "sendrecv", "private address")));
        Node table = view.lookup("#inspectorSdp");
        assertTrue(table != null && table.isVisible());

        robot.interact(() -> viewModel.sdp().add(new SdpRow("video 40002 RTP/AVP", "H264/90000", "172.20.11.236",
                "sendrecv", "private address")));
        WaitForAsyncUtils.waitForFxEvents();
        // Both rows show below the header, however much the headers table wants (it shrank to its header before).
        assertTrue(((Region) table).getHeight() >= 30 + 2 * 24, "SDP table " + ((Region) table).getHeight() + " px high");

        robot.interact(() -> viewModel.sdp().clear());
        assertFalse(table.isVisible());
        assertFalse(table.isManaged(), "takes no room from the headers");
    }
}
