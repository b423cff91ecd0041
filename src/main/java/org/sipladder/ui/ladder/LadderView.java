package org.sipladder.ui.ladder;

import java.util.BitSet;
import java.util.Optional;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.sipladder.ladder.Box;
import org.sipladder.ladder.LadderColumn;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.StreamRow;

/**
 * Draws a {@link LadderViewModel} on a canvas the size of the viewport and turns clicks, keys and the wheel into
 * its actions: only visible rows are drawn, the column titles and the time gutter stay in place while scrolling.
 * Click or Up/Down/Home/End select a message, Enter or a double click opens it, Ctrl+wheel and Ctrl +/-/0 zoom.
 * What it keeps itself is only where it is scrolled to.
 */
public class LadderView extends Region {

    private final LadderViewModel viewModel;
    private final LadderPainter painter;
    private final Canvas canvas = new Canvas();
    private final ScrollBar vertical = new ScrollBar();
    private final ScrollBar horizontal = new ScrollBar();
    private final ContextMenu menu = new ContextMenu();
    private final Tooltip arrowTip = new Tooltip();
    /** The message row the tooltip tells of, -2 - the slot of a stream's row, or -1 for none. */
    private int tipRow = -1;
    private boolean keepSelectionInView;

    /** A view over a view-model of its own, measuring text with the screen's fonts. */
    public LadderView() {
        this(new LadderFonts());
    }

    private LadderView(LadderFonts fonts) {
        this(new LadderViewModel(new FxTextMeasure(fonts)), fonts);
    }

