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
import org.sipladder.flow.Hop;
import org.sipladder.flow.HopAliases;
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
    void renamingAHopAsksTheShellWhichShowsTheRenamedCall(FxRobot robot) {
        robot.interact(() -> view.rename(view.getLadderLayout().column(0).hop()));
        assertEquals(List.of(TestFlows.CARRIER), renames.stream().map(Hop::address).toList());

        robot.interact(() -> view.setFlow(HopAliases.none().with(TestFlows.CARRIER, "Schmidtkom").apply(flow)));
        assertEquals("Schmidtkom", view.getLadderLayout().column(0).title().text());
    }

    @Test
    void zoomStaysWithinItsLimits(FxRobot robot) {
        robot.interact(() -> view.zoomProperty().set(10));
        assertEquals(LadderView.MAX_ZOOM, view.zoomProperty().get());
        robot.interact(view::zoomToFit);
        assertTrue(view.zoomProperty().get() >= LadderView.MIN_ZOOM && view.zoomProperty().get() <= LadderView.MAX_ZOOM);
    }

    private Point2D centreOfRow(int index) {
        WaitForAsyncUtils.waitForFxEvents();
        Bounds local = view.messageBounds(index).orElseThrow();
        return view.localToScreen(local.getCenterX(), local.getCenterY());
    }
}
