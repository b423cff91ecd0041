package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCatalogue;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.FindingRule;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallSummary;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.TestCaptures;
import org.sipladder.ui.load.LoadObserver;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.main.DemoCapture;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;

/**
 * The panel keeps of a large capture's diagnosis each call's finding codes, severities and primary marks, and
 * diagnoses a call again when it is shown (big_sip.pcap's 110,000 findings and their routings took 42 MB): what it
 * shows is what it showed with every finding kept.
 */
class KeptDiagnosisTest {

    @TempDir
    Path dir;

    @Test
    void thePanelShowsTheSameWhetherTheFindingsWereKeptOrAreWorkedOutAgain() throws Exception {
        LoadedCapture loaded = new PipelineCaptureLoader().load(TestCaptures.threeKindsOfCalls(dir, 25),
                LoadObserver.none());
        DemoCapture demo = DemoCapture.extract();
        Panel whole = new Panel((flows, cfg, settings) -> DiagnosisEngine.standard().diagnose(flows, cfg, settings));
        Panel kept = new Panel(new CallByCallDiagnoser(DiagnosisEngine.standard(), 2));
        for (Panel panel : List.of(whole, kept)) {
            panel.findings.setCalls(loaded.calls());
        }
        assertTrue(whole.findings.shownProperty().get().isHeld());
        assertFalse(kept.findings.shownProperty().get().isHeld());
        assertSamePanel(whole, kept, loaded.calls());

        for (Panel panel : List.of(whole, kept)) {
            panel.config.loadFiles(demo.configFiles());
        }
        assertFalse(whole.config.configProperty().get().isEmpty());
        assertSamePanel(whole, kept, loaded.calls());
        assertTrue(whole.config.trunks().stream().anyMatch(t -> !t.calls().isEmpty()), "no call reached a trunk");
        assertEquals(whole.config.trunks(), kept.config.trunks());
        assertEquals(whole.config.rules(), kept.config.rules());
        assertEquals(whole.findings.wholeDiagnosis().get().findings(), kept.findings.wholeDiagnosis().get().findings());

        for (Panel panel : List.of(whole, kept)) {
            panel.findings.groupByProperty().set(FindingsViewModel.GroupBy.CONFIG);
        }
        assertEquals(titles(whole), titles(kept));
        assertEquals(findings(whole), findings(kept));
    }

    private static void assertSamePanel(Panel whole, Panel kept, List<CallSummary> calls) {
        assertEquals(whole.findings.summaryProperty().get(), kept.findings.summaryProperty().get());
        assertTrue(whole.findings.findingCount() >= 50, whole.findings.summaryProperty()::get);
        assertEquals(whole.findings.findingCount(), kept.findings.findingCount());
        assertEquals(titles(whole), titles(kept));
        assertEquals(whole.findings.groups().stream().map(FindingGroup::size).toList(),
                kept.findings.groups().stream().map(FindingGroup::size).toList());
        assertEquals(findings(whole), findings(kept));
        assertEquals(whole.findings.codesByCall(), kept.findings.codesByCall());
        int primaries = 0;
        for (CallSummary call : calls) {
            assertEquals(whole.findings.routingSummaries(call.id()), kept.findings.routingSummaries(call.id()));
            for (Panel panel : List.of(whole, kept)) {
                panel.findings.focusFlowIdProperty().set(call.id());
            }
            Finding selected = kept.findings.selectedFindingProperty().get();
            assertEquals(whole.findings.selectedFindingProperty().get(), selected);
            if (selected != null) {
                primaries++;
                FindingGroup group = kept.findings.groups().stream().filter(g -> g.holds(selected)).findFirst()
                        .orElseThrow();
                assertTrue(group.findings().stream().anyMatch(f -> f == selected), "the panel lists what is selected");
            }
        }
        assertTrue(primaries > 0, "no call had a primary cause");
    }

