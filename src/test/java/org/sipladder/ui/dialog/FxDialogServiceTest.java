package org.sipladder.ui.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The dialogs' content as the user reads it. */
@ExtendWith(ApplicationExtension.class)
class FxDialogServiceTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void theHepDialogOffersTheLiveCallLimitAndReturnsTheOneTyped(FxRobot robot) throws Exception {
        FxDialogService dialogs = new FxDialogService(stage);
        AtomicReference<Optional<LiveRequest>> asked = new AtomicReference<>();
        Path file = Path.of("hep.pcapng");
        Platform.runLater(() -> asked.set(dialogs.askHepListener("udp:127.0.0.1:9060", file, 20_000)));
        WaitForAsyncUtils.waitForFxEvents();
        Spinner<Integer> limit = robot.lookup("#hepCallLimit").query();
        assertEquals(20_000, limit.getValue());
        // typed, and OK pressed before the field is left
        robot.interact(() -> limit.getEditor().setText("500"));
        DialogPane pane = robot.lookup(".dialog-pane").query();
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> asked.get() != null);
        assertEquals(Optional.of(new LiveRequest("udp:127.0.0.1:9060", "", file, 500)), asked.get());
    }

    @Test
    void preformattedTextKeepsItsColumnsLinedUp() {
        // "Ctrl+O          Open" and "Ctrl+= / Ctrl+- Zoom": the same number of characters before the second column
        Label label = FxDialogService.preformatted("Ctrl+O          Open\nCtrl+= / Ctrl+- Zoom");
        assertEquals(width("Ctrl+O          ", label), width("Ctrl+= / Ctrl+- ", label), 0.5);
    }

    private static double width(String text, Label label) {
        Text t = new Text(text);
        t.setFont(label.getFont());
        return t.getLayoutBounds().getWidth();
    }
}
