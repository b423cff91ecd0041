package org.sipladder.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
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
import org.sipladder.ui.task.FxTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a user reads in the smallest window we support, 1024x700: the streams' charts and a finding's explanation
 * have the height to be read, not a strip of 15 px of plot or a detail scrolled through in 150 px.
 */
@ExtendWith(ApplicationExtension.class)
class ReadingRoomFxTest {

    /** Plot height of a chart whose line and scale can be read. */
    private static final double READABLE_PLOT = 90;
    /** The header and four streams of 24 px: a call through a B2BUA, each leg both ways. */
    private static final double FOUR_STREAMS = 5 * 24;

    private final AppServices services = new AppServices(new PipelineCaptureLoader(), new FxTaskExecutor(),
            new UserPreferences(new InMemoryPreferenceStore()), ZoneOffset.UTC, text -> { }, owner -> new FakeDialogs(),
            new SdkLiveKitConfigSource(), Map.of(), Diagnoser.standard());

    @Test
    void theStreamsChartsGetTheInspectorsHeightAndItComesBackAfter(FxRobot robot, @TempDir Path dir) {
        MainWindow window = shownSmall(robot, MediaCall.of("charts", 8, 150, 0xD5, 5, false).write(dir.resolve("c.pcap")));
        double inspectorBefore = window.view().inspector().getHeight();
        TabPane tabs = (TabPane) window.view().lookup("#callTabs");
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "Streams".equals(t.getText())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = window.view().getScene();
        TableView<?> table = (TableView<?>) scene.lookup("#streamsTable");
        robot.interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();

        for (String id : List.of("#jitterChart", "#lossChart")) {
            Region plot = (Region) scene.lookup(id).lookup(".chart-plot-background");
            assertTrue(plot.getHeight() >= READABLE_PLOT, id + " plots in " + plot.getHeight() + " px");
        }
        assertTrue(table.getHeight() >= FOUR_STREAMS, "streams table " + table.getHeight() + " px high");
        assertNull(window.view().inspector().getScene(), "the inspector shows no stream: it yields its height");

        robot.interact(() -> tabs.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.view().inspector().getScene(), "the inspector back below the ladder");
        assertEquals(inspectorBefore, window.view().inspector().getHeight(), 2, "the inspector back at its height");
        robot.interact(() -> window.view().getScene().getWindow().hide());
    }

    @Test
    void aFindingsDetailHasTheHeightBesideTheLadderAndTheInspector(FxRobot robot, @TempDir Path dir) {
        MainWindow window = shownSmall(robot, MediaCall.of("lossy", 8, 150, 0xD5, 5, false).write(dir.resolve("l.pcap")));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.findings().selectedFindingProperty().set(
                window.findings().groups().get(0).findings().get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        SplitPane split = (SplitPane) window.view().lookup("#findingsSplit");
        Node detail = split.getItems().get(1);
        double height = detail.getLayoutBounds().getHeight();
        // beside the ladder alone it had ~150 px of the window's 700
        assertTrue(height >= 250, "finding detail " + height + " px high at 1024x700");
        robot.interact(() -> window.view().getScene().getWindow().hide());
    }

    @Test
    void aFindingsEvidenceFrameOpenedFromTheStreamsShowsTheMessageOnTheLadder(FxRobot robot, @TempDir Path dir) {
        MainWindow window = shownSmall(robot, MediaCall.of("oneway", 8, 150, 0xD5, 0, true).write(dir.resolve("e.pcap")));
        TabPane tabs = (TabPane) window.view().lookup("#callTabs");
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "Streams".equals(t.getText())).findFirst().orElseThrow()));
        robot.interact(() -> window.findings().selectedFindingProperty().set(
                window.findings().groups().get(0).findings().get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        java.util.Set<String> sip = new java.util.HashSet<>();
        window.viewModel().selectedFlowProperty().get().messages()
                .forEach(m -> sip.add("frame " + m.message().frame()));
        List<javafx.scene.control.Hyperlink> frames = window.view().getScene().getRoot().lookupAll(".evidence-frame")
                .stream().map(javafx.scene.control.Hyperlink.class::cast).toList();
        javafx.scene.control.Hyperlink rtp = frames.stream().filter(l -> !sip.contains(l.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("the one-way finding names an RTP packet"));
        javafx.scene.control.Hyperlink message = frames.stream().filter(l -> sip.contains(l.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("the one-way finding names the SDP's message"));

        robot.interact(rtp::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Streams", tabs.getSelectionModel().getSelectedItem().getText(), "an RTP packet is no message");

        robot.interact(message::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Ladder", tabs.getSelectionModel().getSelectedItem().getText(),
                "the message opened is shown, not selected behind the streams");
        assertNotNull(window.view().inspector().getScene(), "the inspector shows the message");
        assertEquals(message.getText(),
                "frame " + window.viewModel().selectedMessageProperty().get().message().frame());
        robot.interact(() -> window.view().getScene().getWindow().hide());
    }

    /** A window of 1024x700 of its own (the primary stage is shared by the run) on {@code capture}, diagnosed. */
    private MainWindow shownSmall(FxRobot robot, Path capture) {
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            Stage own = new Stage();
            window[0] = MainWindow.show(own, services);
            own.setWidth(1024);
            own.setHeight(700);
            window[0].viewModel().open(CaptureSource.file(capture));
        });
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window[0].viewModel().captureProperty().get() != null
                    && !window[0].busyProperty().get() && !window[0].findings().groups().isEmpty());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the capture was not read and diagnosed in 60 s", e);
        }
        robot.interact(() -> window[0].viewModel().callList().selectedRowProperty()
                .set(window[0].viewModel().callList().rows().get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        return window[0];
    }
}