    @Test
    void aCallsFindingsAreWorkedOutWhenFirstShownAndKeptFromThen() throws Exception {
        LoadedCapture loaded = new PipelineCaptureLoader().load(TestCaptures.threeKindsOfCalls(dir, 3),
                LoadObserver.none());
        AtomicInteger looked = new AtomicInteger();
        List<FindingRule> rules = new ArrayList<>(FindingCatalogue.all());
        rules.add(context -> {
            looked.addAndGet(context.flows().size());
            return List.of();
        });
        KeptDiagnosis kept = new CallByCallDiagnoser(new DiagnosisEngine(rules), 1).diagnoseKept(loaded.flows(),
                LiveKitConfig.empty(), DiagnosisSettings.FROM_EVIDENCE, CaptureMedia.none());
        assertEquals(9, looked.get(), "each call diagnosed once");
        CallFindings call = kept.listed().get(0);
        assertTrue(call.size() > 0);
        FindingCode first = call.code(0);

        List<Finding> shown = call.findings();
        assertEquals(10, looked.get(), "the call shown is diagnosed again, on its own");
        assertSame(shown, call.findings());
        assertEquals(10, looked.get(), "its findings are kept once worked out");
        assertEquals(first, shown.get(0).code());
        assertEquals(call.size(), shown.size());
    }

    @Test
    void callsWithOneIdAreListedTogetherAsWhenTheirFindingsWereKept() throws Exception {
        LoadedCapture loaded = new PipelineCaptureLoader().load(TestCaptures.threeCalls(dir), LoadObserver.none());
        List<CallFlow> flows = new ArrayList<>(loaded.flows());
        // a capture may hold two calls with one id: their findings are one group, as with every finding kept
        flows.add(flows.get(0));
        flows.add(1, flows.get(flows.size() - 2));
        CallByCallDiagnoser diagnoser = new CallByCallDiagnoser(DiagnosisEngine.standard(), 2);
        KeptDiagnosis whole = KeptDiagnosis.held(diagnoser.diagnose(flows, LiveKitConfig.empty(),
                DiagnosisSettings.FROM_EVIDENCE));
        KeptDiagnosis kept = diagnoser.diagnoseKept(flows, LiveKitConfig.empty(), DiagnosisSettings.FROM_EVIDENCE,
                CaptureMedia.none());
        assertEquals(whole.listed().stream().map(CallFindings::flowId).toList(),
                kept.listed().stream().map(CallFindings::flowId).toList());
        assertTrue(kept.listed().stream().anyMatch(c -> c.size() > 1));
        for (int i = 0; i < whole.listed().size(); i++) {
            CallFindings a = whole.listed().get(i);
            CallFindings b = kept.listed().get(i);
            for (int k = 0; k < a.size(); k++) {
                assertEquals(a.code(k), b.code(k));
                assertEquals(a.severity(k), b.severity(k));
                assertEquals(a.primary(k), b.primary(k));
            }
            assertEquals(a.findings(), b.findings());
            assertEquals(a.routings(), b.routings());
        }
        assertEquals(whole.primaryCodes(), kept.primaryCodes());
        assertEquals(whole.size(), kept.size());
        assertEquals(whole.errors(), kept.errors());
    }

    @Test
    void atMost128FindingCodesFitTheFilterBits() {
        assertTrue(FindingCode.values().length <= 128, "codesByCall keeps a call's codes as the bits of two longs");
    }

    private static List<String> titles(Panel panel) {
        return panel.findings.groups().stream().map(FindingGroup::title).toList();
    }

    private static List<List<Finding>> findings(Panel panel) {
        return panel.findings.groups().stream().map(FindingGroup::findings).toList();
    }

    /** A findings panel's view model with its own config view model, working on the current thread. */
    private static final class Panel {
        final LiveKitConfigViewModel config = new LiveKitConfigViewModel(new SdkLiveKitConfigSource(),
                new CurrentThreadTaskExecutor(), new FakeDialogs(), new UserPreferences(new InMemoryPreferenceStore()),
                Map.of());
        final FindingsViewModel findings;

        Panel(Diagnoser diagnoser) {
            findings = new FindingsViewModel(diagnoser, new CurrentThreadTaskExecutor(), config);
        }
    }
}
