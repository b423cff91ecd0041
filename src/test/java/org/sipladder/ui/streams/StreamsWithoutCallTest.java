package org.sipladder.ui.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
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

/**
 * With no call selected, or none in the capture, the Streams tab lists the capture's RTP streams that no call's SDP
 * announced, under a heading saying so; its empty table says why it is empty.
 */
@ExtendWith(ApplicationExtension.class)
class StreamsWithoutCallTest {

    @TempDir
    Path dir;

    private StreamsViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = MediaCaptures.viewModel();
        stage.setScene(new Scene(new StreamsView(viewModel), 1024, 500));
        stage.show();
    }

    @Test
    void aCaptureOfRtpWithoutSipShowsItsStreams(FxRobot robot) throws Exception {
        Captures c = Captures.pcap();
        rtp(c, "10.0.0.7:30000", "10.0.0.8:32000", 0x7777L, 30);
        rtp(c, "10.0.0.8:32000", "10.0.0.7:30000", 0x8888L, 30);
        LoadedCapture loaded = MediaCaptures.load(c, dir.resolve("rtp-only.pcap"));
        assertEquals(List.of(), loaded.flows());

        robot.interact(() -> viewModel.show(loaded.file(), loaded.media(), null));

        assertEquals("RTP streams of the capture not tied to a call (2)", text(robot, "#streamsHeading"));
        assertTrue(robot.lookup("#streamsHeading").query().isVisible());
        assertEquals(List.of("0x00007777", "0x00008888"), ssrcs(robot));
    }

    @Test
    void noCallSelectedShowsOnlyTheStreamsTiedToNone(FxRobot robot) throws Exception {
        Captures c = MediaCall.of("call-1", 8, 20, 0xD5, 0, false);
        rtp(c, "10.0.0.7:30000", "10.0.0.8:32000", 0x7777L, 20);
        LoadedCapture loaded = MediaCaptures.load(c, dir.resolve("call-and-stray.pcap"));
        assertEquals(1, loaded.flows().size());

        robot.interact(() -> viewModel.show(loaded.file(), loaded.media(), null));
        assertEquals("RTP streams of the capture not tied to a call (1)", text(robot, "#streamsHeading"));
        assertEquals(List.of("0x00007777"), ssrcs(robot));
        assertEquals(List.of("one-way"), viewModel.streams().get(0).warnings());

        robot.interact(() -> viewModel.show(loaded.file(), loaded.media(), loaded.flows().get(0)));
        assertEquals("RTP streams of the selected call (2)", text(robot, "#streamsHeading"));
        assertEquals(List.of("0x00001111", "0x00002222"), ssrcs(robot));
    }

    @Test
    void withACallSelectedAButtonListsTheStreamsTiedToNone(FxRobot robot) throws Exception {
        Captures c = MediaCall.of("call-1", 8, 20, 0xD5, 0, false);
        rtp(c, "10.0.0.7:30000", "10.0.0.8:32000", 0x7777L, 20);
        LoadedCapture loaded = MediaCaptures.load(c, dir.resolve("call-and-stray.pcap"));
        robot.interact(() -> viewModel.show(loaded.file(), loaded.media(), loaded.flows().get(0)));
        ToggleButton unbound = robot.lookup("#unboundStreams").queryAs(ToggleButton.class);
        assertTrue(unbound.isVisible());
        assertEquals("Streams tied to no call (1)", unbound.getText());

        robot.clickOn(unbound);
        assertEquals("RTP streams of the capture not tied to a call (1)", text(robot, "#streamsHeading"));
        assertEquals(List.of("0x00007777"), ssrcs(robot));

        robot.clickOn(unbound);
        assertEquals("RTP streams of the selected call (2)", text(robot, "#streamsHeading"));
        assertEquals(List.of("0x00001111", "0x00002222"), ssrcs(robot));

        // chosen again, then another call shown (here: none, then the call): the call's own streams
        robot.clickOn(unbound);
        robot.interact(() -> viewModel.show(loaded.file(), loaded.media(), null));
        assertFalse(unbound.isVisible(), "no choice without a call");
        robot.interact(() -> viewModel.show(loaded.file(), loaded.media(), loaded.flows().get(0)));
        assertFalse(unbound.isSelected());
        assertEquals(List.of("0x00001111", "0x00002222"), ssrcs(robot));
    }

    @Test
    void aCallInACaptureWithoutStrayStreamsOffersNoChoice(FxRobot robot) throws Exception {
        LoadedCapture loaded = MediaCaptures.load(MediaCall.of("call-1", 8, 20, 0xD5, 0, false),
                dir.resolve("call.pcap"));
        robot.interact(() -> viewModel.show(loaded.file(), loaded.media(), loaded.flows().get(0)));
        assertFalse(robot.lookup("#unboundStreams").query().isVisible());
    }

    @Test
    void theEmptyTableSaysWhyItIsEmpty(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.show(null, null, null));
        assertEquals("No capture open", text(robot, "#streamsPlaceholder"));
        assertFalse(robot.lookup("#streamsHeading").query().isVisible(), "no heading without a capture");

        LoadedCapture allInCalls = MediaCaptures.load(MediaCall.of("call-1", 8, 20, 0xD5, 0, false),
                dir.resolve("all-in-calls.pcap"));
        robot.interact(() -> viewModel.show(allInCalls.file(), allInCalls.media(), null));
        assertEquals("Every RTP stream of this capture belongs to a call: select a call to see its streams",
                text(robot, "#streamsPlaceholder"));

        Captures signalling = Captures.pcap();
        signalling.udp(MediaCall.T0, "10.0.0.1:5060", "10.0.0.2:5060",
                org.sipladder.testkit.SipText.request("OPTIONS", "sip:bob@10.0.0.2", "opt-1", 1, ""));
        LoadedCapture noRtp = MediaCaptures.load(signalling, dir.resolve("no-rtp.pcap"));
        robot.interact(() -> viewModel.show(noRtp.file(), noRtp.media(), null));
        assertEquals("No RTP streams in this capture", text(robot, "#streamsPlaceholder"));
        assertEquals("RTP streams of the capture not tied to a call (0)", text(robot, "#streamsHeading"));

        Captures silent = MediaCall.of("call-2", 8, 0, 0xD5, 0, false);
        rtp(silent, "10.0.0.7:30000", "10.0.0.8:32000", 0x7777L, 20);
        LoadedCapture silentCall = MediaCaptures.load(silent, dir.resolve("silent-call.pcap"));
        assertEquals(1, silentCall.media().streams().size(), "the capture has RTP, the call none");
        robot.interact(() -> viewModel.show(silentCall.file(), silentCall.media(), silentCall.flows().get(0)));
        assertEquals("No RTP stream of this call is in the capture", text(robot, "#streamsPlaceholder"));
        assertTrue(viewModel.streams().isEmpty());
    }

    /** {@code packets} PCMA packets 20 ms apart from {@code src} to {@code dst}, after any call's ACK. */
    private static void rtp(Captures c, String src, String dst, long ssrc, int packets) {
        for (int i = 0; i < packets; i++) {
            c.udp(MediaCall.T0 + 110_000 + i * 20_000L, src, dst, Rtp.packet(8, 1 + i, 160L * i, ssrc, i == 0));
        }
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static List<String> ssrcs(FxRobot robot) {
        TableView<?> table = robot.lookup("#streamsTable").queryAs(TableView.class);
        return table.getItems().stream().map(item -> ((StreamItem) item).ssrc()).toList();
    }
}
