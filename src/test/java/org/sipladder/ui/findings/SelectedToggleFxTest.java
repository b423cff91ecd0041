package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.controlsfx.control.SegmentedButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.ui.Contrast;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A selected toggle (the findings' "By call" / "By trunk / rule") must look on: it stands out from the panel
 * more than an unselected one and its text stays readable, in the light and the dark theme.
 */
@ExtendWith(ApplicationExtension.class)
class SelectedToggleFxTest {

    private ToggleButton on;
    private ToggleButton off;
    private Scene scene;

    @Start
    void start(Stage stage) {
        on = new ToggleButton("By call");
        off = new ToggleButton("By trunk / rule");
        on.setSelected(true);
        HBox panel = new HBox(new SegmentedButton(on, off));
        panel.setStyle("-fx-padding: 10;");
        scene = new Scene(panel, 300, 60);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void inTheLightThemeTheSelectedToggleStandsOut(FxRobot robot) throws Exception {
        assertSelectedStandsOut(robot, List.of("/org/sipladder/ui/sipladder.css"));
    }

    @Test
    void inTheDarkThemeTheSelectedToggleStandsOut(FxRobot robot) throws Exception {
        assertSelectedStandsOut(robot, List.of("/org/sipladder/ui/sipladder.css", "/org/sipladder/ui/sipladder-dark.css"));
    }

    private void assertSelectedStandsOut(FxRobot robot, List<String> stylesheets) throws Exception {
        robot.interact(() -> {
            scene.getStylesheets().setAll(stylesheets.stream()
                    .map(s -> getClass().getResource(s).toExternalForm()).toList());
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
        Color panel = onFx(() -> pixel(scene.getRoot().snapshot(null, null), 2, 2));
        Color onFill = onFx(() -> fill(on));
        Color offFill = onFx(() -> fill(off));
        double onContrast = Contrast.ratio(onFill, panel);
        double offContrast = Contrast.ratio(offFill, panel);
        assertTrue(onContrast > offContrast, String.format(
                "selected %s is %.2f:1 from the panel %s, unselected %s %.2f:1", onFill, onContrast, panel, offFill,
                offContrast));
        Color text = (Color) on.getTextFill();
        assertTrue(Contrast.ratio(text, onFill) >= Contrast.AA_TEXT,
                String.format("text %s on the selected toggle %s: %.2f:1", text, onFill, Contrast.ratio(text, onFill)));
    }

    private static Color onFx(Callable<Color> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    /** The button's body colour, taken beside its text in the padding. */
    private static Color fill(ToggleButton button) {
        WritableImage image = button.snapshot(null, null);
        return pixel(image, 5, (int) (image.getHeight() / 2));
    }

    private static Color pixel(WritableImage image, int x, int y) {
        return image.getPixelReader().getColor(x, y);
    }
}
