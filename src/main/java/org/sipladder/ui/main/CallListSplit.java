package org.sipladder.ui.main;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;
import org.sipladder.ui.calls.CallListView;

/**
 * The call list above the call's views: the list takes the height of the capture's calls, up to a share of the
 * window, until the user drags the divider below it; then it keeps the height the user gave it.
 */
final class CallListSplit extends SplitPane {

    /**
     * Share of the height the list takes when the capture has more calls than fit: about 12 calls at 1920x1080 and
     * 8 at 1366x768, as a network engineer scanning hundreds of calls wants (sngrep and Wireshark show a long list),
     * while the ladder below keeps most of the height.
     */
    static final double SHARE = 0.36;

    private final CallListView list;
    private final ObservableList<?> calls;
    private boolean fitted = true;

    /** @param calls the capture's calls, all of them (a filter that hides some does not move the divider) */
    CallListSplit(CallListView list, Node below, ObservableList<?> calls) {
        this.list = list;
        this.calls = calls;
        setOrientation(Orientation.VERTICAL);
        getItems().addAll(list, below);
        // a taller window gives its height to the ladder, not to the list
        SplitPane.setResizableWithParent(list, false);
        calls.addListener((ListChangeListener<Object>) c -> requestLayout());
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getTarget() instanceof Node target && isOwnDivider(target)) {
                fitted = false;
            }
        });
    }

    /** True while the list sizes itself to the calls; false once the user has set its height. */
    boolean fitted() {
        return fitted;
    }

    /** Sizes the list to the calls from now on, or keeps the divider where it is put (a layout the user left). */
    void setFitted(boolean fitted) {
        this.fitted = fitted;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        if (fitted && height > 0) {
            // whole rows: a row cut in half at the bottom reads as a rendering fault
            int most = Math.max(CallListView.MIN_ROWS, list.rowsFitting(SHARE * height));
            double wanted = list.heightFor(Math.min(most, Math.max(CallListView.MIN_ROWS, calls.size())));
            // the divider's middle sits at the position: the list ends half the divider's thickness above it
            double position = Math.min(1, (wanted + dividerThickness() / 2) / height);
            if (Math.abs(getDividerPositions()[0] - position) > 1e-4) {
                setDividerPositions(position);
            }
        }
        super.layoutChildren();
    }

    private double dividerThickness() {
        return lookupAll(".split-pane-divider").stream().filter(d -> d.getParent() == this)
                .mapToDouble(d -> d.getLayoutBounds().getHeight()).findFirst().orElse(0);
    }

    /** The divider right below the list, not one of the split panes nested under it. */
    private boolean isOwnDivider(Node node) {
        for (Node n = node; n != null && n != this; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) {
                return n.getParent() == this;
            }
        }
        return false;
    }
}
