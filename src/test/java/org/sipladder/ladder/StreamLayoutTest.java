package org.sipladder.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;

class StreamLayoutTest {

    private static final LadderStyle STYLE = LadderStyle.standard();
    private static final double EPSILON = 1e-6;
    /** The seed flow's first message, see {@link TestFlows}. */
    private static final long START = 1_700_000_000_000_000L;

    private static LadderStream stream(int id, String from, String to, long firstMillis, List<String> warnings) {
        return new LadderStream(id, from, to, START + firstMillis * 1000, START + firstMillis * 1000 + 30_020_000,
                "RTP PCMU \u00b7 1,501 pkts", from + ":40000 \u2192 " + to + ":30000 \u00b7 SSRC 0x1234abcd", warnings);
    }

    /** The seed flow with one healthy stream carrier to Jambonz and a one-way one Jambonz to LiveKit. */
    private static LadderLayout seedWithStreams() {
        return LadderLayout.of(TestFlows.seed(), List.of(
                stream(1, TestFlows.JAMBONZ, TestFlows.LIVEKIT, 70, List.of("one-way")),
                stream(0, TestFlows.CARRIER, TestFlows.JAMBONZ, 70, List.of())), STYLE);
    }

    @Test
    void streamsGetRowsAmongTheMessagesAtTheTimeOfTheirFirstPacket() {
        LadderLayout layout = seedWithStreams();

        assertEquals(9, layout.rowCount());
        assertEquals(11, layout.slotCount());
        // messages at 0, 1.8, 44.3, 65.6, 68.7 ms come first, then both streams (70 ms), then the 503 at 3073 ms
        assertEquals(List.of(5, 6), layout.streamRows().stream().map(StreamRow::slot).toList());
        assertEquals(4, layout.slotOf(layout.row(4)));
        assertEquals(7, layout.slotOf(layout.row(5)));
        assertEquals(STYLE.headerHeight() + 11 * STYLE.rowHeight() + STYLE.margin(), layout.height(), EPSILON);
        StreamRow first = layout.streamRows().get(0);
        assertEquals("22:13:20.070", first.time().text());
        assertEquals("for 30.020 s", first.delta().text());
    }

    @Test
    void aStreamArrowRunsBetweenTheHostsThatExchangedItInTheMediaStyle() {
        LadderLayout layout = seedWithStreams();
        StreamArrow healthy = layout.streamRows().stream().filter(r -> r.stream().id() == 0).findFirst().orElseThrow().arrow();
        StreamArrow oneWay = layout.streamRows().stream().filter(r -> r.stream().id() == 1).findFirst().orElseThrow().arrow();

        assertEquals(0, healthy.fromColumn());
        assertEquals(1, healthy.toColumn());
        assertEquals(layout.column(1).x(), healthy.head().get(0).x(), EPSILON);
        assertEquals(LadderPalette.MEDIA, healthy.colour());
        assertTrue(healthy.lineWidth() > layout.row(0).arrow().lineWidth(), "thicker than any message");
        assertFalse(LadderPalette.LEGS.contains(healthy.colour()), "a colour no leg has");
        assertFalse(healthy.warning());
        assertNull(healthy.warningSign());
        assertEquals(LadderPalette.MUTED_TEXT, healthy.detail().colour());

        assertEquals(1, oneWay.fromColumn());
        assertEquals(2, oneWay.toColumn());
        assertTrue(oneWay.warning());
        assertEquals("!", oneWay.warningSign().text());
        assertTrue(oneWay.detail().text().startsWith("one-way \u00b7 172.20.11.236:40000"), oneWay.detail().text());
        assertEquals(LadderPalette.WARNING, oneWay.detail().colour());
        double markRight = oneWay.warningMark().stream().mapToDouble(Point::x).max().orElseThrow();
        assertTrue(markRight < oneWay.label().left(), "the mark stands before the label");
    }

