package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.MediaCall;
import org.sipladder.testkit.SipText;

/** The text of {@code diagnose} on many calls: an overview first, then the failed calls' details before the others. */
class DiagnosisTextOverviewTest {

    private static final long T0 = MediaCall.T0;

    @TempDir
    Path dir;

    /** The first line groups every count in thousands, the findings' as the calls' ("1,000 calls ..., 1,000 findings"). */
    @Test
    void theFirstLineGroupsTheFindingsCountInThousandsAsTheCalls() {
        CliRun run = diagnoseBusyCalls(1000);
        assertEquals(0, run.exitCode(), run.err());
        String first = run.outLines().get(0);
        assertTrue(first.startsWith("Diagnosis: 1,000 calls (1,000 failed), 1,000 findings; "), first);
    }

    /**
     * Every count the overview and the "not shown" lists give is grouped in thousands as the first line's: a reader
     * compares "1,006 failed" with "1,006" calls of one cause and "1,001 more" not shown.
     */
    @Test
    void theOverviewAndTheCallsNotShownGroupTheirCountsAsTheFirstLine() {
        CliRun run = diagnoseBusyCalls(1006);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertTrue(lines.get(0).startsWith("Diagnosis: 1,006 calls (1,006 failed), 1,006 findings; "), lines.get(0));
        String out = String.join("\n", lines);
        assertTrue(out.contains("Failed calls by primary cause: 1,006\n  1,006  100.0 %  "), out);
        assertTrue(out.contains(" and 1,003 more\n"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("  1,006  \\S.*486 Busy Here")), out);
        assertTrue(out.contains("Not shown in detail: 1,001 more failed calls, "), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("1,001  SIP_\\w+")), out);
    }

    @Test
    void manyCallsOpenWithCountsByCauseAndShowTheFailedCallsFirst() throws IOException {
        Path capture = day();
        CliRun run = CliRun.of("diagnose", capture.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();

        assertEquals("", lines.get(1));
        assertEquals("Failed calls by primary cause: 12", lines.get(2));
        assertEquals("  9   75.0 %  SIP_CALL_REJECTED: 10.0.0.2 rejected the call: 486 Busy Here", lines.get(3));
        assertEquals("              busy-2, busy-6, busy-7 and 6 more", lines.get(4));
        // a tie keeps the order of the causes' first calls
        assertEquals("  2   16.7 %  SIP_NO_FINAL_RESPONSE: INVITE to 10.0.0.2:5060 got no final response", lines.get(5));
        assertEquals("              silent-3, silent-14", lines.get(6));
        assertEquals("  1    8.3 %  MEDIA_ONE_WAY: One-way audio: RTP only from 10.0.0.1 to 10.0.0.2", lines.get(7));
        assertEquals("              oneway-5", lines.get(8));
        assertEquals("Where the failures started:", lines.get(9));
        assertEquals(List.of("9", "SIP endpoint 10.0.0.2", "486 Busy Here"), cells(lines.get(11)));
        assertEquals(List.of("2", "no hop answered", "no final response"), cells(lines.get(12)));
        assertEquals(List.of("1", "no error response", "200 OK"), cells(lines.get(13)));
        assertEquals("Answered calls with warnings or errors, by finding code: 2", lines.get(15));
        assertEquals(List.of("2", "WARNING", "MEDIA_LOSS", "dropout-1"), cells(lines.get(17)));

        List<String> headings = headings(lines);
        // the first 5 of each primary cause: busy-10 .. busy-13 are counted below the failed calls shown
        assertEquals(List.of("busy-2", "silent-3", "busy-6", "busy-7", "busy-8", "busy-9", "silent-14", "oneway-5",
                "dropout-1", "dropout-4"), headings,
                "failed calls first, then the one that failed after the answer, then the answered; each in start order");
        assertTrue(lines.indexOf("Call oneway-5: caller got 200 OK, but its media failed") > 0, run.out());
        String flat = run.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains("then the others with findings, each in start order. Of each primary cause, and of the "
                + "other calls each set of finding codes, the first 5 calls are shown; diagnose --all shows every call."),
                run.out());
        assertTrue(flat.contains("Not shown in detail: 4 more failed calls, beyond the first 5 of each primary cause "
                + "(diagnose --call ID shows one, --all every call, --json lists every finding): CALLS PRIMARY CAUSE 4 SIP_CALL_REJECTED"),
                run.out());
        int notShown = lines.indexOf(lines.stream().filter(l -> l.startsWith("Not shown in detail")).findFirst()
                .orElseThrow());
        assertTrue(notShown > lines.indexOf("Call silent-14: caller got no final response"), run.out());
        assertTrue(notShown < lines.indexOf("Call oneway-5: caller got 200 OK, but its media failed"), run.out());
        assertEquals(List.of("CALLS", "PRIMARY CAUSE"), cells(lines.get(notShown + 2)));
        assertEquals(List.of("4", "SIP_CALL_REJECTED"), cells(lines.get(notShown + 3)));
        assertEquals("", lines.get(notShown + 4));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("Not shown in detail")).count(), run.out());

        // --all: every call in detail, and nothing said of calls not shown
        CliRun all = CliRun.of("diagnose", capture.toString(), "--all");
        assertEquals(0, all.exitCode(), all.err());
        assertEquals(List.of("busy-2", "silent-3", "busy-6", "busy-7", "busy-8", "busy-9", "busy-10", "busy-11",
                "busy-12", "busy-13", "silent-14", "oneway-5", "dropout-1", "dropout-4"), headings(all.outLines()));
        assertFalse(all.out().contains("Not shown"), all.out());
        assertFalse(all.out().contains("--all shows"), all.out());
        // the overview is the same either way
        assertEquals(lines.subList(0, 19), all.outLines().subList(0, 19));
    }

    @Test
    void aCallNamedWithCallIsShownInFullAlone() throws IOException {
        Path capture = day();
        // busy-12 is beyond the first 5 of its cause: not in the default text, in full with --call
        assertFalse(CliRun.of("diagnose", capture.toString()).out().contains("Call busy-12:"));
        CliRun one = CliRun.of("diagnose", capture.toString(), "--call", "busy-12");
        assertEquals(0, one.exitCode(), one.err());
        List<String> lines = one.outLines();
        assertTrue(lines.get(0).startsWith("Diagnosis: 1 call (1 failed), 1 finding; "), lines.get(0));
        assertEquals(List.of("busy-12"), headings(lines));
        assertEquals("  PRIMARY CAUSE  INFO  SIP_CALL_REJECTED", lines.get(4));
        assertFalse(one.out().contains("by primary cause"), one.out());

        CliRun two = CliRun.of("diagnose", capture.toString(), "--call", "silent-14", "--call", "oneway-5", "--json");
        assertEquals(0, two.exitCode(), two.err());
        assertTrue(two.out().contains("\"callId\": \"silent-14\""), two.out());
        assertTrue(two.out().contains("\"callId\": \"oneway-5\""), two.out());
        assertFalse(two.out().contains("busy-"), two.out());

        CliRun unknown = CliRun.of("diagnose", capture.toString(), "--call", "nope");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no call with Call-ID nope"), unknown.err());
        assertEquals("", unknown.out());
        CliRun noCapture = CliRun.of("diagnose", "--call", "busy-2", "--livekit-config", demo("seed-inbound-trunks.json")
                .toString());
        assertEquals(2, noCapture.exitCode());
        assertTrue(noCapture.err().contains("--call picks calls of a CAPTURE"), noCapture.err());
    }

    @Test
    void theOtherCallsAreShownFiveOfEachSetOfFindingCodes() throws IOException {
        Captures c = Captures.pcap();
        for (int n = 0; n < 8; n++) {
            MediaCall.nth(c, n, "dropout-" + n, true, false);
        }
        refused(c, 8, "busy-8", 486, "Busy Here");
        CliRun run = CliRun.of("diagnose", c.write(dir.resolve("dropouts.pcap")).toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(List.of("busy-8", "dropout-0", "dropout-1", "dropout-2", "dropout-3", "dropout-4"), headings(lines));
        assertTrue(run.out().replaceAll("\\s+", " ").contains("Not shown in detail: 3 more other calls with findings, "
                + "beyond the first 5 of each set of finding codes (diagnose --call ID shows one, --all every call, "
                + "--json lists every finding): CALLS FINDING CODES 3 MEDIA_LOSS"), run.out());
        int notShown = lines.indexOf(lines.stream().filter(l -> l.startsWith("Not shown in detail")).findFirst()
                .orElseThrow());
        assertTrue(notShown > lines.indexOf("Call dropout-4: caller got 200 OK"), run.out());
        assertEquals(List.of("3", "MEDIA_LOSS"), cells(lines.get(notShown + 3)));
        // the overview counts every call
        assertTrue(run.out().contains("Answered calls with warnings or errors, by finding code: 8"), run.out());
    }

    /** The Call-IDs of the calls shown in detail, in order. */
    private static List<String> headings(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("Call ")).map(l -> l.substring(5, l.indexOf(':'))).toList();
    }

    @Test
    void theOverviewCountsTheFailedCallsAsTheReportDoes() throws IOException {
        Path capture = day();
        String text = CliRun.of("diagnose", capture.toString()).out();
        Path pdf = dir.resolve("day.pdf");
        CliRun report = CliRun.of("report", capture.toString(), "-o", pdf.toString());
        assertEquals(0, report.exitCode(), report.err());
        String flat;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            flat = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertTrue(flat.contains("SIP_CALL_REJECTED: 10.0.0.2 rejected the call: 486 Busy Here 9 75.0 %"), flat);
        assertTrue(flat.contains("SIP_NO_FINAL_RESPONSE: INVITE to 10.0.0.2:5060 got no final response 2 16.7 %"), flat);
        assertTrue(flat.contains("SIP endpoint 10.0.0.2 486 Busy Here 9"), flat);
        assertTrue(text.contains("  9   75.0 %  SIP_CALL_REJECTED"), text);
        assertTrue(text.contains("  2   16.7 %  SIP_NO_FINAL_RESPONSE"), text);
    }

    @Test
    void withALiveKitConfigTheFailedCallsAreCountedByTheTrunkLiveKitMatched() throws IOException {
        // the demo's call, refused with 503 by LiveKit for two trunks claiming its number, and a call refused by bob
        // that never reached LiveKit: counted by trunk as the PDF's first page counts them
        Path demo = demo("seed-livekit-503.pcap");
        Captures c = Captures.pcap();
        refused(c, 0, "busy-1", 486, "Busy Here");
        Path busy = c.write(dir.resolve("busy.pcap"));
        String[] config = {"--livekit-config", demo("seed-inbound-trunks.json").toString(), "--livekit-config",
                demo("seed-dispatch-rules.json").toString()};
        CliRun run = CliRun.of("diagnose", demo.toString(), busy.toString(), config[0], config[1], config[2],
                config[3]);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        int at = lines.indexOf("Failed calls by LiveKit inbound trunk (simulated with the loaded config):");
        assertTrue(at > lines.indexOf("Where the failures started:"), run.out());
        assertEquals(List.of("CALLS", "TRUNK THE INVITE MATCHED"), cells(lines.get(at + 1)));
        // a tie keeps the order of the first calls: bob's refusal was captured first
        assertEquals(List.of("1", "no INVITE reached LiveKit"), cells(lines.get(at + 2)));
        assertEquals(List.of("1", "conflict: ST_GjeZjGQjrsvC, ST_keiPmt6sJhJh"), cells(lines.get(at + 3)));
        assertEquals("", lines.get(at + 4));

        // without a config nothing was simulated: no count by trunk
        CliRun plain = CliRun.of("diagnose", demo.toString(), busy.toString());
        assertTrue(plain.out().contains("Where the failures started:"), plain.out());
        assertFalse(plain.out().contains("by LiveKit inbound trunk"), plain.out());
    }

    /** A file of the bundled demo, copied out of the class path. */
    private Path demo(String name) throws IOException {
        try (java.io.InputStream in = getClass().getResourceAsStream("/org/sipladder/demo/" + name)) {
            Path file = dir.resolve(name);
            java.nio.file.Files.copy(in, file);
            return file;
        }
    }

    @Test
    void oneCallWithFindingsAmongCleanOnesHasNoOverview() throws IOException {
        Captures c = Captures.pcap();
        MediaCall.nth(c, 0, "clean-1", false, false);
        refused(c, 1, "busy-2", 486, "Busy Here");
        MediaCall.nth(c, 2, "clean-3", false, false);
        CliRun run = CliRun.of("diagnose", c.write(dir.resolve("one.pcap")).toString());

        List<String> lines = run.outLines();
        assertTrue(lines.get(0).startsWith("Diagnosis: 3 calls (1 failed), 1 finding; "), lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals("Call busy-2: caller got 486 Busy Here", lines.get(2));
        assertEquals("  PRIMARY CAUSE  INFO  SIP_CALL_REJECTED", lines.get(4));
        assertFalse(run.out().contains("by primary cause"), run.out());
        assertFalse(run.out().contains("In detail below"), run.out());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("Call ")).count(), run.out());
    }

    @Test
    void aCallLiveKitPlacedIsHeadedAsLiveKitsOutboundCall() throws IOException {
        // the caller is LiveKit itself (its From tag is an SCL_ call ID): "caller got 403" would name nobody
        Captures c = Captures.pcap();
        c.udp(T0, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("out-1").replace("tag=a1", "tag=SCL_7Hq2xYz"));
        c.udp(T0 + 1000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(403, "Forbidden", "INVITE", "out-1", 1)
                .replace("tag=a1", "tag=SCL_7Hq2xYz"));
        refused(c, 1, "busy-2", 486, "Busy Here");
        CliRun run = CliRun.of("diagnose", "--all", c.write(dir.resolve("out.pcap")).toString());

        assertTrue(run.outLines().contains("Call out-1: LiveKit's outbound call got 403 Forbidden"), run.out());
        assertTrue(run.outLines().contains("Call busy-2: caller got 486 Busy Here"), run.out());
    }

    /**
     * A day in 15 calls, 10 s apart: 9 refused with 486, 2 never answered, one answered with one-way audio, two
     * answered whose audio broke up, one clean.
     */
    private Path day() throws IOException {
        Captures c = Captures.pcap();
        MediaCall.nth(c, 0, "dropout-1", true, false);
        refused(c, 1, "busy-2", 486, "Busy Here");
        unanswered(c, 2, "silent-3");
        MediaCall.nth(c, 3, "dropout-4", true, false);
        MediaCall.nth(c, 4, "oneway-5", false, true);
        for (int n = 5; n < 13; n++) {
            refused(c, n, "busy-" + (n + 1), 486, "Busy Here");
        }
        unanswered(c, 13, "silent-14");
        MediaCall.nth(c, 14, "clean-15", false, false);
        return c.write(dir.resolve("day.pcap"));
    }

    /** A row of a text table, its cells apart. */
    private static List<String> cells(String row) {
        return List.of(row.strip().split(" {2,}"));
    }

    /** The {@code n}th call, refused by bob with {@code status}. */
    private static void refused(Captures c, int n, String callId, int status, String reason) {
        long start = T0 + n * 10_000_000L;
        c.udp(start, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite(callId));
        c.udp(start + 1000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(status, reason, "INVITE", callId, 1));
        c.udp(start + 2000, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("ACK", "sip:bob@10.0.0.2", callId, 1, ""));
    }

    /** The {@code n}th call, whose INVITE bob never answers (sent again as UDP retransmits it). */
    private static void unanswered(Captures c, int n, String callId) {
        long start = T0 + n * 10_000_000L;
        for (long t : new long[] {0, 500_000, 1_500_000, 3_500_000}) {
            c.udp(start + t, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite(callId));
        }
    }

    /** `diagnose` (text) on a capture of {@code count} calls, each answered 486 Busy Here. */
    private CliRun diagnoseBusyCalls(int count) {
        Captures capture = Captures.pcap();
        for (int i = 0; i < count; i++) {
            String id = "busy-" + i;
            long t = T0 + i * 10_000L;
            capture.udp(t, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite(id))
                    .udp(t + 1_000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(486, "Busy Here", "INVITE", id, 1));
        }
        return CliRun.of("diagnose", capture.write(dir.resolve("busy.pcap")).toString());
    }
}
