package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The LiveKit config tab shows an outbound trunk table only when outbound trunks are loaded. */
@ExtendWith(ApplicationExtension.class)
class LiveKitConfigViewFxTest {

    private LiveKitConfigViewModel viewModel;
    private LiveKitConfigView view;

    @Start
    void start(Stage stage) {
        LiveKitConfigSource none = new NoConfigSource();
        viewModel = new LiveKitConfigViewModel(none, new CurrentThreadTaskExecutor(), new FakeDialogs(),
                new UserPreferences(new InMemoryPreferenceStore()), Map.of());
        view = new LiveKitConfigView(viewModel);
        stage.setScene(new Scene(view, 900, 600));
        stage.show();
    }

    @Test
    void theOutboundTableAppearsWithOutboundTrunksAndFollowsTheSelection(FxRobot robot) {
        TableView<?> outbound = (TableView<?>) view.lookup("#outboundTrunkTable");
        assertFalse(outbound.isVisible(), "no outbound trunks: no table");

        robot.interact(() -> viewModel.show(LiveKitConfig.outbound(List.of(SIPOutboundTrunkInfo.newBuilder()
                .setSipTrunkId("ST_out").setAddress("sip.provider.example").setAuthPassword("pw").build()), List.of("t"))));
        robot.interact(() -> viewModel.selectedConfigIdProperty().set("ST_out"));

        assertTrue(outbound.isVisible());
        assertEquals(1, outbound.getItems().size());
        assertEquals(0, outbound.getSelectionModel().getSelectedIndex());
    }
}
