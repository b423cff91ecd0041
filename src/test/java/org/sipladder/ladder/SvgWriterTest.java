package org.sipladder.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.Role;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgWriterTest {

    @Test
    void theSeedLadderIsWellFormedSvgWithEveryLabel() throws Exception {
        LadderLayout layout = LadderLayout.of(TestFlows.seed(), LadderStyle.standard());
        StringWriter out = new StringWriter();

        new SvgWriter().write(layout, Set.of(6L), out);

        Document doc = parse(out.toString());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        List<String> texts = texts(doc);
        assertTrue(texts.contains("503 Try again later"));
        assertTrue(texts.contains("603 Decline"));
        assertTrue(texts.contains("LiveKit"));
        assertTrue(texts.contains(TestFlows.LIVEKIT));
        assertTrue(texts.contains("SDP"));
        assertEquals(layout.rowCount(), doc.getElementsByTagName("polyline").getLength());
        assertTrue(out.toString().contains(LadderPalette.MARKED.hex()), "frame 6 is highlighted");
    }

    @Test
    void markupAndControlCharactersInLabelsAreEscaped() throws Exception {
        LadderLayout layout = LadderLayout.of(new TestFlows().hop("10.0.0.1", Role.CARRIER)
                .hop("10.0.0.2", Role.JAMBONZ)
                .response(0, 0, "10.0.0.2", "10.0.0.1", 488, "Not <Acceptable> & \"odd\"\u0001", false)
                .build(), LadderStyle.standard());
        StringWriter out = new StringWriter();

        new SvgWriter().write(layout, Set.of(), out);

        assertTrue(texts(parse(out.toString())).contains("488 Not <Acceptable> & \"odd\"\uFFFD"));
    }

    @Test
    void numbersAreWrittenWithoutExponents() {
        assertEquals("400000", SvgWriter.num(400_000));
        assertEquals("12.5", SvgWriter.num(12.5));
        assertEquals("12.05", SvgWriter.num(12.049));
        assertEquals("-3.25", SvgWriter.num(-3.25));
        assertEquals("25000000", SvgWriter.num(2.5e7));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
