package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.controlsfx.glyphfont.Glyph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sipladder.flow.CallFlow;
import org.sipladder.ui.Flows;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The findings' severity icons keep their colours in the dark theme, in the selected row too. */
@ExtendWith(ApplicationExtension.class)
class SeverityIconsFxTest {

    private final List<CallFlow> calls = new ArrayList<>();
    private FindingsViewModel viewModel;
    private FindingsView view;

    @Start
    void start(Stage stage) {
        viewModel = FindingsViewFxTest.diagnosing(FindingsViewFxTest.refusedCalls(2, true, calls));
        view = FindingsViewFxTest.shown(viewModel, stage);
        // the app's stylesheets, as the main window adds them in the dark theme
        stage.getScene().getStylesheets().addAll(css("sipladder.css"), css("sipladder-dark.css"));
    }

    @Test
    void errorWarningAndPrimaryIconsAreColouredNotTheTextsGrey(FxRobot robot) {
        robot.interact(() -> viewModel.setCalls(Flows.summaries(calls)));
        robot.interact(() -> viewModel.focusFlowIdProperty().set("call-0"));
        WaitForAsyncUtils.waitForFxEvents();

        List<Glyph> icons = robot.lookup(".glyph-font").queryAllAs(Glyph.class).stream()
                .filter(Glyph::isVisible).toList();
        Set<String> kinds = icons.stream().map(SeverityIconsFxTest::kind).collect(Collectors.toSet());
        assertEquals(Set.of("TIMES_CIRCLE", "EXCLAMATION_TRIANGLE", "STAR"), kinds);
        Color text = (Color) robot.lookup(".tree-cell").queryAllAs(javafx.scene.control.Labeled.class).stream()
                .filter(cell -> cell.getText() != null && cell.getText().startsWith("B2BUA"))
                .findFirst().orElseThrow().getTextFill();
        for (Glyph icon : icons) {
            Color fill = (Color) icon.getTextFill();
            String what = kind(icon) + " " + fill;
            assertFalse(fill.equals(text), what + " is the text's colour");
            assertTrue(fill.getSaturation() > 0.4, what + " is grey");
            double hue = fill.getHue();
            if (kind(icon).equals("EXCLAMATION_TRIANGLE")) {
                assertTrue(hue > 25 && hue < 60, what + " is not amber");
            } else {
                assertTrue(hue < 15 || hue > 345, what + " is not red");
            }
            assertTrue(fill.getBrightness() > 0.8, what + " is too dark on a dark background");
        }
    }

    /** The icon's glyph: the error's circled cross, the warning's triangle or the primary cause's star. */
    private static String kind(Glyph icon) {
        return String.valueOf(icon.getIcon());
    }

    private static String css(String name) {
        return FindingsView.class.getResource("/org/sipladder/ui/" + name).toExternalForm();
    }
}