    private LadderView(LadderViewModel viewModel, LadderFonts fonts) {
        this.viewModel = viewModel;
        this.painter = new LadderPainter(fonts);
        getStyleClass().add("ladder-view");
        setFocusTraversable(true);
        setMinSize(120, 120);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setFocusTraversable(false);
        horizontal.setFocusTraversable(false);
        getChildren().addAll(canvas, vertical, horizontal);
        vertical.valueProperty().addListener((obs, was, now) -> draw());
        horizontal.valueProperty().addListener((obs, was, now) -> draw());
        viewModel.layoutProperty().addListener((obs, was, now) -> {
            if (was == null || now == null || was.flow().messages() != now.flow().messages()) {
                vertical.setValue(0);
                horizontal.setValue(0);
            }
            requestLayout();
            layoutChildren();
        });
        viewModel.zoomProperty().addListener((obs, was, now) -> {
            // Zooming about the top would carry the selected arrow out of sight.
            keepSelectionInView = true;
            requestLayout();
            layoutChildren();
        });
        viewModel.selectedRowProperty().addListener((obs, was, row) -> {
            scrollToRow(row.intValue());
            draw();
        });
        viewModel.highlightedRowsProperty().addListener((obs, was, rows) -> {
            scrollToRow(rows.nextSetBit(0));
            draw();
        });
        focusedProperty().addListener((obs, was, now) -> draw());
        arrowTip.setShowDelay(Duration.millis(300));
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::mousePressed);
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::mouseClicked);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::mouseMoved);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideTip());
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    public LadderViewModel viewModel() {
        return viewModel;
    }

    /** The layout on screen, or null without a call. */
    public LadderLayout getLadderLayout() {
        return viewModel.layoutProperty().get();
    }

    /** Indexes of the rows drawn highlighted. */
    public BitSet highlightedRows() {
        return (BitSet) viewModel.highlightedRowsProperty().get().clone();
    }

    /** Zooms so that the whole width of the ladder fits the view. */
    public void zoomToFit() {
        viewModel.zoomToFit(getWidth() - vertical.getWidth());
    }

    /** Draws the ladder for the dark theme (or the light one). */
    public void setDark(boolean dark) {
        painter.setDark(dark);
        draw();
    }

    /** Where a message's row is inside this view, or empty when it is scrolled out of sight. */
    public Optional<Bounds> messageBounds(int index) {
        LadderLayout layout = getLadderLayout();
        if (layout == null || index < 0 || index >= layout.rowCount()) {
            return Optional.empty();
        }
        Box row = layout.rowBounds(index);
        double z = zoom();
        double top = (row.y() - vertical.getValue()) * z;
        double left = layout.gutterWidth() * z;
        // Half a pixel of slack: at a zoom like 1.2 a row scrolled flush to the bottom ends a rounding error below it.
        if (top < layout.headerHeight() * z - 0.5 || top + row.height() * z > canvas.getHeight() + 0.5) {
            return Optional.empty();
        }
        double right = Math.min(canvas.getWidth(), (layout.width() - horizontal.getValue()) * z);
        return Optional.of(new BoundingBox(left, top, Math.max(0, right - left), row.height() * z));
    }

    @Override
    protected void layoutChildren() {
        LadderLayout layout = getLadderLayout();
        double w = getWidth();
        double h = getHeight();
        // without a call there is nothing to scroll: no bar; with one it stays, so the width does not jump
        double barW = layout == null ? 0 : vertical.prefWidth(-1);
        double barH = horizontal.prefHeight(-1);
        double z = zoom();
        boolean needH = layout != null && layout.width() * z > w - barW;
        double canvasW = Math.max(0, w - barW);
        double canvasH = Math.max(0, h - (needH ? barH : 0));
        canvas.setWidth(canvasW);
        canvas.setHeight(canvasH);
        vertical.setVisible(layout != null);
        vertical.resizeRelocate(canvasW, 0, barW, canvasH);
        horizontal.setVisible(needH);
        horizontal.resizeRelocate(0, canvasH, canvasW, barH);
        updateScrollRanges(layout, canvasW, canvasH, z);
        if (keepSelectionInView) {
            scrollToRow(viewModel.selectedRowProperty().get());
        }
        keepSelectionInView = false;
        draw();
    }

    private double zoom() {
        return viewModel.zoomProperty().get();
    }

    private void updateScrollRanges(LadderLayout layout, double canvasW, double canvasH, double z) {
        double maxY = layout == null ? 0 : Math.max(0, layout.height() - canvasH / z);
        double maxX = layout == null ? 0 : Math.max(0, layout.width() - canvasW / z);
        double rowHeight = layout == null ? 40 : layout.style().rowHeight();
        double header = layout == null ? 0 : layout.headerHeight();
        vertical.setMax(maxY);
        vertical.setVisibleAmount(maxY == 0 ? 1 : Math.min(maxY, canvasH / z));
        vertical.setUnitIncrement(rowHeight);
        vertical.setBlockIncrement(Math.max(rowHeight, canvasH / z - header));
        vertical.setValue(Math.min(vertical.getValue(), maxY));
        horizontal.setMax(maxX);
        horizontal.setVisibleAmount(maxX == 0 ? 1 : Math.min(maxX, canvasW / z));
        horizontal.setUnitIncrement(40);
        horizontal.setValue(Math.min(horizontal.getValue(), maxX));
    }

    private void draw() {
        LadderLayout layout = getLadderLayout();
        var g = canvas.getGraphicsContext2D();
        if (layout == null) {
            g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            return;
        }
        painter.paint(g, layout, new Viewport(horizontal.getValue(), vertical.getValue(), canvas.getWidth(),
                canvas.getHeight(), zoom(), true),
                new Marks(viewModel.selectedRowProperty().get(), viewModel.highlightedRowsProperty().get(), isFocused()));
    }

    private void scrollToRow(int row) {
        LadderLayout layout = getLadderLayout();
        if (layout == null || row < 0 || row >= layout.rowCount()) {
            return;
        }
        Box b = layout.rowBounds(row);
        double z = zoom();
        double visibleTop = vertical.getValue() + layout.headerHeight();
        double visibleBottom = vertical.getValue() + canvas.getHeight() / z;
        if (b.y() < visibleTop) {
            vertical.setValue(Math.max(0, b.y() - layout.headerHeight()));
        } else if (b.maxY() > visibleBottom) {
            vertical.setValue(Math.min(vertical.getMax(), b.maxY() - canvas.getHeight() / z));
        }
    }

    /** Layout coordinates of a point of the view: the gutter and the header stay put while the rest scrolls. */
    private double layoutX(LadderLayout layout, double px) {
        double x = px / zoom();
        return x < layout.gutterWidth() ? x : x + horizontal.getValue();
    }

    private double layoutY(LadderLayout layout, double py) {
        double y = py / zoom();
        return y < layout.headerHeight() ? y : y + vertical.getValue();
    }

    private void mousePressed(MouseEvent e) {
        // Keys go where the user clicked: Up/Down then move through the ladder, not the tabs around it.
        requestFocus();
        LadderLayout layout = getLadderLayout();
        if (layout == null || e.getX() > canvas.getWidth() || e.getY() > canvas.getHeight()) {
            return;
        }
        double x = layoutX(layout, e.getX());
        if (e.getButton() == MouseButton.SECONDARY) {
            showMenu(layout, x, e);
            e.consume();
            return;
        }
        menu.hide();
        int row = layout.messageAt(x, layoutY(layout, e.getY()));
        if (row >= 0 && e.getButton() == MouseButton.PRIMARY) {
            viewModel.select(row);
            if (e.getClickCount() == 2) {
                viewModel.open();
            }
        }
        e.consume();
    }

    /**
     * A click on a stream's arrow shows the stream where the shell shows streams (another tab): on the click, not the
     * press, so that the press and release both reach this view before it is hidden.
     */
    private void mouseClicked(MouseEvent e) {
        LadderLayout layout = getLadderLayout();
        if (layout == null || e.getButton() != MouseButton.PRIMARY || e.getX() > canvas.getWidth()
                || e.getY() > canvas.getHeight() || e.getY() / zoom() < layout.headerHeight()) {
            return;
        }
        double x = layoutX(layout, e.getX());
        double y = layoutY(layout, e.getY());
        if (layout.messageAt(x, y) < 0 && x <= layout.width()) {
            layout.streamRowAt(y).ifPresent(s -> {
                hideTip(); // its tooltip must not pop up over the other tab
                viewModel.openStream(s.stream());
            });
        }
    }

    /**
     * The arrow under the pointer explains itself: a message its method or status, time, Call-ID and size; a stream
     * its problems and whole detail.
     */
    private void mouseMoved(MouseEvent e) {
        tipAt(e.getX(), e.getY());
    }

    /**
     * The tooltip for the arrow at {@code (x, y)} in this view: after the pointer moved, or the ladder moved under
     * it (a wheel turn), so that it never tells of the arrow that was there before.
     */
    private void tipAt(double x, double y) {
        LadderLayout layout = getLadderLayout();
        int row = -1;
        Optional<StreamRow> stream = Optional.empty();
        if (layout != null && x <= canvas.getWidth() && y / zoom() >= layout.headerHeight()) {
            double lx = layoutX(layout, x);
            double ly = layoutY(layout, y);
            row = layout.messageAt(lx, ly);
            if (row < 0 && lx <= layout.width()) {
                stream = layout.streamRowAt(ly);
            }
        }
        // a message's row, or a stream's slot below -1: one key for whichever arrow the tip tells of
        int key = stream.map(s -> -2 - s.slot()).orElse(row);
        if (key == tipRow) {
            return;
        }
        hideTip();
        if (key == -1) {
            return;
        }
        tipRow = key;
        arrowTip.setText(stream.isPresent() ? StreamTooltip.text(stream.get(), layout.style().zone())
                : ArrowTooltip.text(layout.row(row), layout.style().zone()));
        Tooltip.install(this, arrowTip);
    }

    /** The text the arrow tooltip has now (shown or waiting to show). */
    String arrowTipText() {
        return arrowTip.getText();
    }

    private void hideTip() {
        tipRow = -1;
        arrowTip.hide();
        Tooltip.uninstall(this, arrowTip);
    }

    private void showMenu(LadderLayout layout, double x, MouseEvent e) {
        menu.getItems().clear();
        nearestColumn(layout, x).ifPresent(column -> {
            MenuItem rename = new MenuItem("Rename hop \u201c" + column.title().text() + "\u201d\u2026");
            rename.setOnAction(a -> viewModel.rename(column.hop()));
            menu.getItems().addAll(rename, new SeparatorMenuItem());
        });
        MenuItem in = new MenuItem("Zoom in");
        in.setOnAction(a -> viewModel.zoomIn());
        MenuItem out = new MenuItem("Zoom out");
        out.setOnAction(a -> viewModel.zoomOut());
        MenuItem fit = new MenuItem("Fit width");
        fit.setOnAction(a -> zoomToFit());
        MenuItem copy = new MenuItem("Copy ladder as text");
        copy.setOnAction(a -> viewModel.copyAsText());
        menu.getItems().addAll(in, out, fit, new SeparatorMenuItem(), copy);
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

    private void keyPressed(KeyEvent e) {
        LadderLayout layout = getLadderLayout();
        if (layout == null) {
            return;
        }
        int page = Math.max(1, (int) ((canvas.getHeight() / zoom() - layout.headerHeight()) / layout.style().rowHeight()) - 1);
        boolean handled = true;
        KeyCode code = e.getCode();
        if (e.isShortcutDown() && (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD)) {
            viewModel.zoomIn();
        } else if (e.isShortcutDown() && (code == KeyCode.MINUS || code == KeyCode.SUBTRACT)) {
            viewModel.zoomOut();
        } else if (e.isShortcutDown() && (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0)) {
            viewModel.actualSize();
        } else {
            switch (code) {
                case UP -> viewModel.moveSelection(-1);
                case DOWN -> viewModel.moveSelection(1);
                case PAGE_UP -> viewModel.moveSelection(-page);
                case PAGE_DOWN -> viewModel.moveSelection(page);
                case HOME -> viewModel.select(0);
                case END -> viewModel.selectLast();
                case ENTER -> viewModel.open();
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
                viewModel.zoomIn();
            } else if (e.getDeltaY() < 0) {
                viewModel.zoomOut();
            }
        } else {
            double z = zoom();
            vertical.setValue(clamp(vertical.getValue() - e.getDeltaY() / z, vertical.getMax()));
            horizontal.setValue(clamp(horizontal.getValue() - e.getDeltaX() / z, horizontal.getMax()));
        }
        tipAt(e.getX(), e.getY());
        e.consume();
    }

    private static double clamp(double value, double max) {
        return Math.max(0, Math.min(max, value));
    }
}
