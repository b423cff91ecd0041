package org.sipladder.ui.dialog;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.source.LiveCapture;
import org.sipladder.source.homer.HomerCall;
import org.sipladder.ui.homer.HomerSearchView;
import org.sipladder.ui.homer.HomerSearchViewModel;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Font;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The JavaFX implementation of {@link DialogService}: alerts, file choosers and small forms owned by the main window. */
public final class FxDialogService implements DialogService {

    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message);
    }

    @Override
    public void showInformation(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message);
    }

    @Override
    public void showPreformatted(String title, String text) {
        alert(Alert.AlertType.INFORMATION, title, text, preformatted(text));
    }

    /** A label in the monospaced font: in the proportional one, text lined up with spaces comes out ragged. */
    static Label preformatted(String text) {
        Label label = new Label(text);
        label.setFont(Font.font("Monospaced", Font.getDefault().getSize()));
        return label;
    }

    private void alert(Alert.AlertType type, String title, String message) {
        alert(type, title, message, null);
    }

    private void alert(Alert.AlertType type, String title, String message, Node content) {
        Alert alert = new Alert(type, message, ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        if (content != null) {
            alert.getDialogPane().setContent(content);
        }
        // Long messages (a file path plus advice) must wrap instead of being cut off.
        alert.getDialogPane().setMinWidth(480);
        alert.showAndWait();
    }

    @Override
    public List<Path> chooseFilesToOpen(String title, Optional<Path> initialDirectory, List<FileKind> kinds) {
        FileChooser chooser = chooser(title, initialDirectory, kinds);
        List<File> files = chooser.showOpenMultipleDialog(owner);
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Optional<Path> initialDirectory, String suggestedName,
                                           FileKind kind) {
        FileChooser chooser = chooser(title, initialDirectory, List.of(kind));
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    private static FileChooser chooser(String title, Optional<Path> initialDirectory, List<FileKind> kinds) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        initialDirectory.filter(Files::isDirectory).ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
        for (FileKind kind : kinds) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.description(), kind.patterns()));
        }
        return chooser;
    }

    @Override
    public Optional<ApiSettings> askApiSettings(ApiSettings initial) {
        Dialog<ApiSettings> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Connect to LiveKit");
        dialog.setHeaderText("Read inbound trunks and dispatch rules from a LiveKit project.\n"
                + "The API secret is kept in memory only and never saved.");
        TextField url = new TextField(nullToEmpty(initial.url()));
        url.setId("livekitUrl");
        url.setPromptText("https://my-project.livekit.cloud");
        TextField key = new TextField(nullToEmpty(initial.apiKey()));
        key.setId("livekitApiKey");
        PasswordField secret = new PasswordField();
        secret.setId("livekitSecret");
        secret.setText(nullToEmpty(initial.apiSecret()));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("URL (LIVEKIT_URL)"), url);
        grid.addRow(1, new Label("API key (LIVEKIT_API_KEY)"), key);
        grid.addRow(2, new Label("API secret (LIVEKIT_API_SECRET)"), secret);
        url.setPrefColumnCount(32);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? new ApiSettings(url.getText(), key.getText(), secret.getText(), initial.timeout())
                : null);
        return dialog.showAndWait();
    }

    @Override
    public Optional<List<HomerCall>> askHomerCalls(HomerSearchViewModel search) {
        return new HomerSearchView(search).showAndWait(owner);
    }

    @Override
    public Optional<String> askHopName(String address, String currentName) {
        TextInputDialog dialog = new TextInputDialog(currentName);
        dialog.initOwner(owner);
        dialog.setTitle("Rename hop");
        dialog.setHeaderText("Name for " + address + " (remembered for this address; leave empty for the guessed name)");
        return dialog.showAndWait();
    }

    @Override
    public Optional<List<Long>> askClockOffsets(List<String> fileNames, List<Long> offsetsMicros) {
        Dialog<List<Long>> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Clock offsets");
        dialog.setHeaderText("Seconds added to each capture's times to put them on " + fileNames.get(0)
                + "'s clock\n(estimated from the messages both captures saw).");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        List<TextField> fields = new java.util.ArrayList<>();
        for (int i = 1; i < fileNames.size(); i++) {
            TextField seconds = new TextField(String.format(java.util.Locale.ROOT, "%.6f", offsetsMicros.get(i) / 1e6));
            seconds.setId("clockOffset" + i);
            fields.add(seconds);
            grid.addRow(i - 1, new Label(fileNames.get(i)), seconds);
        }
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            List<Long> result = new java.util.ArrayList<>(List.of(0L));
            for (int i = 0; i < fields.size(); i++) {
                try {
                    result.add(Math.round(Double.parseDouble(fields.get(i).getText().strip()) * 1_000_000));
                } catch (NumberFormatException e) {
                    result.add(offsetsMicros.get(i + 1)); // not a number: the correction stays as it was
                }
            }
            return result;
        });
        return dialog.showAndWait();
    }

    @Override
    public Optional<LiveRequest> askLiveCapture(List<LiveCapture.Interface> interfaces, String defaultFilter, Path file,
                                                int callLimit) {
        Dialog<LiveRequest> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Capture live");
        dialog.setHeaderText("Capture SIP and RTP from a network interface; calls appear as they come.\n"
                + "Stop ends the capture; the packets are in the file below.");
        javafx.scene.control.ComboBox<LiveCapture.Interface> choice = new javafx.scene.control.ComboBox<>();
        choice.setId("liveInterface");
        choice.getItems().setAll(interfaces);
        choice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(LiveCapture.Interface i) {
                return i == null ? "" : i.label();
            }

            @Override
            public LiveCapture.Interface fromString(String s) {
                return null;
            }
        });
        interfaces.stream().filter(i -> i.up() && !i.loopback() && !i.addresses().isEmpty()).findFirst()
                .or(() -> interfaces.stream().findFirst()).ifPresent(choice::setValue);
        TextField filter = new TextField(defaultFilter);
        filter.setId("liveFilter");
        filter.setPrefColumnCount(48);
        TextField target = new TextField(file.toString());
        target.setId("liveFile");
        GridPane grid = grid();
        grid.addRow(0, new Label("Interface"), choice);
        grid.addRow(1, new Label("Capture filter"), filter);
        grid.addRow(2, new Label("Write to"), target);
        Spinner<Integer> limit = callLimit("liveCallLimit", callLimit);
        grid.addRow(3, new Label("Calls kept on screen"), limit);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK && choice.getValue() != null
                ? new LiveRequest(choice.getValue().name(), filter.getText(), Path.of(target.getText().strip()),
                        committed(limit))
                : null);
        return dialog.showAndWait();
    }

    @Override
    public Optional<LiveRequest> askHepListener(String defaultAddresses, Path file, int callLimit) {
        Dialog<LiveRequest> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Listen for HEP");
        dialog.setHeaderText("Receive SIP from capture agents (heplify, Kamailio, FreeSWITCH, drachtio) over HEP,\n"
                + "as Homer does; calls appear as they come. Stop ends it; the messages are in the file below.");
        TextField addresses = new TextField(defaultAddresses);
        addresses.setId("hepAddresses");
        addresses.setPrefColumnCount(36);
        TextField target = new TextField(file.toString());
        target.setId("hepFile");
        GridPane grid = grid();
        grid.addRow(0, new Label("Listen on (udp:HOST:PORT, tcp:HOST:PORT)"), addresses);
        grid.addRow(1, new Label("Write to"), target);
        Spinner<Integer> limit = callLimit("hepCallLimit", callLimit);
        grid.addRow(2, new Label("Calls kept on screen"), limit);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? new LiveRequest(addresses.getText(), "", Path.of(target.getText().strip()), committed(limit))
                : null);
        return dialog.showAndWait();
    }

    /**
     * The live dialogs' limit of calls kept on screen: typed or stepped, from 1; text that is no number goes back to
     * the last value when the field is left (the spinner's own rule), so OK always has a limit.
     */
    private static Spinner<Integer> callLimit(String id, int value) {
        Spinner<Integer> limit = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                Integer.MAX_VALUE, value, 1000));
        limit.setId(id);
        limit.setEditable(true);
        limit.setTooltip(new Tooltip("Past this many calls the oldest finished ones leave the list while the source "
                + "runs; the file written keeps every packet, and Stop reads them all back"));
        return limit;
    }

    /** The limit typed and not yet committed (OK pressed while the field has the focus), else the spinner's value. */
    private static int committed(Spinner<Integer> limit) {
        try {
            int typed = Integer.parseInt(limit.getEditor().getText().strip().replace(",", ""));
            return typed >= 1 ? typed : limit.getValue();
        } catch (NumberFormatException e) {
            return limit.getValue();
        }
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        return grid;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
