package org.sipladder.ui.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.ladder.LadderArrow;
import org.sipladder.ladder.LadderColumn;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.LadderPalette;
import org.sipladder.ladder.LadderRow;
import org.sipladder.ladder.LadderStyle;
import org.sipladder.ladder.LadderText;
import org.sipladder.ladder.Rgb;
import org.sipladder.ladder.TestFlows;
import org.sipladder.ui.Contrast;

/**
 * Every text of the ladder against every background it can be painted on (a row may be selected or marked by a
 * finding), in the colours the canvas really uses: at least 4.5:1, WCAG AA for text, in both themes.
 */
class LadderContrastTest {

    @Test
    void everyLadderTextReadsAtLeastAaContrastInTheLightTheme() {
        assertEquals(List.of(), lowContrast(false));
    }

    @Test
    void everyLadderTextReadsAtLeastAaContrastInTheDarkTheme() {
        assertEquals(List.of(), lowContrast(true));
    }

    private static List<String> lowContrast(boolean dark) {
        LadderPainter painter = new LadderPainter(new LadderFonts());
        painter.setDark(dark);
        LadderLayout layout = LadderLayout.of(everyKindOfMessage(), LadderStyle.standard());
        List<String> low = new ArrayList<>();
        List<Rgb> rowBackgrounds = List.of(LadderPalette.BACKGROUND, LadderPalette.SELECTION, LadderPalette.MARKED);
        List<Rgb> gutterBackgrounds = List.of(LadderPalette.GUTTER, LadderPalette.SELECTION, LadderPalette.MARKED);
        for (LadderRow row : layout.rows()) {
            LadderArrow arrow = row.arrow();
            // An error's label sits on its tinted pill, whatever band is under the row.
            check(painter, arrow.label(), arrow.labelTint() != null ? List.of(arrow.labelTint()) : rowBackgrounds, low);
            check(painter, arrow.detail(), rowBackgrounds, low);
            if (arrow.badge() != null) {
                check(painter, arrow.badge(), List.of(LadderPalette.SDP_BADGE), low);
            }
            check(painter, row.time(), gutterBackgrounds, low);
            check(painter, row.delta(), gutterBackgrounds, low);
        }
        for (LadderColumn column : layout.columns()) {
            check(painter, column.title(), List.of(LadderPalette.HEADER_FILL), low);
            check(painter, column.subtitle(), List.of(LadderPalette.HEADER_FILL), low);
        }
        check(painter, layout.gutterTitle(), List.of(LadderPalette.GUTTER), low);
        check(painter, layout.gutterSubtitle(), List.of(LadderPalette.GUTTER), low);
        return low;
    }

    private static void check(LadderPainter painter, LadderText text, List<Rgb> backgrounds, List<String> low) {
        for (Rgb background : backgrounds) {
            double ratio = Contrast.ratio(painter.fx(text.colour()), painter.fx(background));
            if (ratio < Contrast.AA_TEXT) {
                String line = String.format("'%s' %s on %s: %.2f:1", text.text(), text.colour().hex(),
                        background.hex(), ratio);
                if (!low.contains(line)) {
                    low.add(line);
                }
            }
        }
    }

    /** A request, a provisional with and without SDP, a success, a client error, a server and a global failure. */
    private static CallFlow everyKindOfMessage() {
        return new TestFlows().hop(TestFlows.CARRIER, Role.CARRIER).hop(TestFlows.JAMBONZ, Role.JAMBONZ)
                .request(0, 0, TestFlows.CARRIER, TestFlows.JAMBONZ, "INVITE", true)
                .response(2, 0, TestFlows.JAMBONZ, TestFlows.CARRIER, 100, "Trying", false)
                .response(200, 0, TestFlows.JAMBONZ, TestFlows.CARRIER, 183, "Session Progress", true)
                .response(20, 0, TestFlows.JAMBONZ, TestFlows.CARRIER, 200, "OK", true)
                .response(20, 0, TestFlows.JAMBONZ, TestFlows.CARRIER, 302, "Moved Temporarily", false)
                .response(20, 0, TestFlows.JAMBONZ, TestFlows.CARRIER, 486, "Busy Here", false)
                .response(20, 0, TestFlows.JAMBONZ, TestFlows.CARRIER, 503, "Service Unavailable", false)
                .response(20, 0, TestFlows.JAMBONZ, TestFlows.CARRIER, 603, "Decline", false)
                .retransmitted(500, 0, TestFlows.CARRIER, TestFlows.JAMBONZ, "BYE")
                .build();
    }
}
