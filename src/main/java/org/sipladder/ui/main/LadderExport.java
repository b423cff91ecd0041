package org.sipladder.ui.main;

import java.io.IOException;
import java.nio.file.Path;
import org.sipladder.flow.CallFlow;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.dialog.FileKind;
import org.sipladder.ui.ladder.LadderPictures;
import org.sipladder.ui.ladder.LadderView;
import org.sipladder.ui.ladder.LadderViewModel;
import org.sipladder.ui.prefs.UserPreferences;

/** File > Export ladder as PNG/SVG: asks where, writes the ladder shown, and reports failures once. */
final class LadderExport {

    /** Writes the ladder to a file. */
    @FunctionalInterface
    private interface Writer {
        void write(Path file) throws IOException;
    }

    private final LadderPictures pictures = new LadderPictures();
    private final LadderView ladder;
    private final MainWindowViewModel window;
    private final DialogService dialogs;
    private final UserPreferences preferences;

    LadderExport(LadderView ladder, MainWindowViewModel window, DialogService dialogs, UserPreferences preferences) {
        this.ladder = ladder;
        this.window = window;
        this.dialogs = dialogs;
        this.preferences = preferences;
    }

    void png() {
        LadderViewModel shown = ladder.viewModel();
        export(FileKind.PNG, suggested("png"),
                file -> pictures.png(shown.layoutProperty().get(), shown.highlightedRowsProperty().get(), file));
    }

    void svg() {
        LadderViewModel shown = ladder.viewModel();
        export(FileKind.SVG, suggested("svg"),
                file -> pictures.svg(shown.layoutProperty().get(), shown.highlightedFrames(), file));
    }

    /** "ladder-CALL-ID.EXT" for the call shown, so that the ladders of several calls saved in turn keep apart. */
    private String suggested(String extension) {
        CallFlow call = window.selectedFlowProperty().get();
        return "ladder" + (call == null ? "" : "-" + SaveCalls.fileNamePart(call.id())) + "." + extension;
    }

    private void export(FileKind kind, String suggested, Writer writer) {
        if (ladder.getLadderLayout() == null) {
            return;
        }
        dialogs.chooseFileToSave("Export ladder", preferences.lastDirectory(), suggested, kind).ifPresent(file -> {
            try {
                writer.write(file);
                window.report("Ladder saved as " + file);
            } catch (IOException | RuntimeException e) {
                dialogs.showError("Cannot export the ladder", FileErrors.describe(e, file));
            }
        });
    }
}
