package org.sipladder.ui.ladder;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.ladder.Box;
import org.sipladder.ladder.LadderColumn;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.LadderStyle;
import org.sipladder.ladder.SvgWriter;

/**
 * The ladder of one call flow on a canvas the size of the viewport: only visible rows are drawn,
 * the column titles and the time gutter stay in place while scrolling. Click or Up/Down/Home/End
 * select a message, Enter or a double click opens it, Ctrl+wheel and Ctrl +/-/0 zoom.
 */
public class LadderView extends Region {

    static final double MIN_ZOOM = 0.4;
    static final double MAX_ZOOM = 3.0;
    private static final double ZOOM_STEP = 1.2;

    private final LadderFonts fonts = new LadderFonts();
    private final LadderStyle style = LadderStyle.standard().withMeasure(new FxTextMeasure(fonts));
    private final LadderPainter painter = new LadderPainter(fonts);
    private final Canvas canvas = new Canvas();
    private final ScrollBar vertical = new ScrollBar();
    private final ScrollBar horizontal = new ScrollBar();
    private final ContextMenu menu = new ContextMenu();
    private final ReadOnlyObjectWrapper<LadderLayout> ladderLayout = new ReadOnlyObjectWrapper<>(this, "ladderLayout");
    private final ObjectProperty<FlowMessage> selectedMessage = new SimpleObjectProperty<>(this, "selectedMessage");
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private final ObjectProperty<Consumer<FlowMessage>> onOpenMessage = new SimpleObjectProperty<>(this, "onOpenMessage");
    private final ObjectProperty<Consumer<Hop>> onRenameHop = new SimpleObjectProperty<>(this, "onRenameHop");
    private CallFlow flow;
    private Map<FlowMessage, Integer> rowOfMessage = Map.of();
    private Set<Long> highlightedFrames = Set.of();
    private BitSet highlightedRows = new BitSet();
    private int selectedRow = -1;

