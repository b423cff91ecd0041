package org.sipladder.ui.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.ladder.TestFlows;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LadderViewTest {

    private final CallFlow flow = TestFlows.seed();
    private final List<FlowMessage> opened = new ArrayList<>();
    private final List<HopRename> renames = new ArrayList<>();
    private LadderView view;

    @Start
    void start(Stage stage) {
        view = new LadderView();
        view.setFlow(flow);
        view.setOnOpenMessage(opened::add);
        view.setOnRenameHop(renames::add);
        stage.setScene(new Scene(view, 900, 500));
        stage.show();
    }

    @Test
    void clickingAnArrowSelectsItsMessage(FxRobot robot) {
        robot.clickOn(centreOfRow(5));

        assertSame(flow.messages().get(5), view.selectedMessageProperty().get());
        assertEquals("503 Try again later", view.selectedMessageProperty().get().message().label());
    }

    @Test
    void downAndUpMoveTheSelectionAndEnterOpensIt(FxRobot robot) {
        robot.clickOn(centreOfRow(2));
        robot.type(KeyCode.DOWN);
        assertSame(flow.messages().get(3), view.selectedMessageProperty().get());
        robot.type(KeyCode.DOWN, 2);
        robot.type(KeyCode.UP);
        assertSame(flow.messages().get(4), view.selectedMessageProperty().get());
        robot.type(KeyCode.END);
        assertSame(flow.messages().get(flow.messages().size() - 1), view.selectedMessageProperty().get());
        robot.type(KeyCode.HOME);
        robot.type(KeyCode.ENTER);
        assertEquals(List.of(flow.messages().get(0)), opened);
    }

    @Test
    void selectingFromOutsideScrollsALongLadderToTheRow(FxRobot robot) {
        CallFlow longFlow = TestFlows.dialog(2_000);
        robot.interact(() -> view.setFlow(longFlow));
        robot.interact(() -> view.selectedMessageProperty().set(longFlow.messages().get(1_500)));

        Optional<Bounds> bounds = view.messageBounds(1_500);
        assertTrue(bounds.isPresent(), "the selected row is scrolled into view");
        robot.clickOn(centreOfRow(1_499));
        assertSame(longFlow.messages().get(1_499), view.selectedMessageProperty().get());
    }

    @Test
    void renamingAHopRetitlesItsColumnAndTellsTheShell(FxRobot robot) {
        robot.interact(() -> {
            view.aliasPromptProperty().set(hop -> Optional.of("Schmidtkom"));
            view.rename(view.getLadderLayout().column(0).hop());
        });

        assertEquals(List.of(new HopRename(TestFlows.CARRIER, "Schmidtkom")), renames);
        assertEquals("Schmidtkom", view.getLadderLayout().column(0).title().text());
    }

    @Test
    void zoomStaysWithinItsLimits(FxRobot robot) {
        robot.interact(() -> view.zoomProperty().set(10));
        assertEquals(LadderView.MAX_ZOOM, view.zoomProperty().get());
        robot.interact(view::zoomToFit);
        assertTrue(view.zoomProperty().get() >= LadderView.MIN_ZOOM && view.zoomProperty().get() <= LadderView.MAX_ZOOM);
    }

    @Test
    void zoomingKeepsTheSelectedArrowInView(FxRobot robot) {
        CallFlow longFlow = TestFlows.dialog(400);
        robot.interact(() -> view.setFlow(longFlow));
        robot.interact(() -> view.selectedMessageProperty().set(longFlow.messages().get(300)));
        assertTrue(view.messageBounds(300).isPresent());
        robot.interact(view::zoomIn);
        robot.interact(view::zoomIn);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.messageBounds(300).isPresent(), "still in view after zooming in");
        robot.interact(() -> view.zoomProperty().set(LadderView.MIN_ZOOM));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.messageBounds(300).isPresent(), "still in view after zooming out");
    }

    @Test
    void theTimeGutterCountsFromTheCallStartOnRequest(FxRobot robot) {
        String clock = view.getLadderLayout().row(1).time().text();
        robot.interact(() -> view.setTimeBase(java.time.ZoneOffset.UTC, true));
        assertEquals("+0.000", view.getLadderLayout().row(0).time().text());
        assertTrue(view.getLadderLayout().row(1).time().text().startsWith("+"), view.getLadderLayout().row(1).time().text());
        assertEquals("Seconds from start", view.getLadderLayout().gutterTitle().text());
        robot.interact(() -> view.setTimeBase(java.time.ZoneOffset.UTC, false));
        assertEquals(clock, view.getLadderLayout().row(1).time().text());
    }

    @Test
    void copyAsTextHandsTheTextExportToTheShell(FxRobot robot) {
        List<String> copied = new ArrayList<>();
        robot.interact(() -> {
            view.onCopyTextProperty().set(copied::add);
            view.copyAsText();
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

    private Point2D centreOfRow(int index) {
        WaitForAsyncUtils.waitForFxEvents();
        Bounds local = view.messageBounds(index).orElseThrow();
        return view.localToScreen(local.getCenterX(), local.getCenterY());
    }
}
