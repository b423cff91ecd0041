package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/** A SIPVicious scan's INVITE is shown as a scanner's in the call list, its JSON and the PDF's ladder and hop table. */
class ScannerRoleTest {

    private static final String SCANNER = "203.0.113.66:5060";
    private static final String PBX = "198.51.100.20:5060";

    @TempDir
    Path dir;

    private Path capture() throws IOException {
        String invite = SipText.invite("scan-1").replace("Content-Length", "User-Agent: friendly-scanner\r\n"
                + "Content-Length");
        return Captures.pcap().udp(1_700_000_000_000_000L, SCANNER, PBX, invite)
                .udp(1_700_000_000_050_000L, PBX, SCANNER, SipText.response(401, "Unauthorized", "INVITE", "scan-1", 1))
                .write(dir.resolve("scan.pcap"));
    }

    @Test
    void theScannersHopIsTitledScannerEverywhere() throws IOException {
        Path pcap = capture();

        CliRun json = CliRun.of("calls", pcap.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonObject hop = JsonParser.parseString(json.out()).getAsJsonArray().get(0).getAsJsonObject()
                .getAsJsonArray("hops").get(0).getAsJsonObject();
        assertEquals("Scanner", hop.get("role").getAsString());
        assertEquals("Scanner 203.0.113.66", hop.get("name").getAsString());
        assertEquals("It identifies itself as \"friendly-scanner\": SIPVicious, a SIP scanner and password cracker "
                + "(frame 1).", hop.getAsJsonArray("evidence").get(0).getAsString());

        CliRun list = CliRun.of("calls", pcap.toString());
        assertTrue(list.outLines().get(1).contains("Scanner > SIP endpoint"), list.out());

        // a scan is no failed call: the capture's report lists it apart, the call's own report draws its ladder
        String capture = pdfText(pcap, "scan.pdf");
        assertTrue(capture.contains("Scans by SIP scanners"), capture);
        assertTrue(capture.contains("No call in this capture failed."), capture);
        String call = pdfText(pcap, "call.pdf", "--call", "scan-1");
        List<String> lines = call.lines().map(String::strip).toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Scanner")), call);
        assertFalse(call.contains("Carrier"), call);
    }

    private String pdfText(Path pcap, String name, String... options) throws IOException {
        Path pdf = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("report", pcap.toString(), "-o", pdf.toString()));
        args.addAll(List.of(options));
        CliRun report = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, report.exitCode(), report.err());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
