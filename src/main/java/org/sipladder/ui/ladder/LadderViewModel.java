package org.sipladder.ui.ladder;

import java.time.ZoneId;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.LadderStream;
import org.sipladder.ladder.LadderStyle;
import org.sipladder.ladder.LadderTextExport;
import org.sipladder.ladder.TextMeasure;

/**
 * The ladder's state without any node: the call shown and its layout, the selected row, marked frames, zoom and time
 * base, and what the user can do with them (select, open, zoom, rename a hop, copy as text). It shows the call it is
 * given, hop names included (the shell applies the user's aliases); renaming a hop and the clipboard are the shell's,
 * handed in, so this is testable without a screen.
 */
public final class LadderViewModel {

    static final double MIN_ZOOM = 0.4;
    static final double MAX_ZOOM = 3.0;
    private Function<CallFlow, List<LadderStream>> streamSource = c -> List.of();
    private static final double ZOOM_STEP = 1.2;

    private final ReadOnlyObjectWrapper<CallFlow> flow = new ReadOnlyObjectWrapper<>(this, "flow");
    private final ReadOnlyObjectWrapper<LadderLayout> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    private final ReadOnlyStringWrapper joinNote = new ReadOnlyStringWrapper(this, "joinNote", "");
    private final ReadOnlyStringWrapper joinGuesses = new ReadOnlyStringWrapper(this, "joinGuesses", "");
    private final ObjectProperty<FlowMessage> selectedMessage = new SimpleObjectProperty<>(this, "selectedMessage");
    private final ReadOnlyIntegerWrapper selectedRow = new ReadOnlyIntegerWrapper(this, "selectedRow", -1);
    private final ReadOnlyObjectWrapper<BitSet> highlightedRows =
            new ReadOnlyObjectWrapper<>(this, "highlightedRows", new BitSet());
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private LadderStyle style;
    private Set<Long> highlightedFrames = Set.of();
    private Map<FlowMessage, Integer> rowOfMessage = Map.of();
    private Consumer<Hop> onRenameHop = hop -> { };
    private Consumer<FlowMessage> onOpenMessage = message -> { };
    private Consumer<String> onCopyText = text -> { };
    private Consumer<LadderStream> onOpenStream = stream -> { };

