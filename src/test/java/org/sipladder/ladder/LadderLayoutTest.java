package org.sipladder.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;

class LadderLayoutTest {

    private static final LadderStyle STYLE = LadderStyle.standard();
    private static final double EPSILON = 1e-6;

    @Test
    void columnsFollowTheHopOrderOfTheFirstInviteNotTheOrderOfMessages() {
        CallFlow flow = new TestFlows().hop("10.0.0.1", Role.CARRIER).hop("10.0.0.2", Role.JAMBONZ)
                .hop("10.0.0.3", Role.LIVEKIT)
                .response(0, 1, "10.0.0.3", "10.0.0.2", 100, "Processing", false)
                .request(1, 0, "10.0.0.1", "10.0.0.2", "INVITE", true)
                .build();

        LadderLayout layout = LadderLayout.of(flow, STYLE);

        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"),
                layout.columns().stream().map(c -> c.hop().address()).toList());
        assertTrue(layout.column(0).x() < layout.column(1).x() && layout.column(1).x() < layout.column(2).x());
    }

    @Test
    void anAddressMissingFromTheHopsGetsItsOwnColumnAtTheEnd() {
        CallFlow flow = new TestFlows().hop("10.0.0.1", Role.CARRIER).hop("10.0.0.2", Role.JAMBONZ)
                .request(0, 0, "10.0.0.1", "10.0.0.2", "INVITE", true)
                .request(1, 0, "10.0.0.2", "192.168.7.7", "OPTIONS", false)
                .build();

        LadderLayout layout = LadderLayout.of(flow, STYLE);

        assertEquals(3, layout.columns().size());
        assertEquals("192.168.7.7", layout.column(2).hop().address());
        assertEquals(1, layout.row(1).arrow().fromColumn());
        assertEquals(2, layout.row(1).arrow().toColumn());
    }

    @Test
    void seedCaseShowsBothLegsOnThreeColumns() {
        LadderLayout layout = LadderLayout.of(TestFlows.seed(), STYLE);

        assertEquals(List.of("Carrier", "Jambonz", "LiveKit"),
                layout.columns().stream().map(c -> c.title().text()).toList());
        assertEquals(TestFlows.LIVEKIT, layout.column(2).subtitle().text());
        LadderArrow unavailable = layout.row(5).arrow();
        assertEquals("503 Try again later", unavailable.label().text());
        assertEquals(2, unavailable.fromColumn());
        assertEquals(1, unavailable.toColumn());
        assertEquals(1, unavailable.legIndex());
        assertEquals(ArrowKind.SERVER_ERROR, unavailable.kind());
        assertEquals(LadderPalette.FAILURE, unavailable.label().colour());
        LadderArrow decline = layout.row(7).arrow();
        assertEquals("603 Decline", decline.label().text());
        assertEquals(1, decline.fromColumn());
        assertEquals(0, decline.toColumn());
        assertTrue(decline.error());
        assertTrue(layout.row(0).arrow().badge() != null, "the INVITE carries SDP");
        assertTrue(layout.row(1).arrow().badge() == null);
        assertFalse(layout.row(0).arrow().colour().equals(layout.row(2).arrow().colour()),
                "each leg has its own colour");
    }

    @Test
    void labelsOfAFiftyMessageDialogNeverOverlapAndStayInsideTheirSpan() {
        LadderLayout layout = LadderLayout.of(busyDialog(50), STYLE);

        List<Box> all = new ArrayList<>();
        for (LadderRow row : layout.rows()) {
            LadderArrow arrow = row.arrow();
            for (Box box : arrow.textBounds()) {
                assertTrue(box.y() >= row.bounds().y() - EPSILON && box.maxY() <= row.bounds().maxY() + EPSILON,
                        "text stays inside its row " + row.index());
                assertTrue(box.x() >= layout.gutterWidth() && box.maxX() <= layout.width() + EPSILON,
                        "text clear of the gutter and inside the picture, row " + row.index());
                if (!arrow.selfArrow()) {
                    double left = Math.min(arrow.fromX(), arrow.toX());
                    double right = Math.max(arrow.fromX(), arrow.toX());
                    assertTrue(box.x() >= left - EPSILON && box.maxX() <= right + EPSILON,
                            "text inside its arrow's span, row " + row.index() + ": " + arrow.label().text());
                } else {
                    assertTrue(box.x() > arrow.fromX() + STYLE.selfLoopWidth(), "self-arrow text right of its loop");
                }
                assertFalse(row.time().bounds().overlaps(box));
                assertFalse(row.delta().bounds().overlaps(box));
                all.add(box);
            }
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), "text boxes " + i + " and " + j + " overlap");
            }
        }
        for (int c = 0; c + 1 < layout.columns().size(); c++) {
            assertFalse(layout.column(c).header().overlaps(layout.column(c + 1).header()), "column titles overlap");
        }
    }

    @Test
    void aLabelBeyondTheMaximumWidthIsShortenedWithAnEllipsis() {
        String reason = "Service Unavailable because ".repeat(20);
        CallFlow flow = new TestFlows().hop("10.0.0.1", Role.CARRIER).hop("10.0.0.2", Role.JAMBONZ)
                .response(0, 0, "10.0.0.2", "10.0.0.1", 503, reason, false).build();

        LadderText label = LadderLayout.of(flow, STYLE).row(0).arrow().label();

        assertTrue(label.text().startsWith("503 Service Unavailable"));
        assertTrue(label.text().endsWith("\u2026"));
        assertTrue(label.width() <= STYLE.maxLabelWidth());
    }

    @Test
    void aMessageToItselfIsALoopWithItsLabelOnTheRight() {
        CallFlow flow = new TestFlows().hop("10.0.0.1", Role.JAMBONZ).hop("10.0.0.2", Role.LIVEKIT)
                .request(0, 0, "10.0.0.2", "10.0.0.2", "OPTIONS", false).build();

        LadderLayout layout = LadderLayout.of(flow, STYLE);
        LadderArrow loop = layout.row(0).arrow();

        assertTrue(loop.selfArrow());
        assertEquals(4, loop.shaft().size());
        assertEquals(layout.column(1).x(), loop.head().get(0).x(), EPSILON);
        assertTrue(loop.label().bounds().maxX() <= layout.width() - STYLE.margin());
    }

    @Test
    void hitTestingFindsTheRowOfEveryMessageAndNothingOutside() {
        LadderLayout layout = LadderLayout.of(busyDialog(50), STYLE);

        for (int i = 0; i < layout.rowCount(); i++) {
            Box bounds = layout.rowBounds(i);
            LadderArrow arrow = layout.row(i).arrow();
            assertEquals(i, layout.messageAt(bounds.centerX(), bounds.centerY()));
            assertEquals(i, layout.messageAt((arrow.fromX() + arrow.toX()) / 2, arrow.y()));
            assertEquals(i, layout.messageAt(arrow.label().bounds().centerX(), arrow.label().bounds().centerY()));
        }
        assertEquals(-1, layout.messageAt(100, layout.headerHeight() / 2));
        assertEquals(-1, layout.messageAt(100, layout.rowBounds(49).maxY() + 1));
        assertEquals(-1, layout.messageAt(layout.width() + 1, layout.rowBounds(0).centerY()));
    }

    @Test
    void tenThousandMessagesLayOutAndOnlyTheVisibleRowsAreHandedOut() {
        LadderLayout layout = LadderLayout.of(TestFlows.dialog(10_000), STYLE);

        assertEquals(10_000, layout.rowCount());
        assertEquals(STYLE.headerHeight() + 10_000 * STYLE.rowHeight() + STYLE.margin(), layout.height(), EPSILON);
        Box middle = layout.rowBounds(5_000);
        List<LadderRow> visible = layout.rowsBetween(middle.y(), middle.y() + 800);
        assertEquals(5_000, visible.get(0).index());
        assertTrue(visible.size() <= 800 / STYLE.rowHeight() + 1);
        assertEquals(9_999, layout.rowAt(layout.rowBounds(9_999).centerY()));
    }

    @Test
    void theGutterShowsClockTimeAndTheGapToThePreviousMessage() {
        LadderLayout layout = LadderLayout.of(TestFlows.seed(), STYLE);

        assertEquals("22:13:20.000", layout.row(0).time().text());
        assertEquals("start", layout.row(0).delta().text());
        assertEquals("+1.80 ms", layout.row(1).delta().text());
        assertEquals("+42.5 ms", layout.row(2).delta().text());
        assertEquals("+3.005 s", layout.row(5).delta().text());
        assertEquals("2023-11-14", layout.gutterSubtitle().text());
    }

    /** Three hops, both directions, spans over two columns, self-arrows, long reasons and retransmissions. */
    static CallFlow busyDialog(int count) {
        String c = "89.184.187.124";
        String j = "172.20.11.236";
        String l = "129.158.233.108";
        TestFlows flow = new TestFlows().hop(c, Role.CARRIER).hop(j, Role.JAMBONZ).hop(l, Role.LIVEKIT);
        for (int i = 0; i < count; i++) {
            switch (i % 10) {
                case 0 -> flow.request(3, 0, c, j, "INVITE", true);
                case 1 -> flow.retransmitted(500, 0, c, j, "INVITE");
                case 2 -> flow.request(2, 1, j, l, "INVITE", true);
                case 3 -> flow.response(1, 1, l, j, 183, "Session Progress with a rather long phrase", true);
                case 4 -> flow.request(4, 0, c, l, "OPTIONS", false);
                case 5 -> flow.response(4, 0, l, c, 480, "Temporarily Unavailable (no agent answered)", false);
                case 6 -> flow.request(1, 1, l, l, "NOTIFY", false);
                case 7 -> flow.response(1, 1, l, j, 503, "Try again later", false);
                case 8 -> flow.request(1, 0, j, j, "MESSAGE", true);
                default -> flow.response(9, 0, j, c, 603, "Decline", false);
            }
        }
        return flow.build();
    }
}
