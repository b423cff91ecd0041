package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Evidence;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.Fix;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallFlow;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.livekit.Deployment;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.Flows;
import org.sipladder.ui.prefs.InMemoryPreferenceStore;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.BackgroundWork;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;
import org.sipladder.ui.task.TaskExecutor;
import org.sipladder.ui.task.TaskHandle;

class FindingsViewModelTest {

    private final CallFlow failed = Flows.call("failed-1", "+4930111", "4940111", 503, "Service Unavailable");
    private final Finding relay = finding(FindingCode.B2BUA_FAILURE_RELAYED, Severity.WARNING, "failed-1", false, List.of());
    private final Finding conflict = finding(FindingCode.LK_TRUNK_CONFLICT, Severity.ERROR, "failed-1", true, List.of("ST_a", "ST_b"));
    private final Finding noAgent = finding(FindingCode.LK_RULE_NO_AGENT, Severity.WARNING, null, false, List.of("SDR_x"));
    private final List<LiveKitConfig> diagnosedWith = new ArrayList<>();
    private final List<DiagnosisSettings> settingsUsed = new ArrayList<>();

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

    private final FindingsViewModel viewModel = new FindingsViewModel((flows, cfg, settings) -> {
        diagnosedWith.add(cfg);
        settingsUsed.add(settings);
        return new Diagnosis(flows.isEmpty() ? List.of(noAgent) : List.of(relay, noAgent, conflict), List.of());
    }, new CurrentThreadTaskExecutor(), config);

    private static Finding finding(FindingCode code, Severity severity, String flowId, boolean primary, List<String> ids) {
        return new Finding(code, severity, code + " title", "why", flowId, flowId, primary,
                new Evidence(List.of(6L), ids, List.of()), new Fix(List.of("do it"), List.of(), null));
    }