    /** @param measure text widths of the medium that draws the layout (the screen's fonts) */
    public LadderViewModel(TextMeasure measure) {
        style = LadderStyle.standard().withMeasure(measure);
        zoom.addListener((obs, was, now) -> {
            double clamped = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, now.doubleValue()));
            if (clamped != now.doubleValue()) {
                zoom.set(clamped);
            }
        });
        selectedMessage.addListener((obs, was, now) -> selectedRow.set(now == null ? -1 : rowOf(now)));
    }

    /** Shows a call (or nothing for null); its selection and marks start empty. */
    public void setFlow(CallFlow call) {
        selectedMessage.set(null);
        flow.set(call);
        List<String> guesses = call == null ? List.of() : call.guessedJoins();
        joinGuesses.set(String.join("\n\n", guesses));
        joinNote.set(guesses.isEmpty() ? "" : guesses.size() + (guesses.size() == 1 ? " leg" : " legs")
                + " joined by a guess: other calls fitted as well and no response told which."
                + " Hover for why.");
        relayout();
    }

    /**
     * One line saying that some of the call's legs may not belong together, where the ladder is read: how many joins
     * were a guess among calls that fitted equally; empty when every join rests on what the messages say.
     */
    public ReadOnlyStringProperty joinNoteProperty() {
        return joinNote.getReadOnlyProperty();
    }

    /** The evidence of each join that was a guess, a paragraph each; empty when none was. */
    public ReadOnlyStringProperty joinGuessesProperty() {
        return joinGuesses.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CallFlow> flowProperty() {
        return flow.getReadOnlyProperty();
    }

    /** The layout on screen, or null without a call; the exports and tests read the same geometry. */
    public ReadOnlyObjectProperty<LadderLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ObjectProperty<FlowMessage> selectedMessageProperty() {
        return selectedMessage;
    }

    /** Row of the selected message, -1 for none. */
    public ReadOnlyIntegerProperty selectedRowProperty() {
        return selectedRow.getReadOnlyProperty();
    }

    /** Rows of the marked frames (a finding's evidence); a new set each time the marks change. */
    public ReadOnlyObjectProperty<BitSet> highlightedRowsProperty() {
        return highlightedRows.getReadOnlyProperty();
    }

    public Set<Long> highlightedFrames() {
        return highlightedFrames;
    }

    /** Pixels per layout unit, kept between 0.4 and 3. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** Marks the rows of these frames, e.g. the messages a finding points at. */
    public void highlightFrames(Set<Long> frames) {
        highlightedFrames = Set.copyOf(frames);
        markHighlightedRows();
    }

    /** How the time gutter reads: clock time in {@code zone}, or seconds from the call's first message. */
    public void setTimeBase(ZoneId zone, boolean sinceStart) {
        style = style.withZone(zone).withRelativeTime(sinceStart);
        relayout();
    }

    /** Told when the user asks to rename a hop: the shell asks for the name, remembers it and shows the call again. */
    public void setOnRenameHop(Consumer<Hop> handler) {
        onRenameHop = handler;
    }

    /** Told when the user opens the selected message (Enter, double click). */
    public void setOnOpenMessage(Consumer<FlowMessage> handler) {
        onOpenMessage = handler;
    }

    /** Told when the user clicks a media stream's arrow: the shell shows the stream in its own view. */
    public void setOnOpenStream(Consumer<LadderStream> handler) {
        onOpenStream = handler;
    }

    /** Shows {@code stream}, drawn in this ladder, where the shell shows streams. */
    public void openStream(LadderStream stream) {
        onOpenStream.accept(stream);
    }

    /** Given the ladder as text by Copy ladder as text (the shell puts it on the clipboard). */
    public void setOnCopyText(Consumer<String> handler) {
        onCopyText = handler;
    }

    /** Selects row {@code row}, clamped to the rows there are. */
    public void select(int row) {
        LadderLayout current = layout.get();
        if (current == null || current.rowCount() == 0) {
            return;
        }
        selectedMessage.set(flow.get().messages().get(Math.max(0, Math.min(current.rowCount() - 1, row))));
    }

    /** Moves the selection by {@code rows} (negative: up); without a selection Up starts at the top. */
    public void moveSelection(int rows) {
        int from = selectedRow.get();
        select(from < 0 ? Math.max(0, rows) : from + rows);
    }

    public void selectLast() {
        LadderLayout current = layout.get();
        if (current != null) {
            select(current.rowCount() - 1);
        }
    }

    /** Opens the selected message (the shell shows its headers). */
    public void open() {
        if (selectedMessage.get() != null) {
            onOpenMessage.accept(selectedMessage.get());
        }
    }

    public void zoomIn() {
        zoom.set(zoom.get() * ZOOM_STEP);
    }

    public void zoomOut() {
        zoom.set(zoom.get() / ZOOM_STEP);
    }

    public void actualSize() {
        zoom.set(1.0);
    }

    /** Zooms so that the whole width of the ladder fits {@code available} pixels. */
    public void zoomToFit(double available) {
        LadderLayout current = layout.get();
        if (current != null && available > 0) {
            zoom.set(available / current.width());
        }
    }

    /** Asks the shell to rename the hop (it shows the renamed call through {@link #setFlow}). */
    public void rename(Hop hop) {
        onRenameHop.accept(hop);
    }

    /** The ladder as monospaced text (as Wireshark's flow export), or empty without a call. */
    public String asText() {
        LadderLayout current = layout.get();
        return current == null ? "" : new LadderTextExport().write(current);
    }

    public void copyAsText() {
        if (layout.get() != null) {
            onCopyText.accept(asText());
        }
    }

    /** Where the ladder finds the media streams of a call, drawn among its messages; none by default. */
    public void setStreamSource(Function<CallFlow, List<LadderStream>> source) {
        this.streamSource = source;
        relayout();
    }

    private void relayout() {
        CallFlow call = flow.get();
        FlowMessage keep = selectedMessage.get();
        if (call == null) {
            rowOfMessage = Map.of();
            layout.set(null);
        } else {
            Map<FlowMessage, Integer> index = new IdentityHashMap<>();
            List<FlowMessage> messages = call.messages();
            for (int i = 0; i < messages.size(); i++) {
                index.put(messages.get(i), i);
            }
            rowOfMessage = index;
            layout.set(LadderLayout.of(call, streamSource.apply(call), style));
        }
        markHighlightedRows();
        selectedRow.set(keep == null ? -1 : rowOf(keep));
    }

    private void markHighlightedRows() {
        BitSet rows = new BitSet();
        CallFlow call = flow.get();
        if (call != null && !highlightedFrames.isEmpty()) {
            List<FlowMessage> messages = call.messages();
            for (int i = 0; i < messages.size(); i++) {
                if (highlightedFrames.contains(messages.get(i).message().frame())) {
                    rows.set(i);
                }
            }
        }
        highlightedRows.set(rows);
    }

    private int rowOf(FlowMessage message) {
        Integer row = rowOfMessage.get(message);
        if (row == null && flow.get() != null) {
            row = flow.get().messages().indexOf(message);
        }
        return row == null ? -1 : row;
    }
}
