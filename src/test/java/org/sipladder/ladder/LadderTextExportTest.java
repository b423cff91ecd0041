package org.sipladder.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LadderTextExportTest {

    @Test
    void theSeedLadderAsTextHasColumnsLabelsAndArrowsPointingTheRightWay() {
        LadderLayout layout = LadderLayout.of(TestFlows.seed(), LadderStyle.standard());

        String text = new LadderTextExport().write(layout);
        String[] lines = text.split("\n");

        assertEquals(2 + 2 * layout.rowCount(), lines.length);
        assertTrue(lines[0].contains("Carrier") && lines[0].contains("Jambonz") && lines[0].contains("LiveKit"));
        assertTrue(lines[1].contains(TestFlows.CARRIER));
        assertTrue(lines[2].contains("INVITE (SDP)"));
        assertTrue(lines[3].contains(">|"), "the first INVITE points right: " + lines[3]);
        assertTrue(lines[12].contains("503 Try again later"));
        assertTrue(lines[13].contains("|<"), "the 503 points left: " + lines[13]);
        int carrier = lines[1].indexOf(TestFlows.CARRIER) + TestFlows.CARRIER.length() / 2;
        assertEquals('|', lines[3].charAt(carrier), "lifelines line up under the titles");
    }
}
