package org.sipladder.ui.homer;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.sipladder.source.homer.HomerCall;

/**
 * The File > Open from Homer... dialog: server and sign-in, search form, the calls found (several can be chosen)
 * and Open. It only binds {@link HomerSearchViewModel}.
 */
public final class HomerSearchView {

    public static final ButtonType OPEN = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final HomerSearchViewModel model;

    public HomerSearchView(HomerSearchViewModel model) {
        this.model = model;
    }

    /** Shows the dialog; the chosen calls when the user pressed Open, empty when cancelled. */
    public Optional<List<HomerCall>> showAndWait(Window owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Open from Homer");
        dialog.setHeaderText("Find calls in Homer 7 and open them, with the legs Homer correlates, as a capture.\n"
                + "The password or token is kept in memory only and never saved.");
        dialog.setResizable(true);
        dialog.getDialogPane().setContent(content());
        dialog.getDialogPane().getButtonTypes().addAll(OPEN, ButtonType.CANCEL);
        Node open = dialog.getDialogPane().lookupButton(OPEN);
        open.setId("homerOpen");
        open.disableProperty().bind(Bindings.isEmpty(model.chosen()).or(model.busyProperty()));
        return dialog.showAndWait().filter(b -> b == OPEN).map(b -> List.copyOf(model.chosen()));
    }

    private VBox content() {
        TextField url = field("homerUrl", model.urlProperty(), "http://homer.example.com:9080");
        url.setPrefColumnCount(30);
        TextField user = field("homerUser", model.userProperty(), "admin");
        PasswordField secret = new PasswordField();
        secret.setId("homerPassword");
        secret.textProperty().bindBidirectional(model.secretProperty());
        CheckBox token = new CheckBox("API token instead of user and password");
        token.setId("homerApiToken");
        token.selectedProperty().bindBidirectional(model.apiTokenProperty());
        user.disableProperty().bind(model.apiTokenProperty());
        Label secretLabel = new Label();
        secretLabel.textProperty().bind(Bindings.when(model.apiTokenProperty()).then("API token").otherwise("Password"));
        TextField number = field("homerNumber", model.numberProperty(), "caller or callee, % wildcard");
        TextField callId = field("homerCallId", model.callIdProperty(), "Call-ID");
        TextField from = field("homerFrom", model.fromProperty(), "2026-12-02T15:00:00Z or epoch seconds");
        TextField to = field("homerTo", model.toProperty(), "2026-12-02T16:00:00Z or epoch seconds");
        Button search = new Button("Search");
        search.setId("homerSearch");
        search.setDefaultButton(true);
        search.disableProperty().bind(model.busyProperty());
        search.setOnAction(e -> model.search());

        search.setMinWidth(Region.USE_PREF_SIZE);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.add(label("Homer URL"), 0, 0);
        form.add(url, 1, 0, 3, 1);
        form.addRow(1, label("User"), user);
        form.add(token, 2, 1, 2, 1);
        form.addRow(2, secretLabel, secret);
        form.addRow(3, label("Number"), number, label("Call-ID"), callId);
        form.addRow(4, label("From (UTC)"), from, label("To (UTC)"), to);
        form.add(search, 4, 4);
        secretLabel.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMinWidth(200);
        form.getColumnConstraints().addAll(labels, fields, labels, fields);

        Label status = new Label();
        status.setId("homerStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.styleProperty().bind(Bindings.when(model.failedProperty()).then("-fx-text-fill: #c62828;")
                .otherwise(""));

        TableView<HomerCall> table = table();
        VBox box = new VBox(10, form, status, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        box.setPrefSize(980, 580);
        return box;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private TableView<HomerCall> table() {
        TableView<HomerCall> table = new TableView<>(model.calls());
        table.setId("homerCalls");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Search to list calls; Ctrl+click or Shift+click to choose several."));
        table.getColumns().add(column("Start (UTC)", c -> START.format(c.start()), 170));
        table.getColumns().add(column("Call-ID", HomerCall::callId, 250));
        table.getColumns().add(column("From", HomerCall::from, 120));
        table.getColumns().add(column("To", HomerCall::to, 120));
        table.getColumns().add(column("Method", HomerCall::method, 80));
        table.getColumns().add(column("Status", HomerCall::status, 60));
        table.getColumns().add(column("Messages", c -> Integer.toString(c.messages()), 80));
        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<HomerCall>) c ->
                model.chosen().setAll(table.getSelectionModel().getSelectedItems()));
        return table;
    }

    private static TableColumn<HomerCall, String> column(String title, Function<HomerCall, String> value, double width) {
        TableColumn<HomerCall, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        field.setPromptText(prompt);
        return field;
    }
}
