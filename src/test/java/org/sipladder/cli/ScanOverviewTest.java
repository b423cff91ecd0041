package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
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
