package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * diagnose's overview counts a scanner's calls as scans: not among the failed calls, not among the answered calls with
 * warnings; a real call that failed beside them is counted as before. The call filter's "failed" agrees.
 */
class ScanOverviewTest {

    private static final long T0 = 1_700_000_000_000_000L;
    private static final String SCANNER = "203.0.113.66:5060";
    private static final String PHONE = "192.0.2.44:5060";
    private static final String PBX = "198.51.100.20:5060";
    private static final String PBX2 = "198.51.100.21:5060";
    private static final String PBX3 = "198.51.100.22:5060";
    private static final String SIPPTS = "192.0.2.99:5070";

    @TempDir
    Path dir;

    private Path capture() throws IOException {
        Captures c = Captures.pcap();
        for (int i = 1; i <= 2; i++) {
            String id = "scan-" + i;
            String invite = SipText.request("INVITE", "sip:10" + i + "@198.51.100.20", id, 1, "")
                    .replace("Content-Length", "User-Agent: friendly-scanner\r\nContent-Length");
            c.udp(T0 + i * 1_000_000L, SCANNER, PBX, invite)
                    .udp(T0 + i * 1_000_000L + 50_000, PBX, SCANNER, SipText.response(404, "Not Found", "INVITE", id, 1));
        }
        String invite = SipText.invite("call-1").replace("Content-Length", "User-Agent: Zoiper rv2.10\r\nContent-Length");
        return c.udp(T0 + 5_000_000L, PHONE, PBX, invite)
                .udp(T0 + 5_050_000L, PBX, PHONE, SipText.response(486, "Busy Here", "INVITE", "call-1", 1))
                .write(dir.resolve("scans.pcap"));
    }

    /**
     * Two scanners: SIPVicious probing two PBXs with three INVITEs (404, 404, 401) and two REGISTERs (401, and one a
     * 200 OK let in, the user's REGISTER retried once), SIPPTS asking two hosts OPTIONS (200 OK, silence).
     */
    private Path twoScanners() throws IOException {
        Captures c = Captures.pcap();
        long t = T0;
        String[][] invites = {{"100", "404", "Not Found"}, {"101", "404", "Not Found"}, {"102", "401", "Unauthorized"}};
        for (String[] i : invites) {
            String id = "vic-inv-" + i[0];
            c.udp(t += 100_000, SCANNER, PBX, withAgent(SipText.request("INVITE", "sip:" + i[0] + "@198.51.100.20", id,
                    1, ""), "friendly-scanner"))
                    .udp(t += 10_000, PBX, SCANNER, SipText.response(Integer.parseInt(i[1]), i[2], "INVITE", id, 1));
        }
        String[][] registers = {{"200", "401", "Unauthorized"}, {"201", "200", "OK"}};
        for (String[] r : registers) {
            String id = "vic-reg-" + r[0];
            String register = withAgent(SipText.request("REGISTER", "sip:198.51.100.21", id, 1, ""), "friendly-scanner")
                    .replace("To: <sip:198.51.100.21>", "To: <sip:" + r[0] + "@198.51.100.21>");
            c.udp(t += 100_000, SCANNER, PBX2, register)
                    .udp(t += 10_000, PBX2, SCANNER, SipText.response(401, "Unauthorized", "REGISTER", id, 1));
            if (r[1].equals("200")) {
                c.udp(t += 100_000, SCANNER, PBX2, register.replace("CSeq: 1", "CSeq: 2")
                                .replace(id + "-1", id + "-2"))
                        .udp(t += 10_000, PBX2, SCANNER, SipText.response(200, "OK", "REGISTER", id, 2));
            }
        }
        String[] options = {PBX, PBX3};
        for (int i = 0; i < options.length; i++) {
            String id = "ppl-opt-" + i;
            c.udp(t += 100_000, SIPPTS, options[i], withAgent(SipText.request("OPTIONS", "sip:300@" + options[i]
                    .replace(":5060", ""), id, 1, ""), "pplsip"));
            if (i == 0) {
                c.udp(t += 10_000, options[i], SIPPTS, SipText.response(200, "OK", "OPTIONS", id, 1));
            }
        }
        return c.write(dir.resolve("two-scanners.pcap"));
    }

