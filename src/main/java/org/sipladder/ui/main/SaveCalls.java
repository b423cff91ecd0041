package org.sipladder.ui.main;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallFrames;
import org.sipladder.flow.CallSummary;
import org.sipladder.media.MediaSelection;
import org.sipladder.source.CallSaver;
import org.sipladder.source.CaptureFiles;
import org.sipladder.ui.calls.CallRow;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.dialog.FileKind;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.TaskExecutor;

/**
 * File > Save calls as... (the calls the list shows, filtered) and the call list's Save call as pcap... (the
 * selected call): asks where, writes every leg's packets as captured in the background, and reports once.
 */
public final class SaveCalls {

    private final MainWindowViewModel main;
    private final DialogService dialogs;
    private final UserPreferences preferences;
    private final TaskExecutor executor;

    public SaveCalls(MainWindowViewModel main, DialogService dialogs, UserPreferences preferences,
                     TaskExecutor executor) {
        this.main = main;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.executor = executor;
    }

    /** Saves the calls the list shows (all of them without a filter). */
    public void saveShown() {
        // each call is assembled when the saving reaches it, off the UI thread, and let go
        save(CallSummary.flows(main.callList().visibleRows().stream().map(CallRow::summary).toList()), "calls.pcapng");
    }

    /** Saves the selected call. */
    public void saveSelected() {
        CallFlow flow = main.selectedFlowProperty().get();
        if (flow != null) {
            saveCall(flow);
        }
    }

    /** Saves one call (the call list's context menu). */
    public void saveCall(CallFlow flow) {
        save(List.of(flow), "call-" + fileNamePart(flow.id()) + ".pcapng");
    }

    private void save(List<CallFlow> calls, String suggested) {
        LoadedCapture capture = main.captureProperty().get();
        if (capture == null || calls.isEmpty()) {
            dialogs.showError("Nothing to save", capture == null
                    ? "Wait until the capture is read (or stop reading it), then save."
                    : "No call is shown: clear the filter or open a capture with calls.");
            return;
        }
        dialogs.chooseFileToSave("Save calls", preferences.lastDirectory(), suggested, FileKind.PCAPNG)
                .ifPresent(file -> write(capture, calls, file));
    }

    private void write(LoadedCapture capture, List<CallFlow> calls, Path file) {
        CaptureFiles from = capture.files();
        main.report("Saving " + count(calls.size(), "call") + " to " + file + "…");
        executor.submit(context -> {
                    Set<Long> frames = CallFrames.sip(calls);
                    MediaSelection rtp = capture.media().selection(CallFrames.callIds(calls));
                    return new CallSaver().save(from, frames, rtp::contains, file, CallSaver.Format.forFile(file));
                },
                saved -> main.report("Saved " + count(calls.size(), "call") + " (" + count(saved.packets(), "packet")
                        + ") to " + saved.file()),
                error -> {
                    main.report("Could not save the calls");
                    dialogs.showError("Cannot save the calls", error.getMessage());
                });
    }

    /** A call's id as part of a file name: characters other than letters, digits, '.', '_', '-' as '_', at most 40. */
    static String fileNamePart(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
