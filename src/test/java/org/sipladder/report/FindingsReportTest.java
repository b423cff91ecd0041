package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.Evidence;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.Fix;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.testkit.CountingList;

class FindingsReportTest {

    @Test
    void reportShowsTheCaptureTheFailedCallItsFindingsAndItsKeyMessages() throws Exception {
        String text = text(render(ReportOptions.defaults()));

        assertTrue(text.contains("SIP Ladder findings report"), text);
        assertTrue(text.contains("seed.pcapng"));
        assertTrue(text.contains("Call 1: " + SeedCall.CALLER + " \u2192 " + SeedCall.CALLED), text);
        assertTrue(text.contains("Failed: the caller got 603 Decline."));
        Diagnosis diagnosis = diagnosis(SeedCall.flows());
        assertEquals(FindingCode.LK_TRUNK_CONFLICT, diagnosis.primaryFor(SeedCall.A).orElseThrow().code());
        String flat = text.replaceAll("\\s+", " ");
        for (Finding f : diagnosis.findings()) {
            assertTrue(text.contains(f.code().name()), f.code().name());
            assertTrue(flat.contains(f.title().replaceAll("\\s+", " ")), f.title());
        }
        assertTrue(text.contains("primary cause"));
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
        assertTrue(text.contains("LiveKit\nhost C"), "the ladder's column title, from the same redaction");
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
    void ladderIsDrawnWithItsLabelsAndSplitOverPagesWithColumnHeadersRepeated() throws Exception {
        byte[] pdf = render(ReportOptions.defaults(), SeedCall.flows(0));
        String text = text(pdf);
        assertTrue(text.contains("Ladder"));
        for (String label : List.of("503 Try again later", "100 Processing", "183 Session Progress", "603 Decline")) {
            assertTrue(text.contains(label), label);
        }

        byte[] longPdf = render(ReportOptions.defaults(), SeedCall.flows(80));
        List<Integer> ladderPages = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(longPdf)) {
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String page = stripper.getText(doc);
                if (page.contains("(retransmission)") || page.contains("retransmission")) {
                    ladderPages.add(p);
                    assertTrue(page.contains("Carrier") && page.contains("Jambonz") && page.contains("LiveKit")
                            && page.contains("Time (UTC)"), "column headers on page " + p);
                }
            }
        }
        assertTrue(ladderPages.size() >= 3, "89 rows need several pages: " + ladderPages);
    }

    @Test
    void selectingAnUnknownCallSaysWhichCallIsMissing() {
        ReportException e = assertThrows(ReportException.class,
                () -> render(new ReportOptions(PageSize.A4, "nope@nowhere", false, false)));
        assertEquals("no call with Call-ID nope@nowhere in seed.pcapng, which holds 1 call (`sipladder calls CAPTURE` "
                + "lists the Call-IDs)", e.getMessage());
    }

    @Test
    void selectingTheBLegCallIdReportsItsWholeCall() throws Exception {
        String text = text(render(new ReportOptions(PageSize.A4, SeedCall.B, false, false)));
        assertTrue(text.contains("Call 1: " + SeedCall.CALLER), text);
    }

    @Test
    void controlCharactersAndGlyphsMissingFromTheFontDoNotBreakTheReport() throws Exception {
        Finding odd = new Finding(FindingCode.SIP_CALL_REJECTED, Severity.INFO, "Odd bytes \u0001\u0007 and \uD83D\uDE00 and \u4E2D",
                "Tab\there", null, null, false, new Evidence(List.of(), List.of(), List.of()),
                new Fix(List.of(), List.of(), null));
        List<CallFlow> flows = SeedCall.flows();
        ReportInput input = new ReportInput("odd.pcap", 12, SeedCall.T0, SeedCall.T0 + 1_600_000, flows, List.of(odd),
                List.of(), LiveKitConfig.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        assertTrue(text(out.toByteArray()).contains("Odd bytes"));
    }

    static byte[] render(ReportOptions options) throws IOException, ReportException {
        return render(options, SeedCall.flows());
    }

    @Test
    void warningsOfCallsNotReportedAreListedOnTheCoverPage() throws Exception {
        List<CallFlow> flows = SeedCall.flows();
        Diagnosis diagnosis = diagnosis(flows);
        List<Finding> findings = new java.util.ArrayList<>(diagnosis.findings());
        // an answered call's jitter warning, and its information, which is left out
        findings.add(new Finding(FindingCode.MEDIA_JITTER, Severity.WARNING, "Jitter up to 95 ms on RTP to 10.0.0.2",
                "why", "answered-1@10.0.0.1", "answered-1@10.0.0.1", false, new Evidence(List.of(), List.of(), List.of()),
                new Fix(List.of(), List.of(), null)));
        findings.add(new Finding(FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER, Severity.INFO, "informational title",
                "why", "answered-1@10.0.0.1", "answered-1@10.0.0.1", false, new Evidence(List.of(), List.of(), List.of()),
                new Fix(List.of(), List.of(), null)));
        ReportInput input = new ReportInput("seed.pcapng", 9, SeedCall.T0, SeedCall.T0 + 1_600_000, flows, findings,
                diagnosis.routings(), SeedConfig.load());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        String text = text(out.toByteArray());
        assertTrue(text.contains("Warnings on answered calls"), text);
        assertTrue(text.contains("Jitter up to 95 ms on RTP to 10.0.0.2"), text);
        assertFalse(text.contains("informational title"), text);
        // a report of one selected call lists no others
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        new FindingsReport().write(input, new ReportOptions(PageSize.A4, SeedCall.A, false, false), one);
        assertFalse(text(one.toByteArray()).contains("Warnings on answered calls"));
    }

    @Test
    void warningsOfARegistrationAreNotHeadedAsAnsweredCalls() throws Exception {
        List<CallFlow> flows = SeedCall.withRegistration("reg-1@10.0.0.1");
        CallFlow register = flows.stream().filter(f -> f.aLeg().callId().equals("reg-1@10.0.0.1")).findFirst()
                .orElseThrow();
        Diagnosis diagnosis = diagnosis(flows);
        List<Finding> findings = new java.util.ArrayList<>(diagnosis.findings());
        findings.add(warning("10.0.0.1 advertises a private address", register.id(), "reg-1@10.0.0.1"));
        String text = text(write(new ReportInput("seed.pcapng", 11, SeedCall.T0, SeedCall.T0 + 2_100_000, flows,
                findings, diagnosis.routings(), SeedConfig.load())));
        // as the failed calls' table is "Failed calls and other dialogs" when it lists a REGISTER
        assertTrue(text.contains("Warnings on answered calls and other dialogs"), text);
        assertTrue(text.contains("10.0.0.1 advertises a private address"), text);
    }

    private static Finding warning(String title, String flowId, String callId) {
        return new Finding(FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER, Severity.WARNING, title, "why", flowId,
                callId, false, new Evidence(List.of(), List.of(), List.of()), new Fix(List.of(), List.of(), null));
    }

    private static byte[] write(ReportInput input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        return out.toByteArray();
    }

    static Diagnosis diagnosis(List<CallFlow> flows) {
        return DiagnosisEngine.standard().diagnose(flows, SeedConfig.load());
    }

    @Test
    void callsAssembledWhenReadAreReadByTheReportNotCopiedIntoIt() throws Exception {
        List<CallFlow> held = SeedCall.flows();
        // as the desktop app hands them over: each call assembled when read, none kept
        CountingList<CallFlow> assembledWhenRead = new CountingList<>(held);
        Diagnosis diagnosis = diagnosis(held);
        ReportInput input = new ReportInput("seed.pcapng", 9, SeedCall.T0, SeedCall.T0 + 1_600_000,
                assembledWhenRead, diagnosis.findings(), diagnosis.routings(), SeedConfig.load());
        assertEquals(0, assembledWhenRead.reads(), "the input read every call when made");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        assertTrue(assembledWhenRead.reads() > 0);
        assertTrue(text(out.toByteArray()).contains("Call 1: " + SeedCall.CALLER + " \u2192 " + SeedCall.CALLED));
    }

    static byte[] render(ReportOptions options, List<CallFlow> flows) throws IOException, ReportException {
        Diagnosis diagnosis = diagnosis(flows);
        ReportInput input = new ReportInput("seed.pcapng", flows.get(0).messages().size(), SeedCall.T0,
                SeedCall.T0 + 1_600_000, flows, diagnosis.findings(), diagnosis.routings(), SeedConfig.load());
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
