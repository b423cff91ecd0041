package org.sipladder.ui.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The dialogs' content as the user reads it. */
@ExtendWith(ApplicationExtension.class)
class FxDialogServiceTest {

    @Start
    void start(Stage stage) {
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
