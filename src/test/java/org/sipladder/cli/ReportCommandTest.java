package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} on the bundled demo case, with redaction, paper sizes and the mistakes users make. */
class ReportCommandTest {

    private static final String PASSWORD = DemoCase.PASSWORD;

    @TempDir
    Path dir;

    private Path pcap;
    private Path trunks;
    private Path rules;

    @BeforeEach
    void copyDemo() throws IOException {
        DemoCase demo = DemoCase.copyTo(dir);
        pcap = demo.pcap();
        trunks = demo.trunks();
        rules = demo.rules();
    }

    @Test
    void writesTheFindingsTheLadderAndTheConfigWithoutTheSecret() throws IOException {
        Path pdf = dir.resolve("seed.pdf");
        CliRun run = CliRun.of("report", pcap.toString(), "--livekit-config", trunks.toString(), "--livekit-config",
                rules.toString(), "-o", pdf.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Wrote " + pdf), run.out());
        byte[] bytes = Files.readAllBytes(pdf);
        String text = text(bytes);
        for (String expected : List.of("LK_TRUNK_CONFLICT", "LK_RULE_NO_AGENT", "ST_GjeZjGQjrsvC", "ST_keiPmt6sJhJh",
                "SDR_HyMhj4T8greh", "503 Try again later", "Which call matched which", "password set")) {
            assertTrue(text.contains(expected), expected);
        }
        assertFalse(text.contains(PASSWORD));
        assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains(PASSWORD));
        assertEquals(List.of(), Files.list(dir).filter(f -> f.getFileName().toString().startsWith(".sipladder-report"))
                .toList(), "no partial file left behind");
    }

