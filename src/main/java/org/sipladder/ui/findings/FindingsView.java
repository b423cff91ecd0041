package org.sipladder.ui.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
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
    /** Up to this many findings, every group shows open. */
    static final int OPEN_FINDINGS = 1000;

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
        // a large capture has 100,000 findings: their rows are made when their group is first opened, and the
        // groups start closed, so the panel costs memory for what the user looks at
        boolean open = viewModel.groups().stream().mapToInt(g -> g.findings().size()).sum() <= OPEN_FINDINGS;
        List<TreeItem<Object>> groupItems = new ArrayList<>(viewModel.groups().size());
        for (FindingGroup group : viewModel.groups()) {
            GroupItem item = new GroupItem(group);
            item.setExpanded(open);
            groupItems.add(item);
        }
        // a new root, filled before the tree sees it: the tree's focus model looks up the row of every heading
        // added to the root it shows, each look-up counting the headings before it (50,000 groups: 40 s of the
        // FX thread), and adding them one by one made the tree count its rows again each time
        TreeItem<Object> root = new TreeItem<>("findings");
        root.setExpanded(true);
        root.getChildren().setAll(groupItems);
        tree.setRoot(root);
        rebuilding = false;
        selectInTree(viewModel.selectedFindingProperty().get());
    }

    /** Selects {@code f} in the first group holding it, opening the group. */
    private void selectInTree(Finding f) {
        if (f == null) {
            tree.getSelectionModel().clearSelection();
            return;
        }
        for (TreeItem<Object> group : tree.getRoot().getChildren()) {
            if (group.getValue() instanceof FindingGroup g && g.findings().stream().anyMatch(x -> x == f)) {
                group.setExpanded(true);
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
    }

    /** A group heading whose findings' rows are made when first asked for (the group opened or searched). */
    private static final class GroupItem extends TreeItem<Object> {
        private boolean made;

        GroupItem(FindingGroup group) {
            super(group);
        }

        @Override
        public boolean isLeaf() {
            return false;
        }

        @Override
        public ObservableList<TreeItem<Object>> getChildren() {
            if (!made) {
                made = true;
                List<Finding> findings = ((FindingGroup) getValue()).findings();
                List<TreeItem<Object>> items = new ArrayList<>(findings.size());
                for (Finding f : findings) {
                    items.add(new TreeItem<>(f));
                }
                super.getChildren().setAll(items);
            }
            return super.getChildren();
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
