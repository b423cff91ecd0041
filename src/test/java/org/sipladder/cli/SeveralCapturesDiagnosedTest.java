package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * {@code diagnose} and {@code report} read several captures as one, as {@code messages} and {@code calls} do: a call
 * whose 486 only the far end's capture holds (host B's clock 2.5 s ahead) is diagnosed from both files together.
 */
class SeveralCapturesDiagnosedTest {

    private static final long T0 = 1_700_000_000_000_000L;
    private static final long B_AHEAD = 2_500_000;
    private static final long TRANSIT = 10_000;
    private static final String A = "10.0.0.1:5060";
    private static final String B = "10.0.0.2:5060";

    @TempDir
    Path dir;

    private Path atA;
    private Path atB;

    @BeforeEach
    void twoCaptures() {
        String invite = SipText.request("INVITE", "sip:+4930555@b.example", "hop-leg", 1, "");
        String trying = SipText.response(100, "Trying", "INVITE", "hop-leg", 1);
        atA = Captures.pcap()
                .udp(T0, A, B, invite)
                .udp(T0 + 20_000 + TRANSIT, B, A, trying)
                .write(dir.resolve("a.pcap"));
        atB = Captures.pcap()
                .udp(T0 + TRANSIT + B_AHEAD, A, B, invite)
                .udp(T0 + 20_000 + B_AHEAD, B, A, trying)
                .udp(T0 + 900_000 + B_AHEAD, B, A, SipText.response(486, "Busy Here", "INVITE", "hop-leg", 1))
                .write(dir.resolve("b.pcap"));
    }

    @Test
    void diagnoseJsonReadsBothCapturesAsOne() {
        assertEquals(List.of("SIP_NO_FINAL_RESPONSE"), codes(CliRun.of("diagnose", atA.toString(), "--json")),
                "A alone never saw the answer");

        CliRun both = CliRun.of("diagnose", atA.toString(), atB.toString(), "--json");

        assertEquals(0, both.exitCode(), both.err());
        assertEquals(List.of("SIP_CALL_REJECTED"), codes(both));
        assertEquals(atB + ": clock corrected by -2.500000 s (from 2 messages also in " + atA
                + "; --offset sets it by hand)\n", both.err());
    }

    @Test
    void oneSharedMessageIsCountedInTheSingular() {
        Path justTheInvite = Captures.pcap()
                .udp(T0 + TRANSIT + B_AHEAD, A, B, SipText.request("INVITE", "sip:+4930555@b.example", "hop-leg", 1, ""))
                .write(dir.resolve("c.pcap"));
        CliRun both = CliRun.of("calls", atA.toString(), justTheInvite.toString(), "--json");
        assertEquals(0, both.exitCode(), both.err());
        assertTrue(both.err().startsWith(justTheInvite + ": clock corrected by "), both.err());
        assertTrue(both.err().contains(" (from 1 message also in " + atA + ";"), both.err());
    }

    @Test
    void diagnoseTextTakesSeveralCapturesAndAnOffsetByHand() {
        CliRun both = CliRun.of("diagnose", atA.toString(), atB.toString(), "--offset", "-2.5");

        assertEquals(0, both.exitCode(), both.err());
        assertEquals("", both.err(), "no estimate when the offset is given");
        assertTrue(both.out().contains("SIP_CALL_REJECTED"), both.out());
        assertFalse(both.out().contains("SIP_NO_FINAL_RESPONSE"), both.out());
    }

    @Test
    void reportTakesSeveralCapturesAndNamesThemAll() throws IOException {
        Path pdf = dir.resolve("both.pdf");

        CliRun run = CliRun.of("report", atA.toString(), atB.toString(), "-o", pdf.toString());

        assertEquals(0, run.exitCode(), run.err());
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        assertTrue(text.contains("a.pcap + b.pcap"), text);
        assertTrue(text.contains("486 Busy Here"), text);
    }

    private static List<String> codes(CliRun run) {
        assertEquals(0, run.exitCode(), run.err());
        List<String> codes = new ArrayList<>();
        for (JsonElement f : JsonParser.parseString(run.out()).getAsJsonArray()) {
            codes.add(f.getAsJsonObject().get("code").getAsString());
        }
        return codes;
    }
}
