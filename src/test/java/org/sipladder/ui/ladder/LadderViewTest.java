package org.sipladder.ui.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.HopAliases;
import org.sipladder.ladder.Box;
import org.sipladder.ladder.LadderStream;
import org.sipladder.ladder.StreamRow;
import org.sipladder.ladder.TestFlows;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LadderViewTest {

    private final CallFlow flow = TestFlows.seed();
    private final List<FlowMessage> opened = new ArrayList<>();
    private final List<Hop> renames = new ArrayList<>();
    private LadderView view;
    private LadderViewModel model;

    @Start
    void start(Stage stage) {
        view = new LadderView();
        model = view.viewModel();
        model.setFlow(flow);
        model.setOnOpenMessage(opened::add);
        model.setOnRenameHop(renames::add);
        stage.setScene(new Scene(view, 900, 500));
        stage.show();
    }

    @Test
    void withoutACallThereIsNoScrollBarAndTheBarComesBackWithOne(FxRobot robot) {
        robot.interact(() -> model.setFlow(null));

        assertTrue(robot.lookup(".scroll-bar").queryAll().stream().noneMatch(Node::isVisible),
                "nothing to scroll, so no scroll bar");
        assertEquals(view.getWidth(), canvasWidth(), 0.5, "the empty view is not narrowed for a bar");

        robot.interact(() -> model.setFlow(flow));
        assertTrue(robot.lookup(".scroll-bar").queryAll().stream().anyMatch(Node::isVisible),
                "a call brings the vertical bar back");
    }

    private double canvasWidth() {
        return view.getChildrenUnmodifiable().stream().filter(n -> n instanceof Canvas)
                .mapToDouble(n -> ((Canvas) n).getWidth()).findFirst().orElseThrow();
    }

    @Test
    void clickingAnArrowSelectsItsMessage(FxRobot robot) {
        robot.clickOn(centreOfRow(5));

        assertSame(flow.messages().get(5), model.selectedMessageProperty().get());
        assertEquals("503 Try again later", model.selectedMessageProperty().get().message().label());
    }

    @Test
    void downAndUpMoveTheSelectionAndEnterOpensIt(FxRobot robot) {
        robot.clickOn(centreOfRow(2));
        robot.type(KeyCode.DOWN);
        assertSame(flow.messages().get(3), model.selectedMessageProperty().get());
        robot.type(KeyCode.DOWN, 2);
        robot.type(KeyCode.UP);
        assertSame(flow.messages().get(4), model.selectedMessageProperty().get());
        robot.type(KeyCode.END);
        assertSame(flow.messages().get(flow.messages().size() - 1), model.selectedMessageProperty().get());
        robot.type(KeyCode.HOME);
        robot.type(KeyCode.ENTER);
        assertEquals(List.of(flow.messages().get(0)), opened);
    }

    @Test
    void selectingFromOutsideScrollsALongLadderToTheRow(FxRobot robot) {
        CallFlow longFlow = TestFlows.dialog(2_000);
        robot.interact(() -> model.setFlow(longFlow));
        robot.interact(() -> model.selectedMessageProperty().set(longFlow.messages().get(1_500)));

        Optional<Bounds> bounds = view.messageBounds(1_500);
        assertTrue(bounds.isPresent(), "the selected row is scrolled into view");
        robot.clickOn(centreOfRow(1_499));
        assertSame(longFlow.messages().get(1_499), model.selectedMessageProperty().get());
    }

    @Test
    void renamingAHopAsksTheShellWhichShowsTheRenamedCall(FxRobot robot) {
        robot.interact(() -> model.rename(view.getLadderLayout().column(0).hop()));
        assertEquals(List.of(TestFlows.CARRIER), renames.stream().map(Hop::address).toList());

        robot.interact(() -> model.setFlow(HopAliases.none().with(TestFlows.CARRIER, "Schmidtkom").apply(flow)));
        assertEquals("Schmidtkom", view.getLadderLayout().column(0).title().text());
    }

    @Test
    void zoomStaysWithinItsLimits(FxRobot robot) {
        robot.interact(() -> model.zoomProperty().set(10));
        assertEquals(LadderViewModel.MAX_ZOOM, model.zoomProperty().get());
        robot.interact(view::zoomToFit);
        assertTrue(model.zoomProperty().get() >= LadderViewModel.MIN_ZOOM && model.zoomProperty().get() <= LadderViewModel.MAX_ZOOM);
    }

    @Test
    void zoomingKeepsTheSelectedArrowInView(FxRobot robot) {
        CallFlow longFlow = TestFlows.dialog(400);
        robot.interact(() -> model.setFlow(longFlow));
        robot.interact(() -> model.selectedMessageProperty().set(longFlow.messages().get(300)));
        assertTrue(view.messageBounds(300).isPresent());
        robot.interact(model::zoomIn);
        robot.interact(model::zoomIn);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.messageBounds(300).isPresent(), "still in view after zooming in");
        robot.interact(() -> model.zoomProperty().set(LadderViewModel.MIN_ZOOM));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.messageBounds(300).isPresent(), "still in view after zooming out");
    }

    @Test
    void theTimeGutterCountsFromTheCallStartOnRequest(FxRobot robot) {
        String clock = view.getLadderLayout().row(1).time().text();
        robot.interact(() -> model.setTimeBase(java.time.ZoneOffset.UTC, true));
        assertEquals("+0.000", view.getLadderLayout().row(0).time().text());
        assertTrue(view.getLadderLayout().row(1).time().text().startsWith("+"), view.getLadderLayout().row(1).time().text());
        assertEquals("Seconds from start", view.getLadderLayout().gutterTitle().text());
        robot.interact(() -> model.setTimeBase(java.time.ZoneOffset.UTC, false));
        assertEquals(clock, view.getLadderLayout().row(1).time().text());
    }

    @Test
    void copyAsTextHandsTheTextExportToTheShell(FxRobot robot) {
        List<String> copied = new ArrayList<>();
        robot.interact(() -> {
            model.setOnCopyText(copied::add);
            model.copyAsText();
        });
        assertEquals(1, copied.size());
        assertEquals(new org.sipladder.ladder.LadderTextExport().write(view.getLadderLayout()), copied.get(0));
        assertTrue(copied.get(0).contains("503 Try again later"));
    }

    @Test
    void anArrowsTooltipSaysWhatWhenWhichCallAndHowBig() {
        var row = view.getLadderLayout().row(5);
        String tip = ArrowTooltip.text(row, java.time.ZoneOffset.UTC);
        assertTrue(tip.startsWith("503 Try again later"), tip);
        assertTrue(tip.contains("Call-ID: " + row.message().message().callId()), tip);
        assertTrue(tip.contains("(UTC)") && tip.contains(" bytes"), tip);
    }

    @Test
    void scrollingTheWheelUnderTheTooltipMakesItTellOfTheArrowNowUnderThePointer(FxRobot robot) {
        CallFlow longFlow = TestFlows.dialog(200);
        robot.interact(() -> model.setFlow(longFlow));
        Point2D pointer = centreOfRow(3);
        robot.moveTo(pointer);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.arrowTipText().startsWith(longFlow.messages().get(3).message().label()), view.arrowTipText());

        Point2D local = view.screenToLocal(pointer);
        // a wheel turn where the pointer is (the robot's own wheel events do not reach a view under Monocle)
        robot.interact(() -> view.fireEvent(new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL,
                local.getX(), local.getY(), pointer.getX(), pointer.getY(), false, false, false, false, false, false,
                0, -200, 0, -200, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        WaitForAsyncUtils.waitForFxEvents();
        int under = -1;
        for (int i = 0; i < longFlow.messages().size() && under < 0; i++) {
            Optional<Bounds> b = view.messageBounds(i);
            if (b.isPresent() && b.get().contains(view.screenToLocal(pointer))) {
                under = i;
            }
        }
        assertTrue(under > 3, "the wheel moved the ladder under the pointer, now at row " + under);
        assertEquals(ArrowTooltip.text(view.getLadderLayout().row(under), view.getLadderLayout().style().zone()),
                view.arrowTipText());
    }

    @Test
    void hoveringAStreamShowsItsWholeDetailThatTheArrowCuts(FxRobot robot) {
        // a detail longer than any arrow may be: the arrow shows its first fields and "…", the tooltip all of it
        String detail = TestFlows.JAMBONZ + ":40000 \u2192 " + TestFlows.LIVEKIT + ":30000 \u00b7 MOS 4.4 \u00b7 "
                + "SSRC 0x1234ABCD \u00b7 " + "x".repeat(80);
        long start = flow.messages().get(4).message().timestampMicros() + 1000;
        LadderStream stream = new LadderStream(0, TestFlows.JAMBONZ, TestFlows.LIVEKIT, start, start + 30_020_000,
                "RTP PCMU \u00b7 1,501 pkts", detail, List.of("one-way"));
        robot.interact(() -> {
            model.setStreamSource(c -> List.of(stream));
            model.setFlow(null);
            model.setFlow(flow);
        });
        WaitForAsyncUtils.waitForFxEvents();
        StreamRow row = view.getLadderLayout().streamRows().get(0);
        assertTrue(!row.arrow().detail().text().equals(detail), "the arrow cuts the detail: " + row.arrow().detail().text());

        Box band = row.bounds();
        robot.moveTo(view.localToScreen(view.getLadderLayout().gutterWidth() + 60, band.y() + band.height() / 2));
        WaitForAsyncUtils.waitForFxEvents();

        String tip = view.arrowTipText();
        assertTrue(tip != null && tip.startsWith("RTP PCMU \u00b7 1,501 pkts"), tip);
        assertTrue(tip.contains(detail), tip);
        assertTrue(tip.contains("one-way"), tip);
        assertTrue(tip.contains("(UTC)") && tip.contains("30.020 s"), tip);
    }

    private Point2D centreOfRow(int index) {
        WaitForAsyncUtils.waitForFxEvents();
        Bounds local = view.messageBounds(index).orElseThrow();
        return view.localToScreen(local.getCenterX(), local.getCenterY());
    }
}
