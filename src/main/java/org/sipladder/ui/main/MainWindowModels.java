package org.sipladder.ui.main;

import java.util.List;
import java.util.Set;
import javafx.beans.binding.BooleanBinding;
import javafx.stage.Stage;
import org.sipladder.sip.SipParser;
import org.sipladder.ui.calls.CallListViewModel;
import org.sipladder.ui.calls.TimeFormat;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.findings.FindingsViewModel;
import org.sipladder.ui.findings.LiveKitConfigViewModel;
import org.sipladder.ui.inspector.InspectorViewModel;

/**
 * The main window's view-models, wired together but without any view, so the first capture can start
 * loading in the background while the window is still being built.
 */
public final class MainWindowModels {

    private final AppServices services;
    private final DialogService dialogs;
    private final TimeFormat timeFormat;
    private final CallListViewModel callList = new CallListViewModel();
    private final InspectorViewModel inspector;
    private final MainWindowViewModel main;
    private final LiveKitConfigViewModel liveKitConfig;
    private final FindingsViewModel findings;
    private final BooleanBinding busy;

    public MainWindowModels(Stage stage, AppServices services) {
        this.services = services;
        dialogs = services.dialogs().apply(stage);
        timeFormat = new TimeFormat(services.zone());
        inspector = new InspectorViewModel(timeFormat, services.clipboard(), new SipParser()::fullParse);
        main = new MainWindowViewModel(services.loader(), services.executor(), dialogs, services.preferences(),
                callList, inspector);
        liveKitConfig = new LiveKitConfigViewModel(services.liveKit(), services.executor(), dialogs,
                services.preferences(), services.environment());
        findings = new FindingsViewModel(services.diagnoser(), services.executor(), liveKitConfig);
        busy = main.loadingProperty().or(liveKitConfig.busyProperty()).or(findings.diagnosingProperty());
        wireFindings();
    }

    /** Opens the bundled demo capture and its LiveKit config. */
    public void openDemo(DemoCapture demo) {
        main.open(demo.capture());
        liveKitConfig.loadFiles(demo.configFiles());
    }

    /** True while a capture or LiveKit config is being read or the findings are being worked out. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    public MainWindowViewModel main() {
        return main;
    }

    public LiveKitConfigViewModel liveKitConfig() {
        return liveKitConfig;
    }

    public FindingsViewModel findings() {
        return findings;
    }

    CallListViewModel callList() {
        return callList;
    }

    InspectorViewModel inspector() {
        return inspector;
    }

    AppServices services() {
        return services;
    }

    DialogService dialogs() {
        return dialogs;
    }

    TimeFormat timeFormat() {
        return timeFormat;
    }

    /** New calls are diagnosed once read; a selected finding shows its call, marks its frames and its config object. */
    private void wireFindings() {
        main.captureProperty().addListener((obs, old, capture) -> {
            if (capture != null) {
                findings.setFlows(capture.flows());
            }
        });
        main.selectedFlowProperty().addListener((obs, old, flow) ->
                findings.focusFlowIdProperty().set(flow == null ? null : flow.id()));
        findings.selectedFindingProperty().addListener((obs, old, finding) -> {
            if (finding == null) {
                main.highlightedFramesProperty().set(Set.of());
                return;
            }
            main.showEvidence(finding.flowId(),
                    finding.evidence() == null ? List.of() : finding.evidence().frames());
            if (finding.evidence() != null && !finding.evidence().configIds().isEmpty()) {
                liveKitConfig.selectedConfigIdProperty().set(finding.evidence().configIds().get(0));
            }
        });
    }
}
