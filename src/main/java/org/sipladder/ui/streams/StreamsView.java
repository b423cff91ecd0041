package org.sipladder.ui.streams;

import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Streams tab: a table of the selected call's RTP streams, and for the selected one its jitter and loss
 * over time with Play and Export WAV.... Binds to a {@link StreamsViewModel} and nothing else.
 */
public final class StreamsView extends SplitPane {

    private final TableView<StreamItem> table = new TableView<>();
    private final LineChart<Number, Number> jitterChart = chart("Jitter (ms)");
    private final LineChart<Number, Number> lossChart = chart("Loss (%)");

    public StreamsView(StreamsViewModel viewModel) {
        setId("streamsView");
        setOrientation(Orientation.VERTICAL);
        table.setId("streamsTable");
        table.setPlaceholder(new Label("No RTP streams for this call"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                column("Source", 150, StreamItem::source),
                column("Destination", 150, StreamItem::destination),
                column("SSRC", 90, StreamItem::ssrc),
                column("Codec", 60, StreamItem::codec),
                column("Packets", 65, StreamItem::packets),
                column("Lost", 80, StreamItem::lost),
                column("Jitter mean", 80, StreamItem::meanJitter),
                column("Jitter max", 80, StreamItem::maxJitter),
                column("Max \u0394", 80, StreamItem::maxDelta),
                column("MOS", 45, StreamItem::mos),
                column("DTMF", 60, StreamItem::dtmf),
                column("Problems", 120, StreamItem::problems)));
        table.setItems(viewModel.streams());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.selectedProperty().set(now));
        viewModel.selectedProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });

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
        HBox actions = new HBox(8, play, export, message);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(4, 6, 4, 6));

        HBox charts = new HBox(4, jitterChart, lossChart);
        HBox.setHgrow(jitterChart, Priority.ALWAYS);
        HBox.setHgrow(lossChart, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);
        BorderPane details = new BorderPane(charts, actions, null, null, null);
        getItems().addAll(table, details);
        setDividerPositions(0.45);
        viewModel.plotProperty().addListener((obs, old, plot) -> showPlot(plot));
        showPlot(viewModel.plotProperty().get());
    }

    private void showPlot(StreamPlot plot) {
        XYChart.Series<Number, Number> jitter = new XYChart.Series<>();
        jitter.setName("jitter");
        XYChart.Series<Number, Number> maxJitter = new XYChart.Series<>();
        maxJitter.setName("max jitter");
        XYChart.Series<Number, Number> loss = new XYChart.Series<>();
        loss.setName("lost");
        for (int i = 0; i < plot.length(); i++) {
            jitter.getData().add(new XYChart.Data<>(plot.seconds()[i], plot.jitterMs()[i]));
            maxJitter.getData().add(new XYChart.Data<>(plot.seconds()[i], plot.maxJitterMs()[i]));
            loss.getData().add(new XYChart.Data<>(plot.seconds()[i], plot.lossPercent()[i]));
        }
        jitterChart.getData().setAll(List.of(jitter, maxJitter));
        lossChart.getData().setAll(List.of(loss));
    }

    private static LineChart<Number, Number> chart(String title) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds from the first packet");
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setLabel(title);
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(title.startsWith("Jitter") ? "jitterChart" : "lossChart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(title.startsWith("Jitter"));
        chart.setMinSize(200, 140);
        return chart;
    }

    private static <T> TableColumn<StreamItem, T> column(String title, double width, Function<StreamItem, T> value) {
        TableColumn<StreamItem, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
