package org.sipladder.ui.findings;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.sipladder.livekit.OutboundTrunkRow;
import org.sipladder.livekit.RuleRow;
import org.sipladder.livekit.TrunkRow;

/**
 * Tables of the loaded LiveKit inbound trunks and dispatch rules, with the calls each one handled, and of the outbound
 * trunks (shown only when some are loaded) with the calls placed through each one.
 */
public final class LiveKitConfigView extends VBox {

    public LiveKitConfigView(LiveKitConfigViewModel viewModel) {
        Label summary = new Label();
        summary.setId("configSummary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.textProperty().bind(viewModel.summaryProperty());
        summary.getStyleClass().add("section-note");

        TableView<ConfigLine<TrunkRow>> trunks = new TableView<>(viewModel.trunks());
        trunks.setId("trunkTable");
        trunks.setPlaceholder(new Label("No inbound trunks"));
        trunks.getColumns().add(column("Trunk", 130, ConfigLine::id));
        trunks.getColumns().add(column("Name", 150, l -> l.row().name()));
        trunks.getColumns().add(column("Numbers", 130, l -> ConfigLine.joined(l.row().numbers(), "any (default trunk)")));
        trunks.getColumns().add(column("Calls", 150, l -> ConfigLine.joined(l.calls(), "")));
        trunks.getColumns().add(column("Allowed addresses", 120, l -> ConfigLine.joined(l.row().allowedAddresses(), "any")));
        trunks.getColumns().add(column("Allowed callers", 100, l -> ConfigLine.joined(l.row().allowedNumbers(), "any")));
        trunks.getColumns().add(column("Auth user", 90, l -> l.row().authUsername()));
        trunks.getColumns().add(column("Password", 70, l -> l.row().authPassword()));
        trunks.getColumns().add(column("Ringing timeout", 100, l -> l.row().ringingTimeout()));
        trunks.getColumns().add(column("Max call duration", 110, l -> l.row().maxCallDuration()));
        trunks.getColumns().add(column("Media", 160, l -> l.row().media()));

        TableView<ConfigLine<RuleRow>> rules = new TableView<>(viewModel.rules());
        rules.setId("ruleTable");
        rules.setPlaceholder(new Label("No dispatch rules"));
        rules.getColumns().add(column("Rule", 130, ConfigLine::id));
        rules.getColumns().add(column("Name", 150, l -> l.row().name()));
        rules.getColumns().add(column("Trunks", 130, l -> ConfigLine.joined(l.row().trunkIds(), "any (wildcard rule)")));
        rules.getColumns().add(column("Agents", 120, l -> ConfigLine.joined(l.row().agentNames(), "none")));
        rules.getColumns().add(column("Calls", 150, l -> ConfigLine.joined(l.calls(), "")));
        rules.getColumns().add(column("Kind", 70, l -> l.row().kind()));
        rules.getColumns().add(column("Room", 90, l -> l.row().room()));
        rules.getColumns().add(column("Media", 160, l -> l.row().media()));

        TableView<ConfigLine<OutboundTrunkRow>> outbound = new TableView<>(viewModel.outboundTrunks());
        outbound.setId("outboundTrunkTable");
        outbound.getColumns().add(column("Outbound trunk", 130, ConfigLine::id));
        outbound.getColumns().add(column("Name", 150, l -> l.row().name()));
        outbound.getColumns().add(column("Address", 150, l -> l.row().address() + " (" + l.row().transport() + ")"));
        outbound.getColumns().add(column("Numbers", 130, l -> ConfigLine.joined(l.row().numbers(), "none")));
        outbound.getColumns().add(column("Calls", 150, l -> ConfigLine.joined(l.calls(), "")));
        outbound.getColumns().add(column("Auth user", 90, l -> l.row().authUsername()));
        outbound.getColumns().add(column("Password", 70, l -> l.row().authPassword()));
        outbound.getColumns().add(column("Headers", 100, l -> ConfigLine.joined(l.row().headerNames(), "")));
        Label outboundTitle = new Label("Outbound trunks");
        outboundTitle.getStyleClass().add("section-title");
        var hasOutbound = Bindings.isNotEmpty(viewModel.outboundTrunks());
        for (Node node : new Node[] {outboundTitle, outbound}) {
            node.visibleProperty().bind(hasOutbound);
            node.managedProperty().bind(hasOutbound);
        }
        outbound.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                viewModel.selectedConfigIdProperty().set(row.id());
            }
        });

        trunks.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                viewModel.selectedConfigIdProperty().set(row.id());
            }
        });
        rules.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                viewModel.selectedConfigIdProperty().set(row.id());
            }
        });
        viewModel.selectedConfigIdProperty().addListener((obs, old, id) -> {
            select(trunks, id, ConfigLine::id);
            select(rules, id, ConfigLine::id);
            select(outbound, id, ConfigLine::id);
        });

        // Built when its tab is first opened: it starts from what is selected by then.
        select(trunks, viewModel.selectedConfigIdProperty().get(), ConfigLine::id);
        select(rules, viewModel.selectedConfigIdProperty().get(), ConfigLine::id);

        Label trunkTitle = new Label("Inbound trunks");
        trunkTitle.getStyleClass().add("section-title");
        Label ruleTitle = new Label("Dispatch rules");
        ruleTitle.getStyleClass().add("section-title");
        VBox.setVgrow(trunks, Priority.ALWAYS);
        VBox.setVgrow(rules, Priority.ALWAYS);
        setSpacing(2);
        VBox.setVgrow(outbound, Priority.ALWAYS);
        getChildren().addAll(summary, trunkTitle, trunks, ruleTitle, rules, outboundTitle, outbound);
    }

    /** Selects the row with {@code id} in {@code table}, or clears the selection when it has none. */
    private static <R> void select(TableView<R> table, String id, Function<R, String> idOf) {
        R match = id == null ? null : table.getItems().stream().filter(r -> id.equals(idOf.apply(r))).findFirst().orElse(null);
        if (match == null) {
            table.getSelectionModel().clearSelection();
        } else if (table.getSelectionModel().getSelectedItem() != match) {
            table.getSelectionModel().select(match);
            table.scrollTo(match);
        }
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
