package org.sipladder.ui.streams;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Leg;
import org.sipladder.ladder.LadderStream;
import org.sipladder.ladder.LadderStreams;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.RtpStream;
import org.sipladder.media.audio.AudioPlayback;
import org.sipladder.media.audio.DecodedAudio;
import org.sipladder.media.audio.UndecodableStreamException;
import org.sipladder.media.audio.WavFile;
import org.sipladder.sip.SdpMedia;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.dialog.FileKind;
import org.sipladder.ui.task.TaskExecutor;
import org.sipladder.ui.task.TaskHandle;

/**
 * The Streams tab: every RTP stream of the selected call (with none selected, those of the capture tied to no
 * call) with its figures, the jitter and loss plot of the
 * selected one, and playing or exporting its audio (decoded off the UI thread through the task executor).
 */
public final class StreamsViewModel {

    private final ObservableList<StreamItem> streams = FXCollections.observableArrayList();
    /** The line under the table while streams are listed and none is chosen: the plots are empty axes till then. */
    static final String PICK_A_STREAM = "Select a stream to plot its jitter and loss per second, play it or export it"
            + " as WAV.";
    private final ObjectProperty<StreamItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<StreamPlot> plot = new ReadOnlyObjectWrapper<>(this, "plot", StreamPlot.EMPTY);
    /**
     * At most this many streams tied to no call are listed: a capture of many calls whose SIP was not captured has
     * as many streams, which the table would hold all at once.
     */
    static final int MOST_UNBOUND = 2_000;
    private static final String NO_RTP = "No RTP streams in this capture";

    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder",
            "No capture open");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(this, "exporting");
    private final BooleanBinding audioActionsDisabled;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final StreamAudioSource audio;
    private final AudioOutput output;
    private final BooleanProperty unboundShown = new SimpleBooleanProperty(this, "unboundShown");
    private final ReadOnlyBooleanWrapper unboundChoice = new ReadOnlyBooleanWrapper(this, "unboundChoice");
    private final ReadOnlyStringWrapper unboundChoiceText = new ReadOnlyStringWrapper(this, "unboundChoiceText", "");
    private Path capture;
    /** What {@link #show} was last given: the capture's media (held by the loaded capture anyway) and the call. */
    private CaptureMedia shownMedia;
    private CallFlow shownFlow;
    private TaskHandle playback;

    public StreamsViewModel(TaskExecutor executor, DialogService dialogs, StreamAudioSource audio, AudioOutput output) {
        this.executor = executor;
        this.dialogs = dialogs;
        this.audio = audio;
        this.output = output;
        unboundShown.addListener((obs, old, now) -> refresh());
        selected.addListener((obs, old, now) -> {
            plot.set(now == null ? StreamPlot.EMPTY : StreamPlot.of(now.stream().series()));
            if (!playing.get()) {
                message.set(now != null ? describe(now) : streams.isEmpty() ? "" : PICK_A_STREAM);
            }
        });
        audioActionsDisabled = Bindings.createBooleanBinding(() -> selected.get() == null || exporting.get(),
                selected, exporting);
    }

    /**
     * Shows the streams of {@code flow} found in the capture; with no call, the capture's streams that belong to no
     * call (its only streams when it has no SIP), as Wireshark lists every stream of a capture.
     */
    public void show(Path captureFile, CaptureMedia media, CallFlow flow) {
        boolean otherCall = flow != shownFlow;
        capture = captureFile;
        shownMedia = media;
        shownFlow = flow;
        if (otherCall && unboundShown.get()) {
            unboundShown.set(false); // a call chosen: its own streams (the listener shows them)
        } else {
            refresh();
        }
    }

    /** Shows what {@link #show} was last given, the streams tied to no call when {@link #unboundShownProperty}. */
    private void refresh() {
        stop();
        selected.set(null);
        CaptureMedia media = shownMedia;
        CallFlow flow = shownFlow;
        if (media == null) {
            streams.clear();
            heading.set("");
            unboundChoice.set(false);
            placeholder.set(capture == null ? "No capture open" : "No RTP was read from this capture");
            message.set(flow == null ? "" : "No RTP was read from this capture.");
            return;
        }
        int unbound = media.unboundStreamCount();
        unboundChoice.set(flow != null && unbound > 0);
        unboundChoiceText.set("Streams tied to no call (" + unbound + ")");
        if (flow == null || unboundShown.get()) {
            showUnbound(media, unbound);
            return;
        }
        List<RtpStream> found = media.streamsOf(flow.legs().stream().map(Leg::callId).toList());
        Set<Long> srtpOffers = srtpFrames(flow);
        List<LadderStream> marked = LadderStreams.of(found, flow);
        streams.setAll(marked.stream().map(m -> {
            RtpStream s = found.get(m.id());
            return new StreamItem(s, s.announcement() != null && srtpOffers.contains(s.announcement().frame()),
                    m.warnings(), media.receiverReports(s), media.voipMetrics(s));
        }).toList());
        heading.set("RTP streams of the selected call (" + found.size() + ")");
        placeholder.set(media.streams().isEmpty() ? NO_RTP : "No RTP stream of this call is in the capture");
        message.set(found.isEmpty() ? "No RTP stream of this call is in the capture." : PICK_A_STREAM);
    }

    /** The capture's streams no SDP ties to a call, the first {@link #MOST_UNBOUND} of them. */
    private void showUnbound(CaptureMedia media, int count) {
        List<RtpStream> found = media.unboundStreams(MOST_UNBOUND);
        // one-way among themselves: no call says which streams belong together
        streams.setAll(found.stream().map(s -> new StreamItem(s, false, LadderStreams.warnings(s, found),
                media.receiverReports(s), media.voipMetrics(s))).toList());
        heading.set(found.size() < count
                ? String.format(Locale.ROOT, "RTP streams of the capture not tied to a call (first %,d of %,d)",
                        found.size(), count)
                : "RTP streams of the capture not tied to a call (" + count + ")");
        placeholder.set(media.streams().isEmpty() ? NO_RTP
                : "Every RTP stream of this capture belongs to a call: select a call to see its streams");
        message.set(found.isEmpty() ? "" : PICK_A_STREAM);
    }

    /** Frames of the call's messages whose SDP offers SRTP (a RTP/SAVP or RTP/SAVPF profile). */
    private static Set<Long> srtpFrames(CallFlow flow) {
        Set<Long> frames = new HashSet<>();
        for (FlowMessage fm : flow.messages()) {
            if (!fm.message().hasSdp()) {
                continue;
            }
            for (SdpMedia m : fm.message().sdp().media()) {
                if (m.srtp()) {
                    frames.add(fm.message().frame());
                }
            }
        }
        return frames;
    }

    /**
     * With a call selected, true to list the capture's streams tied to no call instead of the call's (a capture with
     * calls always has one selected); false again when another call is shown.
     */
    public BooleanProperty unboundShownProperty() {
        return unboundShown;
    }

    /** True when a call is shown and the capture has streams tied to no call, which {@link #unboundShownProperty} lists. */
    public ReadOnlyBooleanProperty unboundChoiceProperty() {
        return unboundChoice.getReadOnlyProperty();
    }

    /** "Streams tied to no call (3)". */
    public ReadOnlyStringProperty unboundChoiceTextProperty() {
        return unboundChoiceText.getReadOnlyProperty();
    }

    /** What the table lists: the selected call's streams, or the capture's tied to no call, with their count. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** Why the table is empty: no capture, no RTP in the capture, none in the call, or all of it in calls. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ObservableList<StreamItem> streams() {
        return streams;
    }

    /**
     * Selects the first listed stream that begins with one of {@code frames} (a finding names a stream by its first
     * packet); false, and the selection unchanged, when none does.
     */
    public boolean selectStreamStartingAt(Collection<Long> frames) {
        Optional<StreamItem> item = streams.stream().filter(i -> frames.contains(i.stream().firstFrame())).findFirst();
        item.ifPresent(selected::set);
        return item.isPresent();
    }

    /**
     * Selects the call's stream the ladder draws as {@code drawn} (its arrow was clicked), leaving the streams tied to
     * no call if they were listed; false, and the selection unchanged, when it is not the shown call's.
     */
    public boolean selectDrawn(LadderStream drawn) {
        if (unboundShown.get()) {
            unboundShown.set(false); // the ladder draws the call's streams
        }
        Optional<StreamItem> item = streams.stream().filter(i -> drawnAs(i.stream(), drawn)).findFirst();
        item.ifPresent(selected::set);
        return item.isPresent();
    }

    private static boolean drawnAs(RtpStream stream, LadderStream drawn) {
        return stream.firstMicros() == drawn.firstMicros()
                && stream.key().src().address().equals(drawn.fromAddress()) && stream.key().src().port() == drawn.fromPort()
                && stream.key().dst().address().equals(drawn.toAddress()) && stream.key().dst().port() == drawn.toPort();
    }

    public ObjectProperty<StreamItem> selectedProperty() {
        return selected;
    }

    /** The selected stream's jitter and loss over time. */
    public ReadOnlyObjectProperty<StreamPlot> plotProperty() {
        return plot.getReadOnlyProperty();
    }

    /** One line about the selected stream or what playing or exporting it did, reasons included. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** True while Play and Export cannot be used: nothing selected, or an export under way. */
    public BooleanBinding audioActionsDisabledProperty() {
        return audioActionsDisabled;
    }

    /** Plays the selected stream, or stops it when it is playing. */
    public void togglePlay() {
        if (playing.get()) {
            stop();
        } else {
            play();
        }
    }

    private void play() {
        StreamItem item = selected.get();
        if (item == null || capture == null) {
            return;
        }
        playing.set(true);
        message.set("Decoding " + item.describe() + "\u2026");
        Path file = capture;
        playback = executor.submit(context -> {
            DecodedAudio decoded = audio.decode(file, item, context);
            if (!context.isCancelled()) {
                executor.runOnUiThread(() -> message.set("Playing " + seconds(decoded) + " of " + item.describe()));
                output.play(decoded, context::isCancelled);
            }
            return decoded;
        }, decoded -> {
            playing.set(false);
            message.set(decoded == null ? "" : "Played " + seconds(decoded) + " of " + item.describe() + ".");
        }, failure -> {
            playing.set(false);
            message.set("Cannot play " + item.describe() + ": " + reason(failure));
        });
    }

    /** Stops playing; nothing when nothing plays. */
    public void stop() {
        if (playback != null) {
            playback.cancel();
            playback = null;
        }
        playing.set(false);
    }

    /** Asks where to save the selected stream's audio and writes it there as a WAV file. */
    public void exportWav() {
        StreamItem item = selected.get();
        if (item == null || capture == null) {
            return;
        }
        Optional<Path> target = dialogs.chooseFileToSave("Export stream as WAV", Optional.ofNullable(capture.getParent()),
                item.wavName(), FileKind.WAV);
        if (target.isEmpty()) {
            return;
        }
        Path file = capture;
        exporting.set(true);
        message.set("Exporting " + item.describe() + "\u2026");
        executor.submit(context -> {
            DecodedAudio decoded = audio.decode(file, item, context);
            WavFile.write(decoded, target.get());
            return decoded;
        }, decoded -> {
            exporting.set(false);
            message.set("Saved " + seconds(decoded) + " of audio to " + target.get().getFileName() + ".");
        }, failure -> {
            exporting.set(false);
            message.set("Cannot export " + item.describe() + ": " + reason(failure));
            dialogs.showError("Export WAV failed", reason(failure));
        });
    }

    /** The user's words for a failure: our own reasons as they are, anything else with its message. */
    private static String reason(Exception failure) {
        if (failure instanceof UndecodableStreamException || failure instanceof AudioPlayback.NoAudioOutputException) {
            return failure.getMessage();
        }
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return text.endsWith(".") ? text : text + ".";
    }

    /**
     * The selected stream's line: its loss, when it lost packets, as the Lost column gives it, gaps and duplicates
     * included (a narrow column cuts them), then its receiver's reports and what else is wrong with it.
     */
    private static String describe(StreamItem item) {
        String base = item.describe() + ", " + item.packets() + (item.packets() == 1 ? " packet" : " packets")
                + item.lossLine() + item.reportsLine();
        String problems = item.problemsBesideLoss();
        return problems.isEmpty() ? base : base + " \u2014 " + problems;
    }

    private static String seconds(DecodedAudio decoded) {
        return String.format(Locale.ROOT, "%.1f s", decoded.durationSeconds());
    }
}
