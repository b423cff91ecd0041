package org.sipladder.ui.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.sipladder.ui.calls.ColumnFit;
import org.sipladder.ui.calls.WholeTextCell;

/**
 * The Streams tab: a table of the selected call's RTP streams (or of the capture's tied to no call) under a
 * heading saying which, and for the selected one its jitter and loss over time with Play and Export WAV.... Binds to a {@link StreamsViewModel} and nothing else.
 */
public final class StreamsView extends SplitPane {

    /** Streams the table shows at the least, however small the window: a two-leg call's, both ways. */
    static final int MIN_ROWS = 4;
    /** Height of a table row (and of the header) in Modena: -fx-cell-size 2em. */
    private static final double ROW_EMS = 2;
    /** The table's horizontal scroll bar and borders: its columns are wider than a small window. */
    private static final double SCROLL_BAR = 18;

    private final TableView<StreamItem> table = new TableView<>();
    private static final String JITTER_LINE = "-fx-stroke: #1f77b4;";
    private static final String MAX_JITTER_LINE = "-fx-stroke: #ff7f0e;";
    private static final String LOSS_LINE = "-fx-stroke: #d62728;";

    // the axis names only the unit: a rotated label is as long as the chart is high, a few lines in a small window
    private final LineChart<Number, Number> jitterChart = chart("jitterChart", "Jitter in ms: mean (blue), max (orange)");
    private final LineChart<Number, Number> lossChart = chart("lossChart", "Loss in %");

