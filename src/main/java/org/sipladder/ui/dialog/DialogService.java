package org.sipladder.ui.dialog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.source.LiveCapture;
import org.sipladder.source.homer.HomerCall;
import org.sipladder.ui.homer.HomerSearchViewModel;

/** Everything a view-model asks the user through a window, behind an interface so view-models test without a screen. */
public interface DialogService {

    /** Shows one error with a title naming what failed and a message saying what to do. */
    void showError(String title, String message);

    void showInformation(String title, String message);

    /** Shows {@code text} whose columns are lined up with spaces (a list of keys), in a monospaced font. */
    void showPreformatted(String title, String text);

    /** Lets the user pick files to open of the given kinds (first kind preselected); empty when cancelled. */
    List<Path> chooseFilesToOpen(String title, Optional<Path> initialDirectory, List<FileKind> kinds);

    /** Lets the user pick where to save; empty when cancelled. */
    Optional<Path> chooseFileToSave(String title, Optional<Path> initialDirectory, String suggestedName, FileKind kind);

    /** Asks for LiveKit connection settings, prefilled with {@code initial}; empty when cancelled. */
    Optional<ApiSettings> askApiSettings(ApiSettings initial);

    /**
     * Asks for the clock correction of each capture file after the first (microseconds, shown in seconds);
     * empty when cancelled.
     */
    Optional<List<Long>> askClockOffsets(List<String> fileNames, List<Long> offsetsMicros);

    /**
     * Asks which interface to capture on (listed with their addresses), with which capture filter (prefilled
     * with {@code defaultFilter}), into which file and how many calls to keep on screen (prefilled with
     * {@code callLimit}); empty when cancelled.
     */
    Optional<LiveRequest> askLiveCapture(List<LiveCapture.Interface> interfaces, String defaultFilter, Path file,
                                         int callLimit);

    /**
     * Asks where to listen for HEP (prefilled with {@code defaultAddresses}), into which file and how many calls to
     * keep on screen (prefilled with {@code callLimit}); empty when cancelled.
     */
    Optional<LiveRequest> askHepListener(String defaultAddresses, Path file, int callLimit);

    /**
     * File > Open from Homer...: lets the user sign in, search and choose calls through {@code search}; the chosen
     * calls when the user pressed Open, empty when cancelled.
     */
    Optional<List<HomerCall>> askHomerCalls(HomerSearchViewModel search);

    /** Asks for a new name of a ladder column; empty when cancelled, blank to restore the guessed name. */
    Optional<String> askHopName(String address, String currentName);
}