    @Test
    void streamTextsStayInTheirRowsAndSpansAndOverlapNothing() {
        LadderLayout layout = seedWithStreams();
        List<Box> all = new ArrayList<>();
        for (LadderRow row : layout.rows()) {
            all.addAll(row.arrow().textBounds());
        }
        for (StreamRow row : layout.streamRows()) {
            StreamArrow arrow = row.arrow();
            double left = layout.column(Math.min(arrow.fromColumn(), arrow.toColumn())).x();
            double right = layout.column(Math.max(arrow.fromColumn(), arrow.toColumn())).x();
            for (Box box : arrow.textBounds()) {
                assertTrue(box.y() >= row.bounds().y() - EPSILON && box.maxY() <= row.bounds().maxY() + EPSILON,
                        "inside its row: " + box);
                assertTrue(box.x() >= left - EPSILON && box.maxX() <= right + EPSILON, "inside its span: " + box);
                assertFalse(row.time().bounds().overlaps(box));
                all.add(box);
            }
            assertTrue(row.delta().bounds().maxX() <= layout.gutterWidth(), "duration inside the gutter");
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), "text boxes " + i + " and " + j + " overlap");
            }
        }
    }

    @Test
    void aLifelineOfAHostBetweenTheStreamsEndsDoesNotStrikeThroughItsTexts() throws Exception {
        // media straight from the carrier to LiveKit, past Jambonz's lifeline
        LadderLayout layout = LadderLayout.of(TestFlows.seed(),
                List.of(stream(0, TestFlows.CARRIER, TestFlows.LIVEKIT, 70, List.of("one-way"))), STYLE);
        StreamArrow arrow = layout.streamRows().get(0).arrow();
        double passed = layout.column(1).x();
        List<Box> crossed = arrow.textBounds().stream().filter(b -> b.x() < passed && b.maxX() > passed).toList();
        assertFalse(crossed.isEmpty(), "the texts span Jambonz's lifeline");

        for (Box text : crossed) {
            assertTrue(arrow.backdrops().stream().anyMatch(b -> b.x() <= text.x() && b.y() <= text.y()
                    && b.maxX() >= text.maxX() && b.maxY() >= text.maxY()), "a backdrop hides the lifeline under " + text);
        }
        for (Box backdrop : arrow.backdrops()) {
            assertTrue(backdrop.maxY() < arrow.y() - arrow.lineWidth() / 2 || backdrop.y() > arrow.y() + arrow.lineWidth() / 2,
                    "the shaft stays visible: " + backdrop);
        }
        StringWriter out = new StringWriter();
        new SvgWriter().write(layout, Set.of(), out);
        String group = out.toString().split("class=\"media-stream\"")[1];
        assertTrue(group.indexOf("fill=\"" + LadderPalette.BACKGROUND.hex() + "\"") < group.indexOf("RTP PCMU"),
                "the SVG paints the backdrops before the label");
    }

    @Test
    void aDetailTooLongLosesWholeFieldsNotHalfAnSsrc() {
        String detail = TestFlows.CARRIER + ":40000 \u2192 " + TestFlows.JAMBONZ + ":30000 \u00b7 SSRC 0x3796CB71 \u00b7 MOS 4.4";
        LadderStream stream = new LadderStream(0, TestFlows.CARRIER, TestFlows.JAMBONZ, START + 70_000,
                START + 30_090_000, "RTP PCMU \u00b7 9 pkts", detail, List.of("one-way"));
        String shown = LadderLayout.of(TestFlows.seed(), List.of(stream), STYLE).streamRows().get(0).arrow()
                .detail().text();

        String full = "one-way \u00b7 " + detail;
        assertTrue(shown.endsWith(" \u00b7 \u2026"), shown);
        String kept = shown.substring(0, shown.length() - " \u00b7 \u2026".length());
        assertTrue(full.startsWith(kept + " \u00b7 "), "whole fields only: " + shown);
        assertTrue(kept.contains(TestFlows.JAMBONZ + ":30000"), "the problems and the addresses stay: " + shown);
    }

    @Test
    void aStreamPastAHostKeepsItsWholeDetailWhenItsSpanHasTheRoom() {
        // media straight from the carrier to LiveKit spans two gaps that long reason phrases widened: far wider
        // than the widest label allowed, so its detail fits whole
        CallFlow flow = new TestFlows().hop(TestFlows.CARRIER, Role.CARRIER).hop(TestFlows.JAMBONZ, Role.JAMBONZ)
                .hop(TestFlows.LIVEKIT, Role.LIVEKIT)
                .request(0, 0, TestFlows.CARRIER, TestFlows.JAMBONZ, "INVITE", true)
                .request(2, 1, TestFlows.JAMBONZ, TestFlows.LIVEKIT, "INVITE", true)
                .response(60, 1, TestFlows.LIVEKIT, TestFlows.JAMBONZ, 480, "Temporarily Unavailable (no agent)", false)
                .response(1, 0, TestFlows.JAMBONZ, TestFlows.CARRIER, 480, "Temporarily Unavailable (no agent)", false)
                .build();
        String detail = TestFlows.CARRIER + ":40000 \u2192 " + TestFlows.LIVEKIT + ":30000 \u00b7 MOS 4.4 \u00b7 SSRC 0x3796CB71";
        LadderStream stream = new LadderStream(0, TestFlows.CARRIER, TestFlows.LIVEKIT, START + 70_000,
                START + 30_090_000, "RTP PCMU \u00b7 9 pkts", detail, List.of("one-way"));
        LadderLayout layout = LadderLayout.of(flow, List.of(stream), STYLE);
        StreamArrow arrow = layout.streamRows().get(0).arrow();

        String full = "one-way \u00b7 " + detail;
        double room = layout.column(2).x() - layout.column(0).x() - 2 * STYLE.labelPadding();
        assertTrue(STYLE.measure().width(full, STYLE.detailFontSize(), false) <= room,
                "the span has room for the whole detail: " + room);
        assertTrue(STYLE.measure().width(full, STYLE.detailFontSize(), false) > STYLE.maxLabelWidth(),
                "the detail is wider than a label between neighbours may be");
        assertEquals(full, arrow.detail().text());
        assertTrue(arrow.detail().left() >= layout.column(0).x() && arrow.detail().bounds().maxX() <= layout.column(2).x(),
                "inside its span");
    }

    @Test
    void hitTestingTellsMessageRowsFromStreamRows() {
        LadderLayout layout = seedWithStreams();

        for (int i = 0; i < layout.rowCount(); i++) {
            assertEquals(i, layout.messageAt(100, layout.rowBounds(i).centerY()));
        }
        StreamRow first = layout.streamRows().get(0);
        assertEquals(-1, layout.messageAt(100, first.bounds().centerY()));
        assertEquals(first, layout.streamRowAt(first.bounds().centerY()).orElseThrow());
        assertTrue(layout.streamRowAt(layout.rowBounds(0).centerY()).isEmpty());
        assertEquals(List.of(4, 5), layout.rowsBetween(layout.rowBounds(4).y(), layout.rowBounds(5).y()).stream()
                .map(LadderRow::index).toList());
        assertEquals(2, layout.streamRowsBetween(first.bounds().y(), first.bounds().maxY() + 2).size());
        assertEquals(List.of(4), layout.rowsInSlots(4, 7).stream().map(LadderRow::index).toList());
        assertEquals(2, layout.streamRowsInSlots(4, 7).size());
    }

    @Test
    void aMediaHostWithoutSipRelayingBetweenTwoPartiesIsAMediaRelay() {
        // rtpengine beside a proxy: RTP carrier <-> relay and relay <-> LiveKit, the relay sends no SIP
        String relay = "172.20.11.240";
        LadderLayout layout = LadderLayout.of(TestFlows.seed(), List.of(
                stream(0, TestFlows.CARRIER, relay, 5000, List.of()),
                stream(1, relay, TestFlows.LIVEKIT, 5001, List.of()),
                stream(2, TestFlows.LIVEKIT, relay, 5002, List.of()),
                stream(3, relay, TestFlows.CARRIER, 5003, List.of())), STYLE);
        LadderColumn column = layout.column(3);
        assertEquals(relay, column.hop().address());
        assertEquals(org.sipladder.flow.Role.MEDIA_RELAY, column.hop().role());
        String titles = column.title().text() + " " + column.subtitle().text();
        assertTrue(titles.contains("Media relay"), titles);
        assertFalse(titles.contains("SIP endpoint"), titles);
        // the SIP hosts keep their roles
        assertEquals(org.sipladder.flow.Role.LIVEKIT, layout.column(2).hop().role());
    }

    @Test
    void aMediaHostWithoutSipGetsAColumnAndAStreamBetweenTwoPortsOfOneHostLoops() {
        LadderLayout layout = LadderLayout.of(TestFlows.seed(), List.of(
                stream(0, "172.20.11.240", TestFlows.CARRIER, 5000, List.of()),
                stream(1, TestFlows.LIVEKIT, TestFlows.LIVEKIT, 6000, List.of("3.2 % lost"))), STYLE);

        assertEquals(4, layout.columns().size());
        assertEquals("172.20.11.240", layout.column(3).hop().address());
        assertEquals("Media", layout.column(3).title().text());
        StreamArrow loop = layout.streamRows().get(1).arrow();
        assertEquals(loop.fromColumn(), loop.toColumn());
        assertEquals(4, loop.shaft().size());
        assertTrue(loop.label().bounds().maxX() <= layout.width() - STYLE.margin() + EPSILON);
        // the streams come after the last message (3.1 s), in time order
        assertEquals(List.of(9, 10), layout.streamRows().stream().map(StreamRow::slot).toList());
        assertTrue(layout.lifelineBottom() > layout.streamRows().get(1).bounds().maxY());
    }

    @Test
    void withoutStreamsTheLayoutIsAsBefore() {
        CallFlow flow = TestFlows.seed();
        LadderLayout plain = LadderLayout.of(flow, STYLE);
        LadderLayout none = LadderLayout.of(flow, List.of(), STYLE);

        assertEquals(plain.height(), none.height(), EPSILON);
        assertEquals(plain.width(), none.width(), EPSILON);
        assertEquals(plain.rowCount(), plain.slotCount());
        assertTrue(none.streamRows().isEmpty());
    }

    @Test
    void theSvgDrawsEveryStreamWithItsMark() throws Exception {
        StringWriter out = new StringWriter();
        new SvgWriter().write(seedWithStreams(), Set.of(), out);
        String svg = out.toString();

        assertEquals(2, svg.split("class=\"media-stream\"", -1).length - 1);
        assertEquals(1, svg.split("class=\"warning\"", -1).length - 1);
        assertTrue(svg.contains("stroke-dasharray=\"9 3\""));
        assertTrue(svg.contains("RTP PCMU \u00b7 1,501 pkts"));
    }
}
