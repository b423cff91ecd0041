package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.diagnose.Finding;
import org.sipladder.flow.CallFlow;
import org.sipladder.ui.Flows;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The findings panel of a capture with more calls than {@link FindingsView#GROUPS_PER_RANGE}: the calls' headings
 * are shown in ranges, each range's headings made when it is opened (50,000 headings took 25 MB), and the call
 * looked at still opens on its primary cause.
 */
@ExtendWith(ApplicationExtension.class)
class FindingsViewRangesFxTest {

    private static final int CALLS = 2 * FindingsView.GROUPS_PER_RANGE + 50;

    private final List<CallFlow> calls = new ArrayList<>();
    private FindingsViewModel viewModel;
    private FindingsView view;

    @Start
    void start(Stage stage) {
        List<Finding> findings = FindingsViewFxTest.refusedCalls(CALLS, false, calls);
        viewModel = FindingsViewFxTest.diagnosing(findings);
        view = FindingsViewFxTest.shown(viewModel, stage);
    }

    @Test
    void manyCallsAreShownInRangesAndTheCallLookedAtOpens(FxRobot robot) {
        robot.interact(() -> viewModel.setCalls(Flows.summaries(calls)));
        List<TreeItem<Object>> ranges = view.tree().getRoot().getChildren();
        assertEquals(3, ranges.size(), "ranges of " + FindingsView.GROUPS_PER_RANGE + " calls");
        assertEquals(3, view.tree().getExpandedItemCount(), "only the ranges are rows");
        assertEquals("Groups 2,001–2,050 of 2,050 (50 findings)",
                ((FindingsView.GroupRange) ranges.get(2).getValue()).title());

        robot.interact(() -> viewModel.focusFlowIdProperty().set("call-1500"));
        Finding primary = viewModel.selectedFindingProperty().get();
        assertEquals("call-1500", primary.flowId());
        assertFalse(ranges.get(0).isExpanded());
        assertTrue(ranges.get(1).isExpanded());
        TreeItem<Object> group = ranges.get(1).getChildren().get(500);
        assertEquals("call-1500", ((FindingGroup) group.getValue()).findings().get(0).flowId());
        assertTrue(group.isExpanded());
        assertSame(primary, view.tree().getSelectionModel().getSelectedItem().getValue());
        assertEquals(3 + FindingsView.GROUPS_PER_RANGE + 1, view.tree().getExpandedItemCount());
    }
}