    public LadderView() {
        getStyleClass().add("ladder-view");
        setFocusTraversable(true);
        setMinSize(120, 120);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setFocusTraversable(false);
        horizontal.setFocusTraversable(false);
        getChildren().addAll(canvas, vertical, horizontal);
        vertical.valueProperty().addListener((obs, was, now) -> draw());
        horizontal.valueProperty().addListener((obs, was, now) -> draw());
        zoom.addListener((obs, was, now) -> {
            if (now.doubleValue() < MIN_ZOOM || now.doubleValue() > MAX_ZOOM) {
                zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, now.doubleValue())));
                return;
            }
            requestLayout();
        });
        selectedMessage.addListener((obs, was, now) -> selectRow(now == null ? -1 : rowOf(now)));
        focusedProperty().addListener((obs, was, now) -> draw());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::mousePressed);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    /**
     * Shows a flow (or nothing for null); the selection and marks are cleared. The same call again (renamed
     * hops, more messages) keeps its scroll position.
     */
    public void setFlow(CallFlow newFlow) {
        boolean sameCall = flow != null && newFlow != null && flow.id().equals(newFlow.id());
        this.flow = newFlow;
        selectedRow = -1;
        selectedMessage.set(null);
        if (!sameCall) {
            vertical.setValue(0);
            horizontal.setValue(0);
        }
        relayout();
    }

    public CallFlow getFlow() {
        return flow;
    }

    /** The layout on screen, or null without a flow; the PDF and tests can read the same geometry. */
    public ReadOnlyObjectProperty<LadderLayout> ladderLayoutProperty() {
        return ladderLayout.getReadOnlyProperty();
    }

    public LadderLayout getLadderLayout() {
        return ladderLayout.get();
    }

    public ObjectProperty<FlowMessage> selectedMessageProperty() {
        return selectedMessage;
    }

    /** Pixels per layout unit, between 0.4 and 3. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** Called with the selected message on Enter or a double click (the shell opens the inspector). */
    public ObjectProperty<Consumer<FlowMessage>> onOpenMessageProperty() {
        return onOpenMessage;
    }

    public void setOnOpenMessage(Consumer<FlowMessage> handler) {
        onOpenMessage.set(handler);
    }

    /** Called when the user asks to rename a hop (the column's menu): the shell asks for the name and remembers it. */
    public ObjectProperty<Consumer<Hop>> onRenameHopProperty() {
        return onRenameHop;
    }

    public void setOnRenameHop(Consumer<Hop> handler) {
        onRenameHop.set(handler);
    }

    /** Marks the rows of these frames, e.g. the messages a finding points at, and scrolls to the first. */
    public void highlightFrames(Set<Long> frames) {
        highlightedFrames = Set.copyOf(frames);
        markHighlightedRows();
        int first = highlightedRows.nextSetBit(0);
        if (first >= 0) {
            scrollToRow(first);
        }
        draw();
    }

    /** Indexes of the rows drawn highlighted, e.g. for tests that check what a finding marks. */
    public BitSet highlightedRows() {
        return (BitSet) highlightedRows.clone();
    }

    public void zoomIn() {
        zoom.set(Math.min(MAX_ZOOM, zoom.get() * ZOOM_STEP));
    }

    public void zoomOut() {
        zoom.set(Math.max(MIN_ZOOM, zoom.get() / ZOOM_STEP));
    }

    /** Zooms so that the whole width of the ladder fits the view. */
    public void zoomToFit() {
        LadderLayout layout = ladderLayout.get();
        double available = getWidth() - vertical.getWidth();
        if (layout != null && available > 0) {
            zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, available / layout.width())));
        }
    }

    /** Writes the whole ladder as a PNG at twice the screen size; call on the FX thread. */
    public void exportPng(Path file) throws IOException {
        LadderLayout layout = requireLayout();
        new PngExport(painter).write(layout, new Marks(-1, highlightedRows, false), 2.0, file);
    }

    /** Writes the whole ladder as SVG, drawn from the same layout. */
    public void exportSvg(Path file) throws IOException {
        LadderLayout layout = requireLayout();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new SvgWriter().write(layout, highlightedFrames, out);
        }
    }

    /** Where a message's row is inside this view, or empty when it is scrolled out of sight. */
    public Optional<Bounds> messageBounds(int index) {
        LadderLayout layout = ladderLayout.get();
        if (layout == null || index < 0 || index >= layout.rowCount()) {
            return Optional.empty();
        }
        Box row = layout.rowBounds(index);
        double z = zoom.get();
        double top = (row.y() - vertical.getValue()) * z;
        double left = layout.gutterWidth() * z;
        if (top < layout.headerHeight() * z || top + row.height() * z > canvas.getHeight()) {
            return Optional.empty();
        }
        double right = Math.min(canvas.getWidth(), (layout.width() - horizontal.getValue()) * z);
        return Optional.of(new BoundingBox(left, top, Math.max(0, right - left), row.height() * z));
    }

    @Override
    protected void layoutChildren() {
        LadderLayout layout = ladderLayout.get();
        double w = getWidth();
        double h = getHeight();
        double barW = vertical.prefWidth(-1);
        double barH = horizontal.prefHeight(-1);
        double z = zoom.get();
        boolean needH = layout != null && layout.width() * z > w - barW;
        double canvasW = Math.max(0, w - barW);
        double canvasH = Math.max(0, h - (needH ? barH : 0));
        canvas.setWidth(canvasW);
        canvas.setHeight(canvasH);
        vertical.resizeRelocate(canvasW, 0, barW, canvasH);
        horizontal.setVisible(needH);
        horizontal.resizeRelocate(0, canvasH, canvasW, barH);
        updateScrollRanges(layout, canvasW, canvasH, z);
        draw();
    }

    private void updateScrollRanges(LadderLayout layout, double canvasW, double canvasH, double z) {
        double maxY = layout == null ? 0 : Math.max(0, layout.height() - canvasH / z);
        double maxX = layout == null ? 0 : Math.max(0, layout.width() - canvasW / z);
        vertical.setMax(maxY);
        vertical.setVisibleAmount(maxY == 0 ? 1 : Math.min(maxY, canvasH / z));
        vertical.setUnitIncrement(style.rowHeight());
        vertical.setBlockIncrement(Math.max(style.rowHeight(), canvasH / z - style.headerHeight()));
        vertical.setValue(Math.min(vertical.getValue(), maxY));
        horizontal.setMax(maxX);
        horizontal.setVisibleAmount(maxX == 0 ? 1 : Math.min(maxX, canvasW / z));
        horizontal.setUnitIncrement(40);
        horizontal.setValue(Math.min(horizontal.getValue(), maxX));
    }

    private void draw() {
        LadderLayout layout = ladderLayout.get();
        var g = canvas.getGraphicsContext2D();
        if (layout == null) {
            g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            return;
        }
        painter.paint(g, layout, viewport(), new Marks(selectedRow, highlightedRows, isFocused()));
    }

    private Viewport viewport() {
        return new Viewport(horizontal.getValue(), vertical.getValue(), canvas.getWidth(), canvas.getHeight(),
                zoom.get(), true);
    }

    private void relayout() {
        if (flow == null) {
            ladderLayout.set(null);
            rowOfMessage = Map.of();
        } else {
            LadderLayout layout = LadderLayout.of(flow, style);
            Map<FlowMessage, Integer> index = new IdentityHashMap<>();
            List<FlowMessage> messages = flow.messages();
            for (int i = 0; i < messages.size(); i++) {
                index.put(messages.get(i), i);
            }
            rowOfMessage = index;
            ladderLayout.set(layout);
        }
        markHighlightedRows();
        requestLayout();
        layoutChildren();
    }

    private void markHighlightedRows() {
        BitSet rows = new BitSet();
        if (flow != null && !highlightedFrames.isEmpty()) {
            List<FlowMessage> messages = flow.messages();
            for (int i = 0; i < messages.size(); i++) {
                if (highlightedFrames.contains(messages.get(i).message().frame())) {
                    rows.set(i);
                }
            }
        }
        highlightedRows = rows;
    }

    private int rowOf(FlowMessage message) {
        Integer row = rowOfMessage.get(message);
        if (row == null && flow != null) {
            row = flow.messages().indexOf(message);
        }
        return row == null ? -1 : row;
    }

    private void selectRow(int row) {
        selectedRow = row;
        if (row >= 0) {
            scrollToRow(row);
        }
        draw();
    }

    private void select(int row) {
        LadderLayout layout = ladderLayout.get();
        if (layout == null || layout.rowCount() == 0) {
            return;
        }
        int clamped = Math.max(0, Math.min(layout.rowCount() - 1, row));
        selectedMessage.set(flow.messages().get(clamped));
    }

    private void scrollToRow(int row) {
        LadderLayout layout = ladderLayout.get();
        Box b = layout.rowBounds(row);
        double z = zoom.get();
        double visibleTop = vertical.getValue() + layout.headerHeight();
        double visibleBottom = vertical.getValue() + canvas.getHeight() / z;
        if (b.y() < visibleTop) {
            vertical.setValue(Math.max(0, b.y() - layout.headerHeight()));
        } else if (b.maxY() > visibleBottom) {
            vertical.setValue(Math.min(vertical.getMax(), b.maxY() - canvas.getHeight() / z));
        }
    }

    private void mousePressed(MouseEvent e) {
        requestFocus();
        LadderLayout layout = ladderLayout.get();
        if (layout == null || e.getX() > canvas.getWidth() || e.getY() > canvas.getHeight()) {
            return;
        }
        double z = zoom.get();
        double x = e.getX() / z < layout.gutterWidth() ? e.getX() / z : e.getX() / z + horizontal.getValue();
        double y = e.getY() / z < layout.headerHeight() ? e.getY() / z : e.getY() / z + vertical.getValue();
        if (e.getButton() == MouseButton.SECONDARY) {
            showMenu(layout, x, e);
            return;
        }
        menu.hide();
        int row = layout.messageAt(x, y);
        if (row >= 0 && e.getButton() == MouseButton.PRIMARY) {
            select(row);
            if (e.getClickCount() == 2) {
                open();
            }
        }
    }

    private void showMenu(LadderLayout layout, double x, MouseEvent e) {
        menu.getItems().clear();
        nearestColumn(layout, x).ifPresent(column -> {
            MenuItem rename = new MenuItem("Rename hop \u201c" + column.title().text() + "\u201d\u2026");
            rename.setOnAction(a -> rename(column.hop()));
            menu.getItems().addAll(rename, new SeparatorMenuItem());
        });
        MenuItem in = new MenuItem("Zoom in");
        in.setOnAction(a -> zoomIn());
        MenuItem out = new MenuItem("Zoom out");
        out.setOnAction(a -> zoomOut());
        MenuItem fit = new MenuItem("Fit width");
        fit.setOnAction(a -> zoomToFit());
        menu.getItems().addAll(in, out, fit);
        menu.show(this, e.getScreenX(), e.getScreenY());
    }

    private static Optional<LadderColumn> nearestColumn(LadderLayout layout, double x) {
        LadderColumn best = null;
        for (LadderColumn c : layout.columns()) {
            if (best == null || Math.abs(c.x() - x) < Math.abs(best.x() - x)) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Tells the shell the user wants to rename the hop: it asks for the name and shows the renamed call. */
    void rename(Hop hop) {
        Consumer<Hop> handler = onRenameHop.get();
        if (handler != null) {
            handler.accept(hop);
        }
    }

    private void open() {
        Consumer<FlowMessage> handler = onOpenMessage.get();
        if (handler != null && selectedMessage.get() != null) {
            handler.accept(selectedMessage.get());
        }
    }

    private void keyPressed(KeyEvent e) {
        LadderLayout layout = ladderLayout.get();
        if (layout == null) {
            return;
        }
        int page = Math.max(1, (int) ((canvas.getHeight() / zoom.get() - layout.headerHeight()) / style.rowHeight()) - 1);
        boolean handled = true;
        KeyCode code = e.getCode();
        if (e.isShortcutDown() && (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD)) {
            zoomIn();
        } else if (e.isShortcutDown() && (code == KeyCode.MINUS || code == KeyCode.SUBTRACT)) {
            zoomOut();
        } else if (e.isShortcutDown() && (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0)) {
            zoom.set(1.0);
        } else {
            switch (code) {
                case UP -> select(selectedRow < 0 ? 0 : selectedRow - 1);
                case DOWN -> select(selectedRow + 1);
                case PAGE_UP -> select(selectedRow - page);
                case PAGE_DOWN -> select(selectedRow + page);
                case HOME -> select(0);
                case END -> select(layout.rowCount() - 1);
                case ENTER -> open();
                default -> handled = false;
            }
        }
        if (handled) {
            e.consume();
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown()) {
            if (e.getDeltaY() > 0) {
                zoomIn();
            } else if (e.getDeltaY() < 0) {
                zoomOut();
            }
        } else {
            double z = zoom.get();
            vertical.setValue(clamp(vertical.getValue() - e.getDeltaY() / z, vertical.getMax()));
            horizontal.setValue(clamp(horizontal.getValue() - e.getDeltaX() / z, horizontal.getMax()));
        }
        e.consume();
    }

    private static double clamp(double value, double max) {
        return Math.max(0, Math.min(max, value));
    }

    private LadderLayout requireLayout() throws IOException {
        LadderLayout layout = ladderLayout.get();
        if (layout == null) {
            throw new IOException("There is no ladder to export: select a call first.");
        }
        return layout;
    }
}
