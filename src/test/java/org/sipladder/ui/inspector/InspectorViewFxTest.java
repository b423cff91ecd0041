package org.sipladder.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.scene.layout.Region;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;
import org.sipladder.capture.Endpoint;
import org.sipladder.ui.Flows;
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

    @Test
    void theSdpTablesTitlesAddressAndDirectionShowWholeInA1024PixelWindow(FxRobot robot) {
        // a window of its own: a size set on the primary stage would stay for the test classes after this one
        Stage[] wide = new Stage[1];
        InspectorView[] inspector = new InspectorView[1];
        robot.interact(() -> {
            inspector[0] = new InspectorView(viewModel);
            wide[0] = new Stage();
            wide[0].setScene(new Scene(inspector[0], 1024, 200));
            wide[0].show();
            viewModel.sdp().add(new SdpRow("audio 40124 RTP/AVP", "8 PCMA/8000, 0 PCMU/8000, 101 telephone-event/8000",
                    "172.20.11.236", "sendrecv", "private address 172.20.11.236 sent to public 129.158.233.108"));
        });
        WaitForAsyncUtils.waitForFxEvents();

        Node table = inspector[0].lookup("#inspectorSdp");
        List<String> titles = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Node node : table.lookupAll(".column-header .label")) {
            Labeled title = (Labeled) node;
            if (title.getText() != null && !title.getText().isEmpty()) {
                titles.add(title.getText());
                shown.add(((Text) title.lookup(".text")).getText()); // "Direction", not "Dire..."
            }
        }
        assertEquals(List.of("SDP media", "Codecs", "Address", "Direction", "Note"), titles);
        assertEquals(titles, shown);
        // an IPv4 address and the direction are read whole: "172.20.11...." or "send..." hide one-way audio
        for (Node node : table.lookupAll(".table-cell")) {
            if (node instanceof TableCell<?, ?> cell && cell.getText() != null
                    && List.of("172.20.11.236", "sendrecv").contains(cell.getText())) {
                shown.add(((Text) cell.lookup(".text")).getText());
                titles.add(cell.getText());
            }
        }
        assertEquals(7, titles.size(), "cells found: " + titles);
        assertEquals(titles, shown);
        robot.interact(() -> wide[0].hide());
    }

    @Test
    void aWideWindowShowsTheCodecsWholeRatherThanGivingAllItsRoomToTheNote(FxRobot robot) {
        Stage[] wide = new Stage[1];
        InspectorView[] inspector = new InspectorView[1];
        String codecs = "8 PCMA/8000, 0 PCMU/8000, 9 G722/8000, 101 telephone-event/8000";
        robot.interact(() -> {
            inspector[0] = new InspectorView(viewModel);
            wide[0] = new Stage();
            wide[0].setScene(new Scene(inspector[0], 2560, 300));
            wide[0].show();
            viewModel.sdp().add(new SdpRow("audio 40124 RTP/AVP", codecs, "172.20.11.236", "sendrecv",
                    "private address 172.20.11.236 sent to public 129.158.233.108"));
        });
        WaitForAsyncUtils.waitForFxEvents();

        List<String> shown = new ArrayList<>();
        for (Node node : inspector[0].lookup("#inspectorSdp").lookupAll(".table-cell")) {
            if (node instanceof TableCell<?, ?> cell && codecs.equals(cell.getText())) {
                shown.add(((Text) cell.lookup(".text")).getText());
            }
        }
        robot.interact(() -> wide[0].hide());
        assertEquals(List.of(codecs), shown);
    }

    @Test
    void aMalformedMessagesReasonShowsWholeBelowTheSummary(FxRobot robot) {
        String reason = "From \"Bell, Alexander <sip:a.g.bell@example.com>;tag=43\" has the display name \"Bell, "
                + "Alexander\" unquoted though it holds ',' (RFC 3261 25.1: display-name = *(token LWS) / quoted-string)";
        SipMessage good = Flows.message(3, Flows.SBC, Flows.CARRIER,
                "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", null);
        SipMessage bad = new SipMessage(good.frame(), good.timestampMicros(), good.src(), good.dst(), good.transport(),
                good.method(), good.requestUri(), good.status(), good.reason(), good.headers(), good.body(), good.sdp(),
                good.raw(), true, reason);
        robot.interact(() -> viewModel.messageProperty().set(new FlowMessage(bad, 1, false, "k")));
        WaitForAsyncUtils.waitForFxEvents();

        Label problem = robot.lookup("#inspectorProblem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertEquals("Malformed: " + reason, ((Text) problem.lookup(".text")).getText(), "the reason is cut");

        robot.interact(() -> viewModel.messageProperty().set(new FlowMessage(good, 1, false, "k")));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(problem.isVisible());
        assertFalse(problem.isManaged(), "takes no room from the headers");
    }

    @Test
    void aLongIpv6SummaryGivesWayToTheFindFieldAndTheCopyButton(FxRobot robot) {
        Endpoint src = new Endpoint("fd17:625c:f037:2:a00:27ff:feb9:1521", 15060);
        Endpoint dst = new Endpoint("fd17:625c:f037:2:a00:27ff:feb9:3519", 5062);
        robot.interact(() -> viewModel.messageProperty().set(new FlowMessage(Flows.message(2, src, dst,
                "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", null),
                1, false, "k")));
        WaitForAsyncUtils.waitForFxEvents();

        Button copy = robot.lookup("#copyRaw").queryAs(Button.class);
        assertEquals("Copy raw message", ((Text) copy.lookup(".text")).getText(), "the button's label is cut");
        TextField find = robot.lookup("#inspectorFind").queryAs(TextField.class);
        assertTrue(find.getWidth() >= find.prefWidth(-1) - 0.5, "find field " + find.getWidth() + " px");
        Label summary = robot.lookup("#inspectorSummary").queryAs(Label.class);
        String text = summary.getText();
        assertTrue(text.contains(src + " → " + dst), text);
        assertEquals(text, summary.getTooltip().getText(), "the whole summary one hover away");
    }
}
