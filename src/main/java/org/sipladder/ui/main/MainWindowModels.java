package org.sipladder.ui.main;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.beans.binding.BooleanBinding;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.sipladder.media.CaptureMedia;
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
    /** Long enough to let a word be typed, short enough to feel immediate. */
    private static final Duration FILTER_DEBOUNCE = Duration.millis(180);

    private final CallListViewModel callList;
    private final InspectorViewModel inspector;
    private final MainWindowViewModel main;
    private final LiveKitConfigViewModel liveKitConfig;
    private final FindingsViewModel findings;
    private final BooleanBinding busy;
    /** The capture the LiveKit config was loaded for; null while none is loaded or no capture was shown yet. */
    private Path configFor;

    public MainWindowModels(Stage stage, AppServices services) {
        this.services = services;
        dialogs = services.dialogs().apply(stage);
        timeFormat = new TimeFormat(services.zone());
        callList = new CallListViewModel(services.executor(), FILTER_DEBOUNCE);
        inspector = new InspectorViewModel(timeFormat, services.clipboard(), new SipParser()::fullParse);
        main = new MainWindowViewModel(services.loader(), services.executor(), dialogs, services.preferences(),
                callList, inspector);
        liveKitConfig = new LiveKitConfigViewModel(services.liveKit(), services.executor(), dialogs,
                services.preferences(), services.environment());
        findings = new FindingsViewModel(services.diagnoser(), services.executor(), liveKitConfig);
        busy = main.loadingProperty().or(liveKitConfig.busyProperty()).or(findings.diagnosingProperty());
        wireFindings();
        tieConfigToItsCapture();
    }

    /** Opens the bundled demo capture and its LiveKit config, which goes again when another capture opens. */
    public void openDemo(DemoCapture demo) {
        main.open(demo.capture());
        configFor = demo.capture().path();
        liveKitConfig.loadFiles(demo.configFiles());
    }

    /**
     * A LiveKit config describes the project the capture was taken in: findings about the demo's trunks on
     * another capture would be false. A config belongs to the capture shown when it was loaded (or the next
     * one opened) and is unloaded when a different capture replaces it.
     */
    private void tieConfigToItsCapture() {
        liveKitConfig.configProperty().addListener((obs, old, config) -> {
            if (config.isEmpty()) {
                configFor = null;
            } else if (configFor == null && main.shownSourceProperty().get() != null) {
                configFor = main.shownSourceProperty().get().path();
            }
        });
        main.shownSourceProperty().addListener((obs, old, source) -> {
            if (source == null || liveKitConfig.configProperty().get().isEmpty()) {
                return;
            }
            if (configFor == null) {
                configFor = source.path();
            } else if (!configFor.equals(source.path())) {
                String was = old != null ? old.displayName() : String.valueOf(configFor.getFileName());
                liveKitConfig.unload();
                main.addNote("LiveKit config of " + was + " unloaded");
            }
        });
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
            findings.setCalls(capture == null ? List.of() : capture.calls(),
                    capture == null ? CaptureMedia.none() : capture.media());
        });
        findings.shownProperty().addListener((obs, old, now) -> {
            callList.setFindingCodes(findings.codesByCall());
            main.landOnCause(findings.firstCallWithPrimaryError());
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
