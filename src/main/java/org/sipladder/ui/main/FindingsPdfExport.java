package org.sipladder.ui.main;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.sipladder.OutputFile;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.report.FindingsReport;
import org.sipladder.report.ReportInput;
import org.sipladder.report.ReportOptions;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.dialog.FileKind;
import org.sipladder.ui.findings.FindingsViewModel;
import org.sipladder.ui.findings.LiveKitConfigViewModel;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.TaskExecutor;

/** File > Export findings as PDF: the report of the capture read and its diagnosis, written in the background. */
final class FindingsPdfExport {

    private final MainWindowViewModel window;
    private final FindingsViewModel findings;
    private final LiveKitConfigViewModel config;
    private final DialogService dialogs;
    private final UserPreferences preferences;
    private final TaskExecutor executor;

    FindingsPdfExport(MainWindowViewModel window, FindingsViewModel findings, LiveKitConfigViewModel config,
                      DialogService dialogs, UserPreferences preferences, TaskExecutor executor) {
        this.window = window;
        this.findings = findings;
        this.config = config;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.executor = executor;
    }

    void export() {
        LoadedCapture capture = window.captureProperty().get();
        if (capture == null) {
            return;
        }
        Path name = capture.file().getFileName();
        String captureName = name == null ? capture.file().toString() : name.toString();
        dialogs.chooseFileToSave("Export findings as PDF", preferences.lastDirectory(),
                captureName.replaceAll("\\.[^.]*$", "") + "-findings.pdf", FileKind.PDF).ifPresent(file -> {
                    // a large capture's diagnosis is worked out again for the report, in the background
                    Supplier<Diagnosis> diagnosis = findings.wholeDiagnosis();
                    List<CallFlow> calls = window.hopAliases().applyAll(capture.flows());
                    LiveKitConfig used = config.configProperty().get();
                    executor.submit(context -> {
                                Diagnosis whole = diagnosis.get();
                                return write(new ReportInput(captureName, capture.packets(), capture.firstMicros(),
                                        capture.lastMicros(), calls, whole.findings(), whole.routings(), used,
                                        capture.media()), file);
                            },
                            written -> window.report("Findings saved as PDF: " + written),
                            error -> dialogs.showError("Cannot write the PDF report", FileErrors.describe(error, file)));
                });
    }

    private static Path write(ReportInput input, Path file) throws Exception {
        new OutputFile(file).write(out -> new FindingsReport().write(input, ReportOptions.defaults(), out));
        return file;
    }
}
