package org.sipladder.ui.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;
import org.sipladder.diagnose.Finding;
import org.sipladder.ui.dialog.ClipboardService;

/** The findings side panel (ControlsFX): grouped findings with severity icons above the selected one's detail. */
public final class FindingsView extends BorderPane {

    /** Row height of the findings list; fixed so that its minimum height can promise whole rows. */
    static final double ROW_HEIGHT = 24;
    /** Findings visible at the least. */
    static final int MIN_ROWS = 5;
    private static final double DETAIL_MIN_HEIGHT = 70;
    private static final double SCROLL_BAR = 16;

    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("findings"));
    private final SplitPane split;
    private final SeverityIcons icons = new SeverityIcons();
    private boolean rebuilding;

    public FindingsView(FindingsViewModel viewModel, Consumer<Long> openFrame, Consumer<String> openConfigId,
                        ClipboardService clipboard) {
        Label summary = new Label();
        summary.setId("findingsSummary");
        summary.setWrapText(true);
        summary.setMinHeight(Label.USE_PREF_SIZE);
        summary.textProperty().bind(viewModel.summaryProperty());
        ToggleButton byCall = new ToggleButton("By call");
        ToggleButton byConfig = new ToggleButton("By trunk / rule");
        SegmentedButton grouping = new SegmentedButton(byCall, byConfig);
        byCall.setSelected(true);
        byCall.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                viewModel.groupByProperty().set(FindingsViewModel.GroupBy.CALL);
            }
        });
        byConfig.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                viewModel.groupByProperty().set(FindingsViewModel.GroupBy.CONFIG);
            }
        });
        Label groupLabel = new Label("Group:");
        HBox grouped = new HBox(6, groupLabel, grouping);
        grouped.setStyle("-fx-alignment: center-left;");
        VBox top = new VBox(3, summary, grouped);
        top.setStyle("-fx-padding: 3 4 3 4;");

        tree.setId("findingTree");
        tree.setShowRoot(false);
        // Five findings always show, however short the window or the ladder is made.
        tree.setFixedCellSize(ROW_HEIGHT);
        // Long titles give the list a horizontal scroll bar: room for it comes on top of the rows.
        tree.setMinHeight(MIN_ROWS * ROW_HEIGHT + SCROLL_BAR + 4);
        tree.setCellFactory(t -> new FindingCell());
        viewModel.groups().addListener((ListChangeListener<FindingGroup>) c -> rebuild(viewModel));
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (!rebuilding && item != null && item.getValue() instanceof Finding f) {
                viewModel.selectedFindingProperty().set(f);
            }
        });
        viewModel.selectedFindingProperty().addListener((obs, old, f) -> selectInTree(f));

        ScrollPane detail = new ScrollPane(new FindingDetails(viewModel, openFrame, openConfigId, clipboard));
        detail.setFitToWidth(true);
        // A plain SplitPane honours its items' minimum heights when the window or a divider moves (ControlsFX's
        // MasterDetailPane split by fraction alone, leaving 4.5 rows at 1024x700).
        split = new SplitPane(tree, detail);
        split.setId("findingsSplit");
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        detail.setMinHeight(DETAIL_MIN_HEIGHT);
        split.setMinHeight(tree.getMinHeight() + DETAIL_MIN_HEIGHT);
        setTop(top);
        setCenter(split);
    }

    public TreeView<Object> tree() {
        return tree;
    }

    /** The list above the detail: its divider is remembered with the window's other splits. */
    public SplitPane split() {
        return split;
    }

    private void rebuild(FindingsViewModel viewModel) {
        rebuilding = true;
        // one change of the root: each added heading made the tree count its rows again (50,000 calls with findings)
        List<TreeItem<Object>> groupItems = new ArrayList<>(viewModel.groups().size());
        for (FindingGroup group : viewModel.groups()) {
            TreeItem<Object> groupItem = new TreeItem<>(group);
            groupItem.setExpanded(true);
            List<TreeItem<Object>> items = new ArrayList<>(group.findings().size());
            for (Finding f : group.findings()) {
                items.add(new TreeItem<>(f));
            }
            groupItem.getChildren().setAll(items);
            groupItems.add(groupItem);
        }
        tree.getRoot().getChildren().setAll(groupItems);
        rebuilding = false;
        selectInTree(viewModel.selectedFindingProperty().get());
    }

    private void selectInTree(Finding f) {
        if (f == null) {
            tree.getSelectionModel().clearSelection();
            return;
        }
        for (TreeItem<Object> group : tree.getRoot().getChildren()) {
            for (TreeItem<Object> item : group.getChildren()) {
                if (item.getValue() == f) {
                    if (tree.getSelectionModel().getSelectedItem() != item) {
                        tree.getSelectionModel().select(item);
                    }
                    return;
                }
            }
        }
    }

    /** A group heading in bold, or a finding with its severity icon (a star marks the primary cause). */
    private final class FindingCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("finding-group", "finding-primary");
            setTooltip(null);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
            } else if (item instanceof FindingGroup group) {
                setText(group.title());
                setGraphic(null);
                getStyleClass().add("finding-group");
            } else if (item instanceof Finding f) {
                setText(f.code() + ": " + f.title());
                // The panel is narrow; the whole title is one hover away.
                setTooltip(new Tooltip(f.code() + ": " + f.title()));
                setGraphic(f.primary() ? new HBox(2, icons.primary(), icons.of(f.severity())) : icons.of(f.severity()));
                if (f.primary()) {
                    getStyleClass().add("finding-primary");
                }
            }
        }
    }
}