    public StreamsView(StreamsViewModel viewModel) {
        setId("streamsView");
        setOrientation(Orientation.VERTICAL);
        table.setId("streamsTable");
        Label placeholder = new Label();
        placeholder.setId("streamsPlaceholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        table.setPlaceholder(placeholder);
        Label heading = new Label();
        heading.setId("streamsHeading");
        heading.setPadding(new Insets(4, 6, 4, 6));
        heading.textProperty().bind(viewModel.headingProperty());
        heading.managedProperty().bind(heading.textProperty().isNotEmpty());
        heading.visibleProperty().bind(heading.managedProperty());
        ToggleButton unbound = new ToggleButton();
        unbound.setId("unboundStreams");
        unbound.textProperty().bind(viewModel.unboundChoiceTextProperty());
        unbound.selectedProperty().bindBidirectional(viewModel.unboundShownProperty());
        unbound.visibleProperty().bind(viewModel.unboundChoiceProperty());
        unbound.managedProperty().bind(unbound.visibleProperty());
        unbound.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, heading, gap, unbound);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 6, 0, 0));
        VBox listed = new VBox(top, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        // a call through a B2BUA has four streams (each leg both ways): at 1024x700 the charts took the height and
        // the table showed 2.5 rows, the fourth stream (often the one with the problem) out of sight
        double em = Font.getDefault().getSize();
        table.setMinHeight(tableHeight(MIN_ROWS, em));
        // and no more than its streams need: the charts take the rest (a tall window showed four streams above
        // seven empty rows, the charts half the height they could have had); a capture's hundreds of streams tied to
        // no call leave the divider where the user puts it
        table.maxHeightProperty().bind(Bindings.createDoubleBinding(
                () -> tableHeight(Math.max(MIN_ROWS, viewModel.streams().size()), em), viewModel.streams()));
        listed.maxHeightProperty().bind(top.heightProperty().add(table.maxHeightProperty()));
        // unconstrained: a constrained table shows no horizontal scroll bar, and the columns past its right edge
        // (Problems, DTMF, the RTCP figures) could not be reached in a window narrower than all of them
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // the columns whose values vary most in length widen to the call's longest ("0 (0.0 %), 12 duplicates")
        TableColumn<StreamItem, String> lost = column("Lost", "99 (9.9 %)", StreamItem::lost);
        TableColumn<StreamItem, String> problems = column("Problems", "loss 9.9 %", StreamItem::problems);
        TableColumn<StreamItem, String> dtmf = column("DTMF", "123#", StreamItem::dtmf);
        // Lost before SSRC (Wireshark has it after): in a 1024-pixel window the table is ~670 px wide beside the
        // findings, and after SSRC the loss began at 600 px, its count and share past the edge; the SSRC, an
        // identifier, comes right after it
        table.getColumns().addAll(List.of(
                ColumnFit.atLeast(column("Source", "", StreamItem::source), "200.57.7.196:40376"),
                ColumnFit.atLeast(column("Destination", "", StreamItem::destination), "200.57.7.196:40376"),
                column("Codec", "PCMA", StreamItem::codec),
                column("Packets", "9999", StreamItem::packets),
                lost,
                ColumnFit.atLeast(column("SSRC", "", StreamItem::ssrc), "0xDDDDDDDD"),
                jitterColumn("Jitter mean", StreamItem::meanJitter),
                jitterColumn("Jitter max", StreamItem::maxJitter),
                column("Max \u0394", "9999.99 ms", StreamItem::maxDelta),
                column("MOS", "4.40", StreamItem::mos),
                // what is wrong before the receiver's own figures, which a narrow window scrolls to
                problems,
                dtmf));
        // What the receivers reported in RTCP: shown for a call whose streams have such reports (most have none,
        // and these four columns would push the table wider than the window); the header's menu button (+) shows
        // or hides any column.
        List<Function<StreamItem, String>> reported = List.of(StreamItem::reportedLost, StreamItem::reportedJitter,
                StreamItem::roundTrip, StreamItem::xrMos);
        List<TableColumn<StreamItem, String>> reportColumns = List.of(
                column("RTCP lost", "99 (9.9 %)", reported.get(0)),
                column("RTCP jitter", "99.99 ms", reported.get(1)),
                column("RTT", "99.99 ms", reported.get(2)),
                column("XR MOS LQ/CQ", "4.4 / 4.4", reported.get(3)));
        table.getColumns().addAll(reportColumns);
        table.setTableMenuButtonVisible(true);
        table.setItems(viewModel.streams());
        List<TableColumn<StreamItem, String>> fitted = List.of(lost, problems, dtmf);
        List<Function<StreamItem, String>> fittedValues = List.of(StreamItem::lost, StreamItem::problems,
                StreamItem::dtmf);
        // a column dragged narrower keeps the loss's count and share; its gaps are in the cell's tooltip
        List<Function<StreamItem, String>> keptValues = List.of(StreamItem::lostShare, StreamItem::problems,
                StreamItem::dtmf);
        double[] least = fitted.stream().mapToDouble(TableColumn::getMinWidth).toArray();
        viewModel.streams().addListener((ListChangeListener<StreamItem>) change -> {
            showReported(viewModel.streams(), reportColumns, reported);
            fitValues(viewModel.streams(), fitted, fittedValues, keptValues, least);
        });
        showReported(viewModel.streams(), reportColumns, reported);
        fitValues(viewModel.streams(), fitted, fittedValues, keptValues, least);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.selectedProperty().set(now));
        viewModel.selectedProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
                if (now != null) {
                    table.scrollTo(now); // chosen elsewhere (a finding, the ladder): in view among many streams
                }
            }
        });
        // the tab is built when first shown: a stream selected before (by a finding) is selected in it
        if (viewModel.selectedProperty().get() != null) {
            table.getSelectionModel().select(viewModel.selectedProperty().get());
            table.scrollTo(viewModel.selectedProperty().get());
        }

        Button play = new Button("Play");
        play.setId("playStream");
        play.textProperty().bind(Bindings.when(viewModel.playingProperty()).then("Stop").otherwise("Play"));
        play.disableProperty().bind(viewModel.audioActionsDisabledProperty());
        play.setOnAction(e -> viewModel.togglePlay());
        Button export = new Button("Export WAV\u2026");
        export.setId("exportStreamWav");
        export.disableProperty().bind(viewModel.audioActionsDisabledProperty().or(viewModel.playingProperty()));
        export.setOnAction(e -> viewModel.exportWav());
        Label message = new Label();
        message.setId("streamMessage");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        // the status line can be long (RTCP and XR figures): it wraps, the buttons keep their labels
        play.setMinWidth(Region.USE_PREF_SIZE);
        export.setMinWidth(Region.USE_PREF_SIZE);
        HBox actions = new HBox(8, play, export, message);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(4, 6, 4, 6));

        HBox charts = new HBox(4, jitterChart, lossChart);
        HBox.setHgrow(jitterChart, Priority.ALWAYS);
        HBox.setHgrow(lossChart, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);
        BorderPane details = new BorderPane(charts, actions, null, null, null);
        getItems().addAll(listed, details);
        setDividerPositions(0.45);
        viewModel.plotProperty().addListener((obs, old, plot) -> showPlot(plot));
        showPlot(viewModel.plotProperty().get());
    }

    /** The table's height for a header and {@code rows} rows, with room for its horizontal scroll bar. */
    private static double tableHeight(int rows, double em) {
        return (1 + rows) * ROW_EMS * em + SCROLL_BAR;
    }

    /** Each report column visible when one of the streams has a value for it. */
    private static void showReported(List<StreamItem> streams, List<TableColumn<StreamItem, String>> columns,
                                     List<Function<StreamItem, String>> values) {
        for (int i = 0; i < columns.size(); i++) {
            Function<StreamItem, String> value = values.get(i);
            columns.get(i).setVisible(streams.stream().anyMatch(item -> !value.apply(item).isEmpty()));
        }
    }

    /**
     * Each column as wide as its longest value among {@code streams}, never narrower than the longest of
     * {@code kept} (the part a user cannot drag away) nor below {@code least}.
     */
    private static void fitValues(List<StreamItem> streams, List<TableColumn<StreamItem, String>> columns,
                                  List<Function<StreamItem, String>> values, List<Function<StreamItem, String>> kept,
                                  double[] least) {
        for (int i = 0; i < columns.size(); i++) {
            TableColumn<StreamItem, String> column = columns.get(i);
            column.setMinWidth(Math.max(least[i], widest(streams, kept.get(i))));
            column.setPrefWidth(Math.max(column.getPrefWidth(),
                    Math.max(column.getMinWidth(), widest(streams, values.get(i)))));
        }
    }

    private static double widest(List<StreamItem> streams, Function<StreamItem, String> value) {
        return streams.stream().mapToDouble(item -> ColumnFit.width(value.apply(item))).max().orElse(0);
    }

    /** One line piece per run of seconds with packets, so that a silence is a gap, not a drop to 0. */
    private void showPlot(StreamPlot plot) {
        List<XYChart.Series<Number, Number>> jitter = new ArrayList<>();
        List<XYChart.Series<Number, Number>> loss = new ArrayList<>();
        for (int[] run : plot.runs()) {
            jitter.add(piece(plot, run, plot.jitterMs()));
            jitter.add(piece(plot, run, plot.maxJitterMs()));
            loss.add(piece(plot, run, plot.lossPercent()));
        }
        jitterChart.getData().setAll(jitter);
        lossChart.getData().setAll(loss);
        for (int i = 0; i < jitter.size(); i++) {
            jitter.get(i).getNode().setStyle(i % 2 == 0 ? JITTER_LINE : MAX_JITTER_LINE);
        }
        loss.forEach(s -> s.getNode().setStyle(LOSS_LINE));
    }

    private static XYChart.Series<Number, Number> piece(StreamPlot plot, int[] run, double[] values) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        for (int i = run[0]; i <= run[1]; i++) {
            series.getData().add(new XYChart.Data<>(plot.seconds()[i], values[i]));
        }
        return series;
    }

    private static LineChart<Number, Number> chart(String id, String title) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds from the first packet");
        x.setForceZeroInRange(true);
        // the unit is in the title: in a 1024x700 window the plot is too short for a rotated axis label, which
        // came out as a lone ellipsis
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false); // the line pieces would each get an entry: the axis names the colours
        // a chart squeezes rather than spill out of the tab: with a minimum of 140 px, in a 1024x700 window under
        // a status line wrapped to three lines, the axis labels lay past the tab's bottom edge (the split pane keeps
        // its divider where it is when the status line grows)
        chart.setMinSize(200, 60);
        return chart;
    }

    /**
     * A jitter column: Wireshark's figure, as tshark gives it, and in its tooltip, when the sender's RTP clock jumped
     * (a hold), that the figure holds the jump and what the jitter is without it, the figure the Problems column and
     * the findings judge (a clean stream would otherwise show seconds of jitter and no problem beside them).
     */
    private static TableColumn<StreamItem, String> jitterColumn(String title, Function<StreamItem, String> value) {
        TableColumn<StreamItem, String> column = column(title, "99.99 ms", value);
        column.setCellFactory(c -> new WholeTextCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                List<StreamItem> rows = getTableView() == null ? List.of() : getTableView().getItems();
                String note = empty || getIndex() < 0 || getIndex() >= rows.size() ? ""
                        : rows.get(getIndex()).jitterNote();
                show(empty ? null : item, note.isEmpty() ? item : item + "\n" + note);
            }
        });
        return column;
    }

    /**
     * A column as wide as {@code widest} (a typical largest value) or its title, and never narrower than its title:
     * squeezed into a narrow window, the resize policy never cuts a title to "Jitter m...".
     */
    private static <T> TableColumn<StreamItem, T> column(String title, String widest, Function<StreamItem, T> value) {
        TableColumn<StreamItem, T> column = ColumnFit.atLeast(new TableColumn<>(), widest);
        column.setPrefWidth(column.getMinWidth());
        ColumnFit.atLeast(column, title);
        column.setPrefWidth(Math.max(column.getPrefWidth(), column.getMinWidth()));
        column.setText(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        // a value cut by a narrow column (the loss's gaps, a long list of problems) is whole when hovered
        column.setCellFactory(c -> WholeTextCell.plain());
        return column;
    }
}
