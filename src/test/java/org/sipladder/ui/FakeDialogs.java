package org.sipladder.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sipladder.source.homer.HomerCall;
import org.sipladder.ui.homer.HomerSearchViewModel;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.dialog.FileKind;
import org.sipladder.ui.dialog.LiveRequest;
import org.sipladder.source.LiveCapture;
import org.sipladder.livekit.ApiSettings;

/** Records what would have been shown and answers with prepared replies. */
public final class FakeDialogs implements DialogService {

    public final List<String> errors = new ArrayList<>();
    public final List<String> infos = new ArrayList<>();
    public final List<String> preformatted = new ArrayList<>();
    public final Deque<List<Path>> filesToOpen = new ArrayDeque<>();
    public final Deque<Optional<Path>> filesToSave = new ArrayDeque<>();
    /** The file names the save dialogs suggested, in order. */
    public final List<String> suggestedNames = new ArrayList<>();
    public final Deque<Optional<String>> hopNames = new ArrayDeque<>();
    public final Deque<Optional<ApiSettings>> connections = new ArrayDeque<>();
    public final List<ApiSettings> connectionPrefills = new ArrayList<>();
    public final Deque<Optional<List<Long>>> clockOffsets = new ArrayDeque<>();
    public final List<List<Long>> clockOffsetPrefills = new ArrayList<>();

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInformation(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public void showPreformatted(String title, String text) {
        preformatted.add(title + ": " + text);
    }

    @Override
    public List<Path> chooseFilesToOpen(String title, Optional<Path> initialDirectory, List<FileKind> kinds) {
        return filesToOpen.isEmpty() ? List.of() : filesToOpen.pop();
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Optional<Path> dir, String suggestedName, FileKind kind) {
        suggestedNames.add(suggestedName);
        return filesToSave.isEmpty() ? Optional.empty() : filesToSave.pop();
    }

    @Override
    public Optional<ApiSettings> askApiSettings(ApiSettings initial) {
        connectionPrefills.add(initial);
        return connections.isEmpty() ? Optional.empty() : connections.pop();
    }

    @Override
    public Optional<List<Long>> askClockOffsets(List<String> fileNames, List<Long> offsetsMicros) {
        clockOffsetPrefills.add(offsetsMicros);
        return clockOffsets.isEmpty() ? Optional.empty() : clockOffsets.pop();
    }

    public final Deque<Optional<LiveRequest>> liveRequests = new ArrayDeque<>();
    public final List<List<LiveCapture.Interface>> interfacesOffered = new ArrayList<>();
    /** The call limits the live dialogs were prefilled with. */
    public final List<Integer> callLimitsOffered = new ArrayList<>();

    @Override
    public Optional<LiveRequest> askLiveCapture(List<LiveCapture.Interface> interfaces, String defaultFilter, Path file,
                                                int callLimit) {
        interfacesOffered.add(interfaces);
        callLimitsOffered.add(callLimit);
        return liveRequests.isEmpty() ? Optional.empty() : liveRequests.pop();
    }

    @Override
    public Optional<LiveRequest> askHepListener(String defaultAddresses, Path file, int callLimit) {
        callLimitsOffered.add(callLimit);
        return liveRequests.isEmpty() ? Optional.empty() : liveRequests.pop();
    }

    /** Scripted users of File > Open from Homer...: each fills the form, searches and chooses, or cancels. */
    public final Deque<Function<HomerSearchViewModel, Optional<List<HomerCall>>>> homerUsers = new ArrayDeque<>();

    @Override
    public Optional<List<HomerCall>> askHomerCalls(HomerSearchViewModel search) {
        return homerUsers.isEmpty() ? Optional.empty() : homerUsers.pop().apply(search);
    }

    @Override
    public Optional<String> askHopName(String address, String currentName) {
        return hopNames.isEmpty() ? Optional.empty() : hopNames.pop();
    }
}
