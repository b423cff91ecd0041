package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.sipladder.diagnose.Evidence;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.Fix;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

class FindingsReportTest {

    static final Finding CONFLICT = new Finding("LK_TRUNK_CONFLICT", Severity.ERROR,
            "Two inbound trunks accept " + SeedCall.CALLED,
            "LiveKit found two inbound trunks for the called number " + SeedCall.CALLED + " and the source "
                    + SeedCall.JAMBONZ + "; it answers 100 Processing, then 503 Try again later.",
            SeedCall.B, SeedCall.A, true,
            new Evidence(List.of(3L, 6L), List.of("ST_GjeZjGQjrsvC", "ST_keiPmt6sJhJh"),
                    List.of("To user " + SeedCall.CALLED, "INVITE from " + SeedCall.JAMBONZ)),
            new Fix(List.of("Keep one trunk for the number.", "Delete the other trunk."),
                    List.of("lk sip inbound delete ST_keiPmt6sJhJh"), null));
    static final Finding NO_AGENT = new Finding("LK_RULE_NO_AGENT", Severity.WARNING,
            "Dispatch rule SDR_HyMhj4T8greh dispatches no agent", "Rooms are created but nobody joins.",
            null, null, false, new Evidence(List.of(), List.of("SDR_HyMhj4T8greh"), List.of()),
            new Fix(List.of("Add the agent to the rule."), List.of(), "{\"roomConfig\": {\"agents\": [{\"agentName\": "
                    + "\"my-telephony-agent\"}]}}"));

    @Test
    void reportShowsTheCaptureTheFailedCallItsFindingsAndItsKeyMessages() throws Exception {
        String text = text(render(ReportOptions.defaults()));

        assertTrue(text.contains("SIP Ladder findings report"), text);
        assertTrue(text.contains("seed.pcapng"));
        assertTrue(text.contains("Call 1: " + SeedCall.CALLER + " \u2192 " + SeedCall.CALLED), text);
        assertTrue(text.contains("Failed: the caller got 603 Decline."));
        assertTrue(text.contains("LK_TRUNK_CONFLICT"));
        assertTrue(text.contains("Two inbound trunks accept " + SeedCall.CALLED));
        assertTrue(text.contains("lk sip inbound delete ST_keiPmt6sJhJh"));
        assertTrue(text.contains("ST_GjeZjGQjrsvC"));
        assertTrue(text.contains("SDR_HyMhj4T8greh"));
        assertTrue(text.contains("\"agentName\": \"my-telephony-agent\""), "JSON fix in full");
        assertTrue(text.contains("SIP/2.0 503 Try again later"), "the failing response in full");
        assertTrue(text.contains("INVITE " + SeedCall.LIVEKIT_URI + " SIP/2.0"), "and its request");
        assertTrue(text.contains("SIP/2.0 603 Decline"), "and what the caller got");
    }

    @Test
    void redactionLeavesNoFullNumberOrAddressAndNamesHostsByColumn() throws Exception {
        byte[] pdf = render(new ReportOptions(PageSize.A4, null, true, true));
        String text = text(pdf);

        for (String secret : List.of(SeedCall.CALLED, "30123456789", "91874350352", SeedCall.CARRIER, SeedCall.JAMBONZ,
                SeedCall.LIVEKIT, "89.184.187")) {
            assertFalse(text.contains(secret), secret + " left in the text");
            assertFalse(new String(pdf, StandardCharsets.ISO_8859_1).contains(secret), secret + " left in the bytes");
        }
        assertTrue(text.contains("\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u20220352"), "last 4 digits kept");
        assertTrue(text.contains("Carrier host A \u2192 Jambonz host B \u2192 LiveKit host C"), text);
        assertTrue(text.contains("c=IN IP4 host C") || text.contains("c=IN IP4 host B"), "SDP addresses too");
        assertTrue(text.contains("INVITE from host B"), "finding evidence uses the same placeholders");
    }

    @Test
    void appendixListsTrunksAndRulesWithPasswordsAsSetOnly() throws Exception {
        byte[] pdf = render(ReportOptions.defaults());
        String text = text(pdf);

        for (String id : List.of("ST_GjeZjGQjrsvC", "ST_keiPmt6sJhJh", "SDR_ZyY3ewVGtwEd", "SDR_HyMhj4T8greh",
                "SDR_3mqGtt8QNX2x")) {
            assertTrue(text.contains(id), id);
        }
        assertTrue(text.contains("user \"jambonz\"\npassword set"), text);
        assertTrue(text.contains("my-telephony-agent"));
        assertFalse(text.contains(SeedConfig.PASSWORD));
        assertFalse(new String(pdf, StandardCharsets.ISO_8859_1).contains(SeedConfig.PASSWORD));
        assertFalse(new String(pdf, StandardCharsets.UTF_16BE).contains(SeedConfig.PASSWORD));
    }

    @Test
    void letterPaperAndA4() throws Exception {
        try (PDDocument doc = Loader.loadPDF(render(new ReportOptions(PageSize.LETTER, null, false, false)))) {
            assertEquals(PDRectangle.LETTER.getWidth(), doc.getPage(0).getMediaBox().getWidth(), 0.01);
        }
        try (PDDocument doc = Loader.loadPDF(render(ReportOptions.defaults()))) {
            assertEquals(PDRectangle.A4.getHeight(), doc.getPage(0).getMediaBox().getHeight(), 0.01);
            assertTrue(doc.getNumberOfPages() >= 3, "cover, the call, the appendix");
        }
    }

    @Test
    void selectingAnUnknownCallSaysWhichCallIsMissing() {
        ReportException e = assertThrows(ReportException.class,
                () -> render(new ReportOptions(PageSize.A4, "nope@nowhere", false, false)));
        assertTrue(e.getMessage().contains("No call with Call-ID nope@nowhere in seed.pcapng"), e.getMessage());
    }

    @Test
    void selectingTheBLegCallIdReportsItsWholeCall() throws Exception {
        String text = text(render(new ReportOptions(PageSize.A4, SeedCall.B, false, false)));
        assertTrue(text.contains("Call 1: " + SeedCall.CALLER), text);
    }

    @Test
    void controlCharactersAndGlyphsMissingFromTheFontDoNotBreakTheReport() throws Exception {
        Finding odd = new Finding("X_ODD", Severity.INFO, "Odd bytes \u0001\u0007 and \uD83D\uDE00 and \u4E2D",
                "Tab\there", null, null, false, new Evidence(List.of(), List.of(), List.of()),
                new Fix(List.of(), List.of(), null));
        List<CallFlow> flows = SeedCall.flows();
        ReportInput input = new ReportInput("odd.pcap", 12, SeedCall.T0, SeedCall.T0 + 1_600_000, flows, List.of(odd),
                LiveKitConfig.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        assertTrue(text(out.toByteArray()).contains("Odd bytes"));
    }

    static byte[] render(ReportOptions options) throws IOException, ReportException {
        ReportInput input = new ReportInput("seed.pcapng", 9, SeedCall.T0, SeedCall.T0 + 1_600_000, SeedCall.flows(),
                List.of(CONFLICT, NO_AGENT), SeedConfig.load());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, options, out);
        return out.toByteArray();
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replace("\r\n", "\n");
        }
    }
}
