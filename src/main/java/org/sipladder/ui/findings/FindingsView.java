package org.sipladder.ui.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
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
import org.sipladder.ui.calls.Counts;
import org.sipladder.ui.dialog.ClipboardService;

/** The findings side panel (ControlsFX): grouped findings with severity icons above the selected one's detail. */
public final class FindingsView extends BorderPane {

    /** Row height of the findings list; fixed so that its minimum height can promise whole rows. */
    static final double ROW_HEIGHT = 24;
    /** Rows of the list visible at the least, when it has that many. */
    static final int MIN_ROWS = 5;
    private static final double DETAIL_MIN_HEIGHT = 70;
    private static final double SCROLL_BAR = 16;
    /** Up to this many findings, every group shows open. */
    static final int OPEN_FINDINGS = 1000;
    /**
     * Above this many groups, they are shown in ranges of this many, each range's headings made when it is opened:
     * a heading is a tree item of ~500 bytes with its event handlers, 25 MB for the 50,000 calls of a large capture.
     */
    static final int GROUPS_PER_RANGE = 1000;

    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("findings"));
    private final SplitPane split;
    private final SeverityIcons icons = new SeverityIcons();
    private boolean rebuilding;
    /** The groups the tree shows, as the view model listed them. */
    private List<FindingGroup> shown = List.of();

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
        // Five rows always show, however short the window or the ladder is made; a list of fewer rows is no taller
        // than they are, so the selected finding's detail below it has the rest (at 1024x700 a call's three
        // findings left the detail 70 px under a list two thirds empty)
        tree.setFixedCellSize(ROW_HEIGHT);
        // (an empty list, nothing diagnosed yet, keeps its five rows and the divider where the user put it)
        tree.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> listHeight(rows() == 0 ? MIN_ROWS : Math.min(MIN_ROWS, rows())),
                tree.expandedItemCountProperty()));
        tree.maxHeightProperty().bind(Bindings.createDoubleBinding(
                () -> rows() == 0 ? Double.MAX_VALUE : listHeight(rows()), tree.expandedItemCountProperty()));
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
        split.minHeightProperty().bind(tree.minHeightProperty().add(DETAIL_MIN_HEIGHT));
        setTop(top);
        setCenter(split);
    }

    /** The rows the list shows: headings and the findings of the open groups. */
    private int rows() {
        return tree.getExpandedItemCount();
    }

    /** The list's height for {@code rows} rows: long titles give it a horizontal scroll bar, room for it on top. */
    private static double listHeight(int rows) {
        return rows * ROW_HEIGHT + SCROLL_BAR + 4;
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
        shown = List.copyOf(viewModel.groups());
        // a large capture has 100,000 findings: their rows are made when their group is first opened, and the
        // groups start closed, so the panel costs memory for what the user looks at
        boolean open = shown.stream().mapToInt(FindingGroup::size).sum() <= OPEN_FINDINGS;
        List<TreeItem<Object>> children = new ArrayList<>();
        if (shown.size() <= GROUPS_PER_RANGE) {
            children.addAll(headings(shown, open));
        } else {
            for (int first = 0; first < shown.size(); first += GROUPS_PER_RANGE) {
                List<FindingGroup> range = shown.subList(first, Math.min(shown.size(), first + GROUPS_PER_RANGE));
                GroupRange heading = new GroupRange(first + 1, first + range.size(), shown.size(),
                        range.stream().mapToInt(FindingGroup::size).sum());
                children.add(new MadeWhenOpened(heading, () -> headings(range, false)));
            }
        }
        // a new root, filled before the tree sees it: the tree's focus model looks up the row of every heading
        // added to the root it shows, each look-up counting the headings before it (50,000 groups: 40 s of the
        // FX thread), and adding them one by one made the tree count its rows again each time
        TreeItem<Object> root = new TreeItem<>("findings");
        root.setExpanded(true);
        root.getChildren().setAll(children);
        tree.setRoot(root);
        rebuilding = false;
        selectInTree(viewModel.selectedFindingProperty().get());
    }

    private static List<TreeItem<Object>> headings(List<FindingGroup> groups, boolean open) {
        List<TreeItem<Object>> items = new ArrayList<>(groups.size());
        for (FindingGroup group : groups) {
            TreeItem<Object> item = new MadeWhenOpened(group, () -> group.findings().stream()
                    .<TreeItem<Object>>map(f -> new TreeItem<>(f)).toList());
            item.setExpanded(open);
            items.add(item);
        }
        return items;
    }

    /** Selects {@code f} in the first group holding it, opening the group (and its range). */
    private void selectInTree(Finding f) {
        int index = -1;
        for (int i = 0; i < shown.size() && index < 0 && f != null; i++) {
            if (shown.get(i).holds(f)) {
                index = i;
            }
        }
        if (index < 0) {
            if (f == null) {
                tree.getSelectionModel().clearSelection();
            }
            return;
        }
        TreeItem<Object> group;
        if (shown.size() <= GROUPS_PER_RANGE) {
            group = tree.getRoot().getChildren().get(index);
        } else {
            TreeItem<Object> range = tree.getRoot().getChildren().get(index / GROUPS_PER_RANGE);
            range.setExpanded(true);
            group = range.getChildren().get(index % GROUPS_PER_RANGE);
        }
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

    /**
     * Groups {@code first} to {@code last} (counted from 1) of {@code of}, holding {@code findings} findings.
     */
    record GroupRange(int first, int last, int of, int findings) {
        String title() {
            return String.format(Locale.ROOT, "Groups %,d–%,d of %,d (%s)", first, last, of,
                    Counts.of(findings, "finding"));
        }
    }

    /** A heading whose rows are made when first asked for (the heading opened or searched). */
    private static final class MadeWhenOpened extends TreeItem<Object> {
        private Supplier<List<TreeItem<Object>>> rows;

        MadeWhenOpened(Object heading, Supplier<List<TreeItem<Object>>> rows) {
            super(heading);
            this.rows = rows;
        }

        @Override
        public boolean isLeaf() {
            return false;
        }

        @Override
        public ObservableList<TreeItem<Object>> getChildren() {
            if (rows != null) {
                List<TreeItem<Object>> made = rows.get();
                rows = null;
                super.getChildren().setAll(made);
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
            } else if (item instanceof GroupRange range) {
                setText(range.title());
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
