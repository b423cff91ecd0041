package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
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

/** A capture with many failed calls makes a report a reader gets through: counts, a few calls in full, tables. */
class ReportAtScaleTest {

    private static final int LIVEKIT_503 = 40;
    private static final int BUSY = 5;

    @Test
    void manyFailedCallsAreCountedByCauseWithAFewInFullAndTheOthersInATable() throws Exception {
        List<CallFlow> flows = SeedCall.many(LIVEKIT_503, BUSY, 5_000);
        byte[] pdf = render(flows, LiveKitConfig.empty(), ReportOptions.defaults());
        String text = FindingsReportTest.text(pdf);
        String flat = text.replaceAll("\\s+", " ");

        assertTrue(text.contains("Failed calls by primary cause"), text);
        assertTrue(flat.contains("LiveKit 129.158.233.108 503 Try again later 40"), flat);
        assertTrue(flat.contains("SIP endpoint 172.20.11.236 486 Busy Here 5"), flat);
        // three calls of each cause in full, numbered in the order of the causes, most calls first
        assertEquals(List.of(1, 2, 3, 4, 5, 6), sectionNumbers(text));
        assertTrue(flat.contains("calls 1\u20133 in full, 37 in a table"), flat);
        assertTrue(flat.contains("calls 4\u20136 in full, 2 in a table"), flat);
        assertTrue(text.contains("37 more calls with this cause"), text);
        assertTrue(text.contains("2 more calls with this cause"), text);
        assertTrue(flat.contains("the other 37 are condensed into this table"), flat);
        // every failed call is in the report, in full or as a row
        for (int n = 1; n <= LIVEKIT_503 + BUSY; n++) {
            assertTrue(flat.contains(SeedCall.aLeg(n)), SeedCall.aLeg(n));
        }
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() < 40, doc.getNumberOfPages() + " pages");
        }
    }

    @Test
    void aCondensedTableStopsAtItsCapAndSaysHowManyCallsItLeftOut() throws Exception {
        int beyond = 7;
        int failed = FailedCalls.IN_FULL_PER_CAUSE + CondensedCalls.ROWS_AT_MOST + beyond;
        List<CallFlow> flows = SeedCall.many(failed, 1_000);
        byte[] pdf = render(flows, LiveKitConfig.empty(), ReportOptions.defaults());
        String flat = FindingsReportTest.text(pdf).replaceAll("\\s+", " ");

        int lastRow = FailedCalls.IN_FULL_PER_CAUSE + CondensedCalls.ROWS_AT_MOST;
        assertTrue(flat.contains(SeedCall.aLeg(lastRow) + " "), "the table's last row");
        assertFalse(flat.contains(SeedCall.aLeg(lastRow + 1) + " "), "a call beyond the table's cap is listed");
        assertTrue(flat.contains("The table stops at " + Times.count(CondensedCalls.ROWS_AT_MOST) + " calls: the last "
                + beyond + " calls with this cause are left out of this report"), flat);
        // the cover page counts every failed call and says where each went
        assertTrue(flat.contains("calls 1\u20133 in full, " + Times.count(CondensedCalls.ROWS_AT_MOST)
                + " in a table, " + beyond + " left out"), flat);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pagesOfTable = (int) Math.ceil(CondensedCalls.ROWS_AT_MOST / 20.0);
            assertTrue(doc.getNumberOfPages() < 12 + pagesOfTable, doc.getNumberOfPages() + " pages");
        }
    }

    @Test
    void everyCallInFullWhenAsked() throws Exception {
        List<CallFlow> flows = SeedCall.many(LIVEKIT_503, BUSY, 5_000);
        String text = FindingsReportTest.text(render(flows, LiveKitConfig.empty(),
                new ReportOptions(PageSize.A4, null, false, false, true)));
        assertEquals(LIVEKIT_503 + BUSY, sectionNumbers(text).size());
        assertTrue(text.contains("Failed calls by primary cause"), "the counts still come first");
        assertFalse(text.contains("more calls with this cause"), text);
    }

    @Test
    void aHandfulOfFailedCallsAreAllInFullWithoutCounts() throws Exception {
        List<CallFlow> flows = SeedCall.many(FailedCalls.ALL_IN_FULL_UP_TO, 5_000);
        String text = FindingsReportTest.text(render(flows, LiveKitConfig.empty(), ReportOptions.defaults()));
        assertEquals(FailedCalls.ALL_IN_FULL_UP_TO, sectionNumbers(text).size());
        assertFalse(text.contains("Failed calls by primary cause"), text);
        assertTrue(text.contains("Each call has its own section"), text);
    }

    @Test
    void failedCallsAreCountedByTheTrunkLiveKitMatched() throws Exception {
        List<CallFlow> flows = SeedCall.many(LIVEKIT_503, BUSY, 5_000);
        String flat = FindingsReportTest.text(render(flows, SeedConfig.load(), ReportOptions.defaults()))
                .replaceAll("\\s+", " ");
        assertTrue(flat.contains("Failed calls by LiveKit inbound trunk"), flat);
        Matcher conflict = Pattern.compile("conflict: ST_\\w+, ST_\\w+ 40").matcher(flat);
        assertTrue(conflict.find(), flat);
        assertTrue(flat.contains(org.sipladder.diagnose.FailureCauses.NOT_AT_LIVEKIT + " 5"), flat);
    }

    @Test
    void onlyTheCallsInFullAreHeldWhole() {
        List<CallFlow> flows = SeedCall.many(LIVEKIT_503, BUSY, 5_000);
        Diagnosis diagnosis = FindingsReportTest.diagnosis(flows);
        ReportInput input = new ReportInput("many.pcap", 1, SeedCall.T0, SeedCall.T0 + 1, flows,
                diagnosis.findings(), diagnosis.routings(), LiveKitConfig.empty());
        FailedCalls failed = FailedCalls.of(input, FindingsReport.byFlow(diagnosis.findings()), false);
        assertEquals(LIVEKIT_503 + BUSY, failed.count());
        assertEquals(6, failed.inFull().size());
        assertEquals(List.of(37, 2), failed.causes().stream().map(c -> c.others().size()).toList());
        assertEquals(SeedCall.aLeg(4), failed.causes().get(0).others().get(0).callId());
    }

    @Test
    void manyWarningsOnAnsweredCallsAreCountedByCode() throws Exception {
        List<CallFlow> flows = SeedCall.flows();
        Diagnosis diagnosis = FindingsReportTest.diagnosis(flows);
        List<Finding> findings = new ArrayList<>(diagnosis.findings());
        int answered = AnsweredCallWarnings.LISTED + 1;
        for (int i = 0; i < answered; i++) {
            findings.add(new Finding(FindingCode.MEDIA_JITTER, Severity.WARNING, "Jitter up to 9" + i + " ms", "why",
                    "answered-" + i, "answered-" + i, false, new Evidence(List.of(), List.of(), List.of()),
                    new Fix(List.of(), List.of(), null)));
        }
        ReportInput input = new ReportInput("seed.pcapng", 9, SeedCall.T0, SeedCall.T0 + 1, flows, findings,
                diagnosis.routings(), LiveKitConfig.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        String flat = FindingsReportTest.text(out.toByteArray()).replaceAll("\\s+", " ");
        assertTrue(flat.contains("MEDIA_JITTER warning " + answered + " e.g. answered-0: Jitter up to 90 ms"), flat);
        assertFalse(flat.contains("Jitter up to 91 ms"), flat);
        assertTrue(flat.contains(answered + " findings on " + answered + " answered calls"), flat);
    }

    @Test
    void answeredCallWarningsAreOrderedByTheCallsTheyAreOnNotByHowOftenTheyRecur() throws Exception {
        List<CallFlow> flows = SeedCall.flows();
        Diagnosis diagnosis = FindingsReportTest.diagnosis(flows);
        List<Finding> findings = new ArrayList<>(diagnosis.findings());
        // a jitter warning each on many calls; a loss warning many times over on two calls
        int jittery = AnsweredCallWarnings.LISTED;
        for (int i = 0; i < jittery; i++) {
            findings.add(warning(FindingCode.MEDIA_JITTER, "Jitter up to 9" + i + " ms", "jitter-" + i));
        }
        for (int i = 0; i < jittery + 10; i++) {
            findings.add(warning(FindingCode.MEDIA_LOSS, "Loss " + i, "lossy-" + (i % 2)));
        }
        ReportInput input = new ReportInput("seed.pcapng", 9, SeedCall.T0, SeedCall.T0 + 1, flows, findings,
                diagnosis.routings(), LiveKitConfig.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        String flat = FindingsReportTest.text(out.toByteArray()).replaceAll("\\s+", " ");
        int jitter = flat.indexOf("MEDIA_JITTER warning " + jittery + " e.g. jitter-0");
        int loss = flat.indexOf("MEDIA_LOSS warning 2 e.g. lossy-0");
        assertTrue(jitter > 0 && loss > jitter, flat);
    }

    private static Finding warning(FindingCode code, String title, String flowId) {
        return new Finding(code, Severity.WARNING, title, "why", flowId, flowId, false,
                new Evidence(List.of(), List.of(), List.of()), new Fix(List.of(), List.of(), null));
    }

    private static byte[] render(List<CallFlow> flows, LiveKitConfig config, ReportOptions options) throws Exception {
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(flows, config);
        ReportInput input = new ReportInput("many.pcap", 1, SeedCall.T0, SeedCall.T0 + 1, flows,
                diagnosis.findings(), diagnosis.routings(), config);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, options, out);
        return out.toByteArray();
    }

    /** The numbers of the call sections, "Call n: ..." headings, in order. */
    private static List<Integer> sectionNumbers(String text) {
        return text.lines().map(Pattern.compile("^Call (\\d+): ")::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }
}