    private static String withAgent(String request, String agent) {
        return request.replace("Content-Length", "User-Agent: " + agent + "\r\nContent-Length");
    }

    @Test
    void scansAreSummarisedByScanner() throws IOException {
        CliRun text = CliRun.of("diagnose", twoScanners().toString());
        assertEquals(0, text.exitCode(), text.err());
        String out = text.out();
        assertTrue(out.contains("Calls and dialogs from SIP scanners (scans, not counted as failed): 7"), out);
        assertTrue(out.contains("Scans by scanner: 2\n"), out);
        assertEquals("SCANNER | TOOL | CALLS | REQUESTS | TARGETS | USERS | WORST ANSWER", row(out, "SCANNER "), out);
        assertEquals("203.0.113.66 | SIPVicious | 5 | 6 (3 INVITE, 3 REGISTER) | 2 | 5 | "
                + "let in: 1 REGISTER accepted (200 OK)", row(out, "203.0.113.66 "), out);
        assertEquals("192.0.2.99 | SIPPTS | 2 | 2 OPTIONS | 2 | 1 | 200 OK to 1 OPTIONS", row(out, "192.0.2.99 "), out);
        // the JSON is the findings' alone, as before
        CliRun json = CliRun.of("diagnose", "--json", dir.resolve("two-scanners.pcap").toString());
        assertFalse(json.out().contains("let in:"), json.out());
    }

    @Test
    void theReportsCoverSumsTheScansUpByScannerToo() throws IOException {
        Path pdf = dir.resolve("scans.pdf");
        CliRun run = CliRun.of("report", twoScanners().toString(), "-o", pdf.toString());
        assertEquals(0, run.exitCode(), run.err());
        String text;
        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
            // the table's cells may wrap
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertTrue(text.contains("Scans by SIP scanners"), text);
        assertTrue(text.contains("203.0.113.66 SIPVicious 5 6 (3 INVITE, 3 REGISTER) 2 5 let in: 1 REGISTER accepted"),
                text);
        assertTrue(text.contains("192.0.2.99 SIPPTS 2 2 OPTIONS 2 1 200 OK to 1 OPTIONS"), text);
    }

    /** The line of {@code out} starting with {@code start}, its cells (two spaces or more apart) joined by " | ". */
    private static String row(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElse("").trim().replaceAll(" {2,}", " | ");
    }

    @Test
    void scansAreCountedApartFromFailedAndAnsweredCalls() throws IOException {
        Path pcap = capture();
        CliRun text = CliRun.of("diagnose", pcap.toString());
        assertEquals(0, text.exitCode(), text.err());
        String out = text.out();
        assertTrue(out.startsWith("Diagnosis: 3 calls (1 failed)"), out);
        assertTrue(out.contains("Failed calls by primary cause: 1\n"), out);
        assertTrue(out.contains("Calls and dialogs from SIP scanners (scans, not counted as failed): 2"), out);
        assertTrue(out.contains("    2  WARNING   SIP_SCANNER_PROBE  scan-1"), out);
        assertFalse(out.contains("Answered calls"), out);

        // the app's filter box "failed", as save takes it
        Path saved = dir.resolve("failed.pcap");
        CliRun save = CliRun.of("save", pcap.toString(), "--filter", "failed", "-o", saved.toString());
        assertEquals(0, save.exitCode(), save.err());
        CliRun failed = CliRun.of("calls", saved.toString());
        assertTrue(failed.out().contains("call-1"), failed.out());
        assertFalse(failed.out().contains("scan-"), failed.out());
    }
}