    @Test
    void theCapturesStreamsReachTheDiagnoser() {
        List<CaptureMedia> mediaUsed = new ArrayList<>();
        FindingsViewModel withMedia = new FindingsViewModel(new Diagnoser() {
            @Override
            public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig cfg, DiagnosisSettings settings) {
                throw new AssertionError("diagnosed without the capture's streams");
            }

            @Override
            public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig cfg, DiagnosisSettings settings,
                                      CaptureMedia media) {
                mediaUsed.add(media);
                return new Diagnosis(List.of(), List.of());
            }
        }, new CurrentThreadTaskExecutor(), config);
        CaptureMedia media = CaptureMedia.none();
        withMedia.setCalls(Flows.summaries(failed), media);
        config.deploymentProperty().set(Deployment.SELF_HOSTED);
        assertEquals(2, mediaUsed.size());
        mediaUsed.forEach(m -> assertSame(media, m));
    }

    @Test
    void aCodeBeyondTheSixtyFourthIsNotTakenForTheFirst() {
        // 1L << 64 is 1L << 0 in Java: the filter's bits must not fold the 65th code onto the first
        FindingCode first = FindingCode.values()[0];
        FindingCode beyond = FindingCode.values()[64];
        List<Finding> found = List.of(finding(first, Severity.ERROR, "call-1", true, List.of()),
                finding(beyond, Severity.ERROR, "call-2", true, List.of()));
        FindingsViewModel two = new FindingsViewModel((flows, cfg, settings) -> new Diagnosis(found, List.of()),
                new CurrentThreadTaskExecutor(), config);
        two.setCalls(Flows.summaries(failed));

        Map<String, Set<String>> codes = two.codesByCall();

        assertEquals(Set.of(first.name()), codes.get("call-1"));
        assertEquals(Set.of(beyond.name()), codes.get("call-2"));
    }

    @Test
    void callsWithTheSameFindingCodesShareOneSetForTheFilter() {
        List<Finding> found = List.of(
                finding(FindingCode.LK_TRUNK_CONFLICT, Severity.ERROR, "call-1", true, List.of()),
                finding(FindingCode.B2BUA_FAILURE_RELAYED, Severity.WARNING, "call-1", false, List.of()),
                finding(FindingCode.B2BUA_FAILURE_RELAYED, Severity.WARNING, "call-2", false, List.of()),
                finding(FindingCode.LK_TRUNK_CONFLICT, Severity.ERROR, "call-2", true, List.of()),
                finding(FindingCode.LK_TRUNK_CONFLICT, Severity.ERROR, "call-2", false, List.of()),
                finding(FindingCode.LK_TRUNK_CONFLICT, Severity.ERROR, "call-3", true, List.of()),
                noAgent);
        FindingsViewModel three = new FindingsViewModel((flows, cfg, settings) -> new Diagnosis(found, List.of()),
                new CurrentThreadTaskExecutor(), config);
        three.setCalls(Flows.summaries(failed));

        Map<String, Set<String>> codes = three.codesByCall();

        assertEquals(Map.of("call-1", Set.of("LK_TRUNK_CONFLICT", "B2BUA_FAILURE_RELAYED"),
                "call-2", Set.of("LK_TRUNK_CONFLICT", "B2BUA_FAILURE_RELAYED"),
                "call-3", Set.of("LK_TRUNK_CONFLICT")), codes);
        assertSame(codes.get("call-1"), codes.get("call-2"));
    }

    @Test
    void callsWhoseCodesAre64ApartKeepTheirOwnCodes() {
        // a call's codes were the bits of one long: the 65th code's bit was the first's
        FindingCode first = FindingCode.values()[0];
        FindingCode sixtyFifth = FindingCode.values()[64];
        List<Finding> found = List.of(finding(first, Severity.ERROR, "call-1", true, List.of()),
                finding(sixtyFifth, Severity.ERROR, "call-2", true, List.of()));
        FindingsViewModel two = new FindingsViewModel((flows, cfg, settings) -> new Diagnosis(found, List.of()),
                new CurrentThreadTaskExecutor(), config);
        two.setCalls(Flows.summaries(failed));

        assertEquals(Map.of("call-1", Set.of(first.name()), "call-2", Set.of(sixtyFifth.name())), two.codesByCall());
    }

    @Test
    void choosingTheDeploymentDiagnosesAgainWithIt() {
        viewModel.setCalls(Flows.summaries(failed));

        config.deploymentProperty().set(Deployment.SELF_HOSTED);
        config.deploymentProperty().set(null);

        assertEquals(List.of(DiagnosisSettings.FROM_EVIDENCE, new DiagnosisSettings(Deployment.SELF_HOSTED, null),
                DiagnosisSettings.FROM_EVIDENCE), settingsUsed);
    }

    @Test
    void groupsByCallWithThePrimaryCauseFirstAndConfigOnlyFindingsApart() {
        viewModel.setCalls(Flows.summaries(failed));

        assertEquals(List.of("+4930111 → 4940111 · 503 Service Unavailable", "LiveKit config"),
                viewModel.groups().stream().map(FindingGroup::title).toList());
        assertEquals(List.of(FindingCode.LK_TRUNK_CONFLICT, FindingCode.B2BUA_FAILURE_RELAYED),
                viewModel.groups().get(0).findings().stream().map(Finding::code).toList());
        assertEquals("3 findings (1 error) · primary cause: LK_TRUNK_CONFLICT", viewModel.summaryProperty().get());
        // a call's heading is made when shown, not kept: 50,000 of them took 5 MB after a large capture's diagnosis
        FindingGroup call = viewModel.groups().get(0);
        assertNotSame(call.title(), call.title());
    }

    @Test
    void aHeadingNamesTheMethodOfACallThatIsNoInviteSoThatARegisterAndASubscribeReadApart() {
        CallFlow register = Flows.dialog("REGISTER", "reg-1", "telephone1", "telephone1", 403, "Forbidden");
        CallFlow subscribe = Flows.dialog("SUBSCRIBE", "sub-1", "telephone1", "telephone1", 403, "Forbidden");
        CallFlow invite = Flows.dialog("INVITE", "inv-1", "+4930111", "4940111", 486, "Busy Here");

        assertEquals(List.of("REGISTER · telephone1 → telephone1 · 403 Forbidden",
                        "SUBSCRIBE · telephone1 → telephone1 · 403 Forbidden", "+4930111 → 4940111 · 486 Busy Here"),
                Flows.summaries(register, subscribe, invite).stream().map(FindingGroup::title).toList());
    }

    @Test
    void twoCallsWithTheSameNumbersAndStatusAreTwoGroups() {
        CallFlow again = Flows.call("failed-2", "+4930111", "4940111", 503, "Service Unavailable");
        Finding other = finding(FindingCode.LK_TRUNK_CONFLICT, Severity.ERROR, "failed-2", true, List.of("ST_a"));
        FindingsViewModel twoCalls = new FindingsViewModel((flows, cfg, settings) ->
                new Diagnosis(List.of(conflict, other), List.of()), new CurrentThreadTaskExecutor(), config);
        twoCalls.setCalls(Flows.summaries(failed, again));

        assertEquals(2, twoCalls.groups().size());
        assertEquals(List.of(List.of(conflict), List.of(other)),
                twoCalls.groups().stream().map(FindingGroup::findings).toList());
    }

    @Test
    void groupsByConfigObjectListAFindingUnderEachIdItNames() {
        viewModel.setCalls(Flows.summaries(failed));
        viewModel.groupByProperty().set(FindingsViewModel.GroupBy.CONFIG);
        assertEquals(List.of("ST_a", "ST_b", "Capture only (no trunk or rule involved)", "SDR_x"),
                viewModel.groups().stream().map(FindingGroup::title).toList());
    }

    @Test
    void lookingAtACallSelectsItsPrimaryCause() {
        viewModel.setCalls(Flows.summaries(failed));
        assertNull(viewModel.selectedFindingProperty().get());
        viewModel.focusFlowIdProperty().set("failed-1");
        assertEquals(conflict, viewModel.selectedFindingProperty().get());
        viewModel.focusFlowIdProperty().set("other");
        assertNull(viewModel.selectedFindingProperty().get());
    }

    @Test
    void loadingAConfigDiagnosesAgain() {
        viewModel.setCalls(Flows.summaries(failed));
        config.loadFiles(List.of(Path.of("x.json")));
        assertEquals(2, diagnosedWith.size());
        assertEquals(List.of("x.json"), diagnosedWith.get(1).sources());
    }

    @Test
    void diagnosingLastsUntilTheDiagnosisOfTheLatestCallsIsShown() throws Exception {
        HeldTasks held = new HeldTasks();
        List<List<CallFlow>> diagnosed = new ArrayList<>();
        FindingsViewModel slow = new FindingsViewModel((flows, cfg, settings) -> {
            diagnosed.add(flows);
            return new Diagnosis(List.of(conflict), List.of());
        }, held, config);
        assertFalse(slow.diagnosingProperty().get());

        slow.setCalls(Flows.summaries());
        slow.setCalls(Flows.summaries(failed));
        assertTrue(slow.diagnosingProperty().get());
        held.runNext();
        assertTrue(slow.diagnosingProperty().get(), "the first run is outdated: its result must not end the wait");
        held.runNext();
        assertFalse(slow.diagnosingProperty().get());
        assertEquals(List.of(conflict), slow.groups().stream().flatMap(g -> g.findings().stream()).toList());
        assertEquals(List.of(List.of(failed)), diagnosed, "the outdated run was dropped before diagnosing");
    }

    @Test
    void aFailedDiagnosisEndsDiagnosing() throws Exception {
        HeldTasks held = new HeldTasks();
        FindingsViewModel failing = new FindingsViewModel((flows, cfg, settings) -> {
            throw new IllegalStateException("rule broke");
        }, held, config);
        failing.setCalls(Flows.summaries(failed));
        held.runNext();
        assertFalse(failing.diagnosingProperty().get());
        assertEquals("Diagnosis failed: rule broke", failing.summaryProperty().get());
    }

    /** Keeps submitted work until the test runs it, as a busy background thread would. */
    private static final class HeldTasks implements TaskExecutor {
        private final List<Runnable> pending = new ArrayList<>();

        @Override
        public <V> TaskHandle submit(BackgroundWork<V> work, Consumer<? super V> onSuccess,
                                     Consumer<? super Exception> onFailure) {
            TaskHandle handle = new TaskHandle() {
                @Override
                public void cancel() {
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
            pending.add(() -> {
                try {
                    onSuccess.accept(work.call(handle));
                } catch (Exception e) {
                    onFailure.accept(e);
                }
            });
            return handle;
        }

        @Override
        public void runOnUiThread(Runnable update) {
            update.run();
        }

        void runNext() {
            pending.remove(0).run();
        }
    }
}
