package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.diagnose.Finding;
import org.sipladder.flow.CallFlow;
import org.sipladder.ui.Flows;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The split between the findings list and the selected finding's detail in a short panel (the findings side of a
 * 1024x700 window): a call's few findings leave the detail the room, a capture's many keep five rows of the list.
 */
@ExtendWith(ApplicationExtension.class)
class FindingsSplitFxTest {

    private static final double ROW = FindingsView.ROW_HEIGHT;

    @Test
    void aCallsTwoFindingsTakeThreeRowsAndTheDetailHasTheRest(FxRobot robot) {
        List<CallFlow> calls = new ArrayList<>();
        List<Finding> findings = FindingsViewFxTest.refusedCalls(1, true, calls);
        FindingsView view = shownShort(robot, findings, calls);
        TreeView<Object> tree = view.tree();
        assertEquals(3, tree.getExpandedItemCount(), "the call's heading and its two findings");
        Region detail = (Region) view.split().getItems().get(1);
        assertTrue(tree.getHeight() <= 3 * ROW + 16 + 4 + 0.5, "list " + tree.getHeight() + " px for three rows");
        assertTrue(tree.getHeight() >= 3 * ROW, "list " + tree.getHeight() + " px hides a row");
        // the panel's split is ~215 px at 1024x700: the detail had 70 of them, now what the three rows leave
        assertTrue(detail.getHeight() >= view.split().getHeight() - tree.getHeight() - 10,
                "detail " + detail.getHeight() + " px of " + view.split().getHeight());
        assertTrue(detail.getHeight() > 110, "detail " + detail.getHeight() + " px");
        robot.interact(() -> view.getScene().getWindow().hide());
    }

    @Test
    void manyFindingsKeepFiveRowsEvenWhenTheDividerIsDraggedUp(FxRobot robot) {
        List<CallFlow> calls = new ArrayList<>();
        List<Finding> findings = FindingsViewFxTest.refusedCalls(8, false, calls);
        FindingsView view = shownShort(robot, findings, calls);
        SplitPane split = view.split();
        robot.interact(() -> split.setDividerPositions(0.05));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.tree().getExpandedItemCount() > FindingsView.MIN_ROWS);
        assertTrue(view.tree().getHeight() >= FindingsView.MIN_ROWS * ROW,
                "list " + view.tree().getHeight() + " px high after the drag");
        robot.interact(() -> view.getScene().getWindow().hide());
    }

    /** The panel of {@code findings} of {@code calls} in a window as short as the findings side at 1024x700. */
    private static FindingsView shownShort(FxRobot robot, List<Finding> findings, List<CallFlow> calls) {
        FindingsViewModel viewModel = FindingsViewFxTest.diagnosing(findings);
        FindingsView[] view = new FindingsView[1];
        robot.interact(() -> {
            Stage stage = new Stage();
            view[0] = FindingsViewFxTest.shown(viewModel, stage);
            stage.setWidth(340);
            stage.setHeight(300);
            viewModel.setCalls(Flows.summaries(calls));
            viewModel.focusFlowIdProperty().set("call-0");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(viewModel.selectedFindingProperty().get() != null, "a finding is selected");
        return view[0];
    }
}
