package org.sipladder.ui.main;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import org.sipladder.ui.calls.CallListView;
import org.sipladder.ui.inspector.InspectorView;

/**
 * The main window's layout: menu, call list on top, below it the selected call's views (ladder, message table,
 * streams) above the inspector, the side panel (findings) beside both down to the status bar; accepts dropped
 * capture files.
 */
public final class MainWindowView extends BorderPane {

    /** Share of the call views and the inspector the views take. */
    private static final double VIEWS_SHARE = 0.64;

    private final CallListSplit rows;
    /** The call views and the inspector, beside the side panel. */
    private final SplitPane middle = new SplitPane();
    /** The call views above the inspector. */
    private final SplitPane views = new SplitPane();
    private final TabPane callTabs = new TabPane();
    private final MainMenu menu;
    private final CallListView callList;
    private final InspectorView inspector;
    private final MainWindowViewModel viewModel;
    /** Split panes inside the side panel, remembered with the window's own. */
    private List<SplitPane> sidePanelSplits = List.of();
    /** Call tabs that show no message: while one is shown the inspector yields its height to it. */
    private final Set<Tab> withoutInspector = new HashSet<>();
    /** Where the inspector's divider was when it last yielded, and will be when it comes back. */
    private double inspectorPosition = VIEWS_SHARE;

    /**
     * @param ladder      the first view of the selected call, shown at start
     * @param messageList builds the message table when its tab is first opened
     */
    public MainWindowView(MainWindowViewModel viewModel, CallListView callList, InspectorView inspector,
                          Node ladder, Supplier<? extends Node> messageList, Runnable quit, Runnable about) {
        this.viewModel = viewModel;
        this.callList = callList;
        this.inspector = inspector;
        this.menu = new MainMenu(viewModel, quit, about);
        callTabs.setId("callTabs");
        callTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        callTabs.getTabs().addAll(new Tab("Ladder", ladder), LazyTabs.tab("Messages", messageList));
        views.setOrientation(Orientation.VERTICAL);
        views.getItems().addAll(callTabs, inspector);
        views.setDividerPositions(VIEWS_SHARE);
        // the side panel runs down to the status bar, beside the inspector too: at 1024x700 a finding's explanation,
        // evidence and fix had ~150 px under the list, the inspector's height taken from it for nothing
        middle.setOrientation(Orientation.HORIZONTAL);
        middle.getItems().add(views);
        rows = new CallListSplit(callList, middle, viewModel.callList().rows());
        callTabs.getSelectionModel().selectedItemProperty().addListener(
                (obs, old, tab) -> showInspector(!withoutInspector.contains(tab)));
        setTop(menu);
        setCenter(rows);
        setBottom(new StatusBar(viewModel));
        acceptDroppedFiles();
    }

    /** Adds a view of the selected call beside the ladder and the messages. */
    public void addCallTab(Tab tab) {
        callTabs.getTabs().add(tab);
    }

    /**
     * Adds a view of the selected call that shows no SIP message (the streams): while it is shown, the inspector
     * below yields its height to it, and comes back where it was when another view is chosen.
     */
    public void addCallTabWithoutInspector(Tab tab) {
        withoutInspector.add(tab);
        addCallTab(tab);
    }

    /**
     * Brings back a view of the call's messages (the ladder) when one without messages (the streams) is shown: for
     * what asks to see a message (a finding's evidence frame, find in call), so that the message and the inspector are
     * on screen instead of selected behind the streams.
     */
    public void showMessages() {
        if (withoutInspector.contains(callTabs.getSelectionModel().getSelectedItem())) {
            callTabs.getTabs().stream().filter(t -> !withoutInspector.contains(t)).findFirst()
                    .ifPresent(callTabs.getSelectionModel()::select);
        }
    }

    /** Whether the inspector is below the call views (it yields to a view without messages). */
    private boolean inspectorShown() {
        return views.getItems().contains(inspector);
    }

    private void showInspector(boolean show) {
        if (show == inspectorShown()) {
            return;
        }
        if (show) {
            views.getItems().add(inspector);
            views.setDividerPositions(inspectorPosition);
        } else {
            inspectorPosition = views.getDividerPositions()[0];
            views.getItems().remove(inspector);
        }
    }

    /** Title of the tab shown for the selected call ("Ladder", "Messages"...). */
    public String selectedCallTab() {
        Tab tab = callTabs.getSelectionModel().getSelectedItem();
        return tab == null ? null : tab.getText();
    }

    MainMenu menu() {
        return menu;
    }

    public CallListView callList() {
        return callList;
    }

    public InspectorView inspector() {
        return inspector;
    }

    /**
     * Shows {@code panel} at the right of the call views (findings), taking {@code fraction} of the window's width;
     * the positions of {@code splitsInside} are remembered like the window's own.
     */
    public void setSidePanel(Node panel, double fraction, SplitPane... splitsInside) {
        sidePanelSplits = List.of(splitsInside);
        if (middle.getItems().size() > 1) {
            middle.getItems().set(1, panel);
        } else {
            middle.getItems().add(panel);
        }
        middle.setDividerPositions(1 - fraction);
    }

    /** True while the call list sizes itself to the capture's calls: the user has not dragged its divider. */
    public boolean callListFitted() {
        return rows.fitted();
    }

    /** Sizes the call list to the calls from now on, or keeps it where the restored divider put it. */
    public void setCallListFitted(boolean fitted) {
        rows.setFitted(fitted);
    }

    /** Divider positions of all split panes, outermost first: what the preferences remember. */
    public List<Double> dividerPositions() {
        List<Double> positions = new ArrayList<>();
        for (SplitPane pane : splitPanes()) {
            for (double d : positionsOf(pane)) {
                positions.add(d);
            }
        }
        return positions;
    }

    /** Restores positions saved by {@link #dividerPositions()}; ignored when the layout changed since. */
    public void restoreDividerPositions(List<Double> positions) {
        int expected = splitPanes().stream().mapToInt(p -> positionsOf(p).length).sum();
        if (positions.size() != expected) {
            return;
        }
        int i = 0;
        for (SplitPane pane : splitPanes()) {
            double[] values = new double[positionsOf(pane).length];
            for (int k = 0; k < values.length; k++) {
                values[k] = positions.get(i++);
            }
            if (pane == views && !inspectorShown()) {
                inspectorPosition = values[0];
            } else {
                pane.setDividerPositions(values);
            }
        }
    }

    /** A pane's divider positions; the inspector's, while it yields, where it will come back. */
    private double[] positionsOf(SplitPane pane) {
        return pane == views && !inspectorShown() ? new double[] {inspectorPosition} : pane.getDividerPositions();
    }

    /**
     * Outermost first, in the order of the layout before the side panel ran down beside the inspector, so that the
     * positions saved then still mean what they meant: call list, call views over inspector, side panel.
     */
    private List<SplitPane> splitPanes() {
        List<SplitPane> panes = new ArrayList<>(List.of(rows, views, middle, inspector.split()));
        panes.addAll(sidePanelSplits);
        return panes;
    }

    private void acceptDroppedFiles() {
        setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
                if (!getStyleClass().contains("drop-target")) {
                    getStyleClass().add("drop-target");
                }
            }
            event.consume();
        });
        setOnDragExited(event -> getStyleClass().remove("drop-target"));
        setOnDragDropped(this::dropped);
    }

    private void dropped(DragEvent event) {
        getStyleClass().remove("drop-target");
        boolean ok = event.getDragboard().hasFiles();
        if (ok) {
            viewModel.openDropped(event.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        event.setDropCompleted(ok);
        event.consume();
    }
}
