package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.SipText;

/** A call through more hops than a page is wide: its ladder stays readable, in parts side by side. */
class WideLadderTest {

    private static final int HOPS = 12;
    /** Below this a printed ladder is not read: its frame numbers and ports are 10 units at scale 1. */
    private static final float SMALLEST_READABLE = 5f;

    @Test
    void aLadderWithManyHopsIsDrawnInColumnPartsAtAReadableSize() throws Exception {
        List<CallFlow> flows = chain(HOPS);
        assertEquals(1, flows.size());
        assertEquals(HOPS, flows.get(0).hops().size());
        byte[] pdf = render(flows);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            Sizes sizes = new Sizes();
            sizes.getText(doc);
            assertTrue(sizes.smallest >= SMALLEST_READABLE, "text drawn at " + sizes.smallest + " pt: '"
                    + sizes.smallestText + "'");
        }
        String flat = FindingsReportTest.text(pdf).replaceAll("\\s+", " ");
        assertTrue(flat.contains("Columns 1\u2013"), flat);
        assertTrue(flat.contains("\u2013" + HOPS + " of " + HOPS), flat);
        // every hop heads a column in some part
        for (int h = 1; h <= HOPS; h++) {
            assertTrue(flat.contains(host(h)), host(h));
        }
    }

    @Test
    void aLadderThatFitsThePageIsOnePart() throws Exception {
        String flat = FindingsReportTest.text(render(chain(3))).replaceAll("\\s+", " ");
        assertTrue(flat.contains("Ladder"), flat);
        assertTrue(!flat.contains("Columns 1\u2013"), flat);
    }

    /** An INVITE relayed by a chain of proxies, refused 486 by the last host and relayed back. */
    private static List<CallFlow> chain(int hops) {
        List<SipPayload> payloads = new ArrayList<>();
        String invite = SipText.invite("chain-1");
        String busy = SipText.response(486, "Busy Here", "INVITE", "chain-1", 1);
        for (int h = 1; h < hops; h++) {
            payloads.add(payload(payloads.size() + 1, host(h), host(h + 1), invite));
        }
        for (int h = hops; h > 1; h--) {
            payloads.add(payload(payloads.size() + 1, host(h), host(h - 1), busy));
        }
        SipParser parser = new SipParser(SipParser.Depth.SCAN);
        List<SipMessage> messages = payloads.stream().map(p -> parser.parse(p).orElseThrow()).toList();
        return new FlowBuilder().build(messages);
    }

    private static String host(int h) {
        return "198.51.100." + (10 + h);
    }

    private static SipPayload payload(int frame, String src, String dst, String text) {
        return new SipPayload(frame, SeedCall.T0 + frame * 10_000L, new Endpoint(src, 5060), new Endpoint(dst, 5060),
                Transport.UDP, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] render(List<CallFlow> flows) throws Exception {
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(flows, LiveKitConfig.empty());
        ReportInput input = new ReportInput("chain.pcap", 1, SeedCall.T0, SeedCall.T0 + 1, flows,
                diagnosis.findings(), diagnosis.routings(), LiveKitConfig.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        return out.toByteArray();
    }

    /** The smallest size any text of the document is drawn at. */
    private static final class Sizes extends PDFTextStripper {
        float smallest = Float.MAX_VALUE;
        String smallestText = "";

        Sizes() throws IOException {
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
            for (TextPosition p : positions) {
                if (!p.getUnicode().isBlank() && p.getFontSizeInPt() < smallest) {
                    smallest = p.getFontSizeInPt();
                    smallestText = text;
                }
            }
        }
    }
}