    @Test
    void redactsNumbersAndAddressesOnLetterPaper() throws IOException {
        Path pdf = dir.resolve("redacted.pdf");
        CliRun run = CliRun.of("report", pcap.toString(), "--livekit-config", trunks.toString(), "-o", pdf.toString(),
                "--redact-numbers", "--redact-addresses", "--page", "letter");

        assertEquals(0, run.exitCode(), run.err());
        String text = text(Files.readAllBytes(pdf));
        for (String hidden : List.of("4991874350352", "493023125417", "89.184.187.124", "172.20.11.236",
                "129.158.233.108", "18.197.68.41")) {
            assertFalse(text.contains(hidden), hidden);
        }
        assertTrue(text.contains("host A"));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(PDRectangle.LETTER.getHeight(), doc.getPage(0).getMediaBox().getHeight(), 0.01);
        }
    }

    @Test
    void unwritableOutputExitsWithTwoAndSaysWhy() {
        CliRun missingFolder = CliRun.of("report", pcap.toString(), "-o", dir.resolve("no/such/dir/r.pdf").toString());
        assertEquals(2, missingFolder.exitCode());
        assertTrue(missingFolder.err().contains("does not exist"), missingFolder.err());

        Path belowAFile = pcap.resolve("r.pdf");
        CliRun file = CliRun.of("report", pcap.toString(), "-o", belowAFile.toString());
        assertEquals(2, file.exitCode());
        assertEquals("report: cannot write " + belowAFile + ": " + pcap + " is a file, not a folder; choose another -o"
                + " path\n", file.err(), "a file where the folder should be is named as a file");

        CliRun folder = CliRun.of("report", pcap.toString(), "-o", dir.toString());
        assertEquals(2, folder.exitCode());
        assertTrue(folder.err().contains("is a folder"), folder.err());
        assertFalse(folder.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aSymbolicLinkKeepsPointingAtTheReportAndADeviceIsWrittenIntoNotReplaced() throws IOException {
        Path reports = Files.createDirectory(dir.resolve("reports"));
        Path link = Files.createSymbolicLink(dir.resolve("latest.pdf"), reports.resolve("seed.pdf"));
        CliRun run = CliRun.of("report", pcap.toString(), "-o", link.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertTrue(new String(Files.readAllBytes(reports.resolve("seed.pdf")), StandardCharsets.ISO_8859_1)
                .startsWith("%PDF"), "the report is where the link points");

        Path nowhere = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(nowhere) && !Files.isRegularFile(nowhere), "a system with /dev/null");
        // written through a link so that the old behaviour, replacing the target, replaces the link, not the device
        Path toNull = Files.createSymbolicLink(dir.resolve("discard.pdf"), nowhere);
        CliRun discarded = CliRun.of("report", pcap.toString(), "-o", toNull.toString());
        assertEquals(0, discarded.exitCode(), discarded.err());
        assertTrue(Files.isSymbolicLink(toNull), "the link to the device is still a link");
        assertFalse(discarded.out().contains("Wrote"), "nothing after a PDF written into a device such as /dev/stdout");
        assertEquals(List.of(), Files.list(dir).filter(f -> f.getFileName().toString().startsWith(".sipladder-report"))
                .toList(), "no partial file left behind");
    }

    @Test
    void unreadableInputUnknownCallAndBadPageExitWithTwo() {
        Path out = dir.resolve("r.pdf");
        CliRun missing = CliRun.of("report", dir.resolve("nope.pcap").toString(), "-o", out.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nope.pcap"), missing.err());

        CliRun call = CliRun.of("report", pcap.toString(), "--call", "not-a-call", "-o", out.toString());
        assertEquals(2, call.exitCode());
        assertTrue(call.err().contains("report: no call with Call-ID not-a-call"), call.err());
        assertFalse(Files.exists(out), "no PDF when the report cannot be made");

        CliRun page = CliRun.of("report", pcap.toString(), "--page", "a3", "-o", out.toString());
        assertEquals(2, page.exitCode());
        assertTrue(page.err().contains("--page must be a4 or letter"), page.err());
    }

    @Test
    void keyMessagesHideDigestCredentialsAsTheInspectorDoes() throws IOException {
        // a digest response with its nonce allows an offline guess of the password: it stays out of the PDF
        String digest = "Digest username=\"jambonz\", realm=\"sip.example\", nonce=\"4f2a9c\", "
                + "uri=\"sip:4930111@198.51.100.7\", response=\"0a1b2c3d4e5f60718293a4b5c6d7e8f9\"";
        String invite = "INVITE sip:4930111@198.51.100.7 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKauth1\r\n"
                + "From: <sip:4940222@192.0.2.10>;tag=f1\r\nTo: <sip:4930111@198.51.100.7>\r\n"
                + "Call-ID: auth-call-1\r\nCSeq: 2 INVITE\r\nProxy-Authorization: " + digest + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        String forbidden = "SIP/2.0 403 Forbidden\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKauth1\r\n"
                + "From: <sip:4940222@192.0.2.10>;tag=f1\r\nTo: <sip:4930111@198.51.100.7>;tag=t1\r\n"
                + "Call-ID: auth-call-1\r\nCSeq: 2 INVITE\r\nContent-Length: 0\r\n\r\n";
        byte[] bytes = reportOfExchange("auth", invite, forbidden);
        String text = text(bytes);
        assertTrue(text.contains("Proxy-Authorization: (credentials hidden)"), text);
        for (String secret : List.of("0a1b2c3d4e5f60718293a4b5c6d7e8f9", "4f2a9c")) {
            assertFalse(text.contains(secret), secret);
            assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains(secret), secret);
        }
    }

    @Test
    void aFailedRegistrationIsADialogNotACall() throws IOException {
        String register = "REGISTER sip:sip.example SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKreg1\r\n"
                + "From: <sip:4940222@sip.example>;tag=r1\r\nTo: <sip:4940222@sip.example>\r\n"
                + "Call-ID: reg-call-1\r\nCSeq: 1 REGISTER\r\nContact: <sip:4940222@192.0.2.10:5060>\r\n"
                + "Content-Length: 0\r\n\r\n";
        String forbidden = "SIP/2.0 403 Forbidden\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKreg1\r\n"
                + "From: <sip:4940222@sip.example>;tag=r1\r\nTo: <sip:4940222@sip.example>;tag=t1\r\n"
                + "Call-ID: reg-call-1\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
        String text = text(reportOfExchange("reg", register, forbidden));
        assertTrue(text.contains("Failed calls and other dialogs"), text);
        assertTrue(text.contains("REGISTER dialog 1: "), text);
        assertFalse(text.contains("Call 1: "), text);
    }

    @Test
    void aScannersCallReportedAloneIsAScanNotAFailedCall() throws IOException {
        String invite = "INVITE sip:100@198.51.100.7 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKscan1\r\n"
                + "From: \"sipvicious\"<sip:100@1.1.1.1>;tag=s1\r\nTo: \"sipvicious\"<sip:100@1.1.1.1>\r\n"
                + "Call-ID: scan-call-1\r\nCSeq: 1 INVITE\r\nUser-Agent: friendly-scanner\r\n"
                + "Contact: <sip:100@192.0.2.10:5060>\r\nContent-Length: 0\r\n\r\n";
        String challenge = "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKscan1\r\n"
                + "From: \"sipvicious\"<sip:100@1.1.1.1>;tag=s1\r\nTo: \"sipvicious\"<sip:100@1.1.1.1>;tag=t1\r\n"
                + "Call-ID: scan-call-1\r\nCSeq: 1 INVITE\r\n"
                + "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n1\"\r\nContent-Length: 0\r\n\r\n";
        Path capture = org.sipladder.testkit.Captures.pcap().udp(1_700_000_000_000_000L, "192.0.2.10:5060",
                "198.51.100.7:5060", invite).udp(1_700_000_000_050_000L, "198.51.100.7:5060", "192.0.2.10:5060",
                challenge).write(dir.resolve("scan.pcap"));
        Path pdf = dir.resolve("scan.pdf");
        CliRun run = CliRun.of("report", capture.toString(), "--call", "scan-call-1", "-o", pdf.toString());
        assertEquals(0, run.exitCode(), run.err());

        String text = text(Files.readAllBytes(pdf));
        assertTrue(text.contains("SIP_SCANNER_PROBE"), text);
        assertTrue(text.contains("A scan, not a call: the scanner got 401 Unauthorized."), text);
        assertTrue(text.contains("Selected call"), text);
        assertFalse(text.contains("Failed: "), text);
        assertFalse(text.contains("Failed calls"), text);
    }

    @Test
    void aMessageWithAHugeBodyIsCutWithANoteNotPrintedOverPages() throws IOException {
        // 400 lines of SDP attributes (30 KB): shown whole, they filled six pages of the report with one message
        String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n" + ("a=x-filler:" + "X".repeat(64) + "\r\n").repeat(400);
        String invite = "INVITE sip:4930111@198.51.100.7 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKbig1\r\n"
                + "From: <sip:4940222@192.0.2.10>;tag=f1\r\nTo: <sip:4930111@198.51.100.7>\r\n"
                + "Call-ID: big-body-1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        String busy = "SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKbig1\r\n"
                + "From: <sip:4940222@192.0.2.10>;tag=f1\r\nTo: <sip:4930111@198.51.100.7>;tag=t1\r\n"
                + "Call-ID: big-body-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        byte[] pdf = reportOfExchange("big", invite, busy);
        String text = text(pdf);

        assertTrue(text.contains("INVITE sip:4930111@198.51.100.7 SIP/2.0"), "the message's start is shown");
        assertTrue(text.contains("SIP/2.0 486 Busy Here"), "and the response after it");
        long fillers = text.lines().filter(l -> l.startsWith("a=x-filler:")).count();
        assertTrue(fillers > 100 && fillers < 150, fillers + " lines of the body shown");
        String flat = text.replaceAll("\\s+", " ");
        assertTrue(flat.contains("The rest of this message is left out: it is " + String.format(java.util.Locale.ROOT,
                "%,d", invite.length()) + " characters long, more than 150 lines here. Frame 1 of the capture holds "
                + "it whole."), flat);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() <= 6, doc.getNumberOfPages() + " pages");
        }
    }

    /** The PDF that {@code report} writes for a capture of {@code request} and its {@code answer} 50 ms later. */
    private byte[] reportOfExchange(String name, String request, String answer) throws IOException {
        Path capture = org.sipladder.testkit.Captures.pcap().udp(1_700_000_000_000_000L, "192.0.2.10:5060",
                "198.51.100.7:5060", request).udp(1_700_000_000_050_000L, "198.51.100.7:5060", "192.0.2.10:5060",
                answer).write(dir.resolve(name + ".pcap"));
        Path pdf = dir.resolve(name + ".pdf");
        CliRun run = CliRun.of("report", capture.toString(), "-o", pdf.toString());
        assertEquals(0, run.exitCode(), run.err());
        return Files.readAllBytes(pdf);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replace("\r\n", "\n");
        }
    }
}
