package org.sipladder.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** In the dark theme a scroll bar's thumb stands out from its track (3:1, WCAG's minimum for a control). */
@ExtendWith(ApplicationExtension.class)
class ScrollBarThumbFxTest {

    private ScrollBar bar;

    @Start
    void start(Stage stage) {
        bar = new ScrollBar();
        bar.setOrientation(Orientation.HORIZONTAL);
        bar.setVisibleAmount(30);
        bar.setValue(0);
        bar.setPrefWidth(300);
        Scene scene = new Scene(new StackPane(bar), 320, 40);
        for (String css : new String[] {"/org/sipladder/ui/sipladder.css", "/org/sipladder/ui/sipladder-dark.css"}) {
            scene.getStylesheets().add(getClass().getResource(css).toExternalForm());
        }
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theThumbStandsOutFromTheTrackInTheDarkTheme(FxRobot robot) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> bar.snapshot(null, null)).get(10, TimeUnit.SECONDS);
        double middle = image.getHeight() / 2;
        // the thumb sits at the start, just after the left arrow button; the track shows near the right button
        Color thumb = image.getPixelReader().getColor((int) (bar.getHeight() + 10), (int) middle);
        Color track = image.getPixelReader().getColor((int) (image.getWidth() - bar.getHeight() - 10), (int) middle);
        double ratio = Contrast.ratio(thumb, track);
        assertTrue(ratio >= 3, String.format("thumb %s on track %s: %.2f:1", thumb, track, ratio));
    }
}
