package org.sipladder.ui.main;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
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
 * The main window's layout: menu, call list on top, the selected call in the middle (ladder, message
 * table, side panel), the inspector below and the status bar; accepts dropped capture files.
 */
public final class MainWindowView extends BorderPane {

    private final SplitPane rows = new SplitPane();
    private final SplitPane middle = new SplitPane();
    private final TabPane callTabs = new TabPane();
    private final MainMenu menu;
    private final CallListView callList;
    private final InspectorView inspector;
    private final MainWindowViewModel viewModel;
    /** Split panes inside the side panel, remembered with the window's own. */
    private List<SplitPane> sidePanelSplits = List.of();

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
        middle.setOrientation(Orientation.HORIZONTAL);
        middle.getItems().add(callTabs);
        rows.setOrientation(Orientation.VERTICAL);
        rows.getItems().addAll(callList, middle, inspector);
        rows.setDividerPositions(0.17, 0.70);
        SplitPane.setResizableWithParent(callList, false);
        setTop(menu);
        setCenter(rows);
        setBottom(new StatusBar(viewModel));
        acceptDroppedFiles();
    }

    /** Adds a view of the selected call beside the ladder and the messages. */
    public void addCallTab(Tab tab) {
        callTabs.getTabs().add(tab);
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

    /** Divider positions of all split panes, outermost first: what the preferences remember. */
    public List<Double> dividerPositions() {
        List<Double> positions = new ArrayList<>();
        for (SplitPane pane : splitPanes()) {
            for (double d : pane.getDividerPositions()) {
                positions.add(d);
            }
        }
        return positions;
    }

    /** Restores positions saved by {@link #dividerPositions()}; ignored when the layout changed since. */
    public void restoreDividerPositions(List<Double> positions) {
        int expected = splitPanes().stream().mapToInt(p -> p.getDividers().size()).sum();
        if (positions.size() != expected) {
            return;
        }
        int i = 0;
        for (SplitPane pane : splitPanes()) {
            double[] values = new double[pane.getDividers().size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = positions.get(i++);
            }
            pane.setDividerPositions(values);
        }
    }

    private List<SplitPane> splitPanes() {
        List<SplitPane> panes = new ArrayList<>(List.of(rows, middle, inspector.split()));
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
