package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Evidence;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.Fix;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.Flows;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;

class FindingsViewModelTest {

    private final CallFlow failed = Flows.call("failed-1", "+4930111", "4940111", 503, "Service Unavailable");
    private final Finding relay = finding("B2BUA_FAILURE_RELAYED", Severity.WARNING, "failed-1", false, List.of());
    private final Finding conflict = finding("LK_TRUNK_CONFLICT", Severity.ERROR, "failed-1", true, List.of("ST_a", "ST_b"));
    private final Finding noAgent = finding("LK_RULE_NO_AGENT", Severity.WARNING, null, false, List.of("SDR_x"));
    private final List<LiveKitConfig> diagnosedWith = new ArrayList<>();

    private final LiveKitConfigViewModel config = new LiveKitConfigViewModel(new LiveKitConfigSource() {
        @Override
        public LiveKitConfig loadFiles(List<Path> files) {
            return new LiveKitConfig(List.of(), List.of(), List.of("x.json"));
        }

        @Override
        public LiveKitConfig fetch(ApiSettings settings) {
            throw new UnsupportedOperationException();
        }
    }, new CurrentThreadTaskExecutor(), new FakeDialogs(), new UserPreferences(new InMemoryPreferenceStore()), Map.of());

    private final FindingsViewModel viewModel = new FindingsViewModel((flows, cfg) -> {
        diagnosedWith.add(cfg);
        return new Diagnosis(flows.isEmpty() ? List.of(noAgent) : List.of(relay, noAgent, conflict), List.of());
    }, new CurrentThreadTaskExecutor(), config);

    private static Finding finding(String code, Severity severity, String flowId, boolean primary, List<String> ids) {
        return new Finding(code, severity, code + " title", "why", flowId, flowId, primary,
                new Evidence(List.of(6L), ids, List.of()), new Fix(List.of("do it"), List.of(), null));
    }

    @Test
    void groupsByCallWithThePrimaryCauseFirstAndConfigOnlyFindingsApart() {
        viewModel.setFlows(List.of(failed));

        assertEquals(List.of("+4930111 → 4940111 · 503 Service Unavailable", "LiveKit config"),
                viewModel.groups().stream().map(FindingGroup::title).toList());
        assertEquals(List.of("LK_TRUNK_CONFLICT", "B2BUA_FAILURE_RELAYED"),
                viewModel.groups().get(0).findings().stream().map(Finding::code).toList());
        assertEquals("3 findings (1 error) · primary cause: LK_TRUNK_CONFLICT", viewModel.summaryProperty().get());
    }

    @Test
    void groupsByConfigObjectListAFindingUnderEachIdItNames() {
        viewModel.setFlows(List.of(failed));
        viewModel.groupByProperty().set(FindingsViewModel.GroupBy.CONFIG);
        assertEquals(List.of("ST_a", "ST_b", "Capture only (no trunk or rule involved)", "SDR_x"),
                viewModel.groups().stream().map(FindingGroup::title).toList());
    }

    @Test
    void lookingAtACallSelectsItsPrimaryCause() {
        viewModel.setFlows(List.of(failed));
        assertNull(viewModel.selectedFindingProperty().get());
        viewModel.focusFlowIdProperty().set("failed-1");
        assertEquals(conflict, viewModel.selectedFindingProperty().get());
        viewModel.focusFlowIdProperty().set("other");
        assertNull(viewModel.selectedFindingProperty().get());
    }

    @Test
    void loadingAConfigDiagnosesAgain() {
        viewModel.setFlows(List.of(failed));
        config.loadFiles(List.of(Path.of("x.json")));
        assertEquals(2, diagnosedWith.size());
        assertEquals(List.of("x.json"), diagnosedWith.get(1).sources());
    }
}
