package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Evidence;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.Fix;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.Flows;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The findings panel of a large capture: its groups start closed and their rows are made when a group is opened
 * (100,000 findings made 160,000 tree rows at once); the finding of the call looked at is shown opened.
 */
@ExtendWith(ApplicationExtension.class)
class FindingsViewFxTest {

    private static final int CALLS = FindingsView.OPEN_FINDINGS / 2 + 10;

    private final List<CallFlow> calls = new ArrayList<>();
    private FindingsViewModel viewModel;
    private FindingsView view;

    @Start
    void start(Stage stage) {
        List<Finding> findings = refusedCalls(CALLS, true, calls);
        viewModel = diagnosing(findings);
        view = shown(viewModel, stage);
    }

    /**
     * {@code count} calls refused with 503, added to {@code calls}: their findings, a primary cause each (and a
     * warning with {@code warnings}).
     */
    static List<Finding> refusedCalls(int count, boolean warnings, List<CallFlow> calls) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "call-" + i;
            calls.add(Flows.call(id, "+4930" + i, "4940" + i, 503, "Service Unavailable"));
            findings.add(finding(FindingCode.LK_TRUNK_CONFLICT, Severity.ERROR, id, true));
            if (warnings) {
                findings.add(finding(FindingCode.B2BUA_FAILURE_RELAYED, Severity.WARNING, id, false));
            }
        }
        return findings;
    }

    /** The panel's view model, without a LiveKit config, whose diagnosis gives {@code findings} at once. */
    static FindingsViewModel diagnosing(List<Finding> findings) {
        LiveKitConfigViewModel config = new LiveKitConfigViewModel(new NoConfigSource(), new CurrentThreadTaskExecutor(),
                new FakeDialogs(), new UserPreferences(new InMemoryPreferenceStore()), Map.of());
        return new FindingsViewModel((flows, cfg, settings) -> new Diagnosis(findings, List.of()),
                new CurrentThreadTaskExecutor(), config);
    }

    /** The panel of {@code viewModel}, shown on {@code stage}. */
    static FindingsView shown(FindingsViewModel viewModel, Stage stage) {
        FindingsView view = new FindingsView(viewModel, frame -> { }, id -> { }, text -> { });
        stage.setScene(new Scene(view, 400, 600));
        stage.show();
        return view;
    }

    @Test
    void manyFindingsStartClosedAndTheCallLookedAtOpens(FxRobot robot) {
        robot.interact(() -> viewModel.setCalls(Flows.summaries(calls)));
        List<TreeItem<Object>> groups = view.tree().getRoot().getChildren();
        assertEquals(CALLS, groups.size());
        assertTrue(groups.stream().noneMatch(TreeItem::isExpanded));
        assertEquals(CALLS, view.tree().getExpandedItemCount(), "only the headings are rows");

        robot.interact(() -> viewModel.focusFlowIdProperty().set("call-7"));
        Finding primary = viewModel.selectedFindingProperty().get();
        assertEquals("call-7", primary.flowId());
        assertTrue(groups.get(7).isExpanded());
        assertSame(primary, view.tree().getSelectionModel().getSelectedItem().getValue());
        assertFalse(groups.get(8).isExpanded());
        assertEquals(CALLS + 2, view.tree().getExpandedItemCount());
    }

    /**
     * A new diagnosis (a config loaded, a deployment chosen) reaches the tree as a new root filled beforehand: the
     * tree's focus model looks up the row of each heading added to the root it shows, counting the headings before
     * it, which kept the FX thread busy for 40 s after big_sip.pcap's diagnosis (50,000 groups).
     */
    @Test
    void aNewDiagnosisAddsNoHeadingToTheRootTheTreeShows(FxRobot robot) {
        robot.interact(() -> viewModel.setCalls(Flows.summaries(calls)));
        robot.interact(() -> viewModel.focusFlowIdProperty().set("call-7"));
        Finding primary = viewModel.selectedFindingProperty().get();
        assertTrue(view.tree().getFocusModel().getFocusedIndex() >= 0, "a row has the focus, as after a click");
        TreeItem<Object> shown = view.tree().getRoot();
        int[] added = {0};
        shown.addEventHandler(TreeItem.<Object>childrenModificationEvent(), e -> added[0] += e.getAddedSize());

        robot.interact(() -> viewModel.setCalls(Flows.summaries(calls)));

        assertEquals(0, added[0], "headings added to the root the tree's focus model listens to");
        List<TreeItem<Object>> groups = view.tree().getRoot().getChildren();
        assertEquals(CALLS, groups.size());
        assertTrue(groups.get(7).isExpanded());
        assertFalse(groups.get(8).isExpanded());
        assertSame(primary, view.tree().getSelectionModel().getSelectedItem().getValue());
    }

    static Finding finding(FindingCode code, Severity severity, String flowId, boolean primary) {
        return new Finding(code, severity, code + " title", "why", flowId, flowId, primary,
                new Evidence(List.of(6L), List.of(), List.of()), new Fix(List.of("do it"), List.of(), null));
    }
}
