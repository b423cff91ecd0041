package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * A CI job that runs {@code diagnose} after a test call must fail when the call failed: {@code diagnose} exited 0
 * whatever it found, so a script had to parse the JSON for an ERROR. {@code --fail-on SEVERITY} gives status 1 when a
 * finding that severe or worse is listed, as grep's 1 for "found"; 2 stays "could not do the work".
 */
class DiagnoseFailOnTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private Path failedCall() {
        return Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("failed-1"))
                .udp(T + 2_000, "10.0.0.2:5060", "10.0.0.1:5060",
                        SipText.response(503, "Service Unavailable", "INVITE", "failed-1", 1))
                .write(dir.resolve("failed.pcap"));
    }

    private Path answeredPing() {
        return Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060",
                        SipText.request("OPTIONS", "sip:ping@10.0.0.2", "ping-1", 1, ""))
                .udp(T + 2_000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(200, "OK", "OPTIONS", "ping-1", 1))
                .write(dir.resolve("ping.pcap"));
    }

    @Test
    void withoutFailOnFindingsStillExit0() {
        CliRun run = CliRun.of("diagnose", failedCall().toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("failed"), run.out());
    }

    @Test
    void aFailedCallFailsTheRunAtErrorAndBelow() {
        String capture = failedCall().toString();
        for (String severity : new String[] {"error", "warning", "info", "ERROR"}) {
            CliRun text = CliRun.of("diagnose", capture, "--fail-on", severity);
            assertEquals(1, text.exitCode(), severity + ": " + text.err());
            assertEquals("", text.err());
            assertTrue(text.out().startsWith("Diagnosis: 1 call (1 failed)"), text.out());
        }
        CliRun json = CliRun.of("diagnose", capture, "--json", "--fail-on=error");
        assertEquals(1, json.exitCode(), json.err());
        assertTrue(JsonParser.parseString(json.out()).getAsJsonArray().size() > 0, json.out());
        CliRun chosen = CliRun.of("diagnose", capture, "--call", "failed-1", "--fail-on", "error");
        assertEquals(1, chosen.exitCode(), chosen.err());
        CliRun all = CliRun.of("diagnose", capture, "--all", "--fail-on", "error");
        assertEquals(1, all.exitCode(), all.err());
    }

    @Test
    void aCaptureWithoutFindingsPasses() {
        String capture = answeredPing().toString();
        CliRun text = CliRun.of("diagnose", capture, "--fail-on", "info");
        assertEquals(0, text.exitCode(), text.out() + text.err());
        CliRun json = CliRun.of("diagnose", capture, "--json", "--fail-on", "info");
        assertEquals(0, json.exitCode(), json.out() + json.err());
        assertEquals("[]", json.out().strip());
    }

    @Test
    void theConfigAloneFailsOnItsOwnFindings() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "{}");
        CliRun clean = CliRun.of("diagnose", "--livekit-config", empty.toString(), "--fail-on", "error");
        assertEquals(0, clean.exitCode(), clean.out() + clean.err());
    }

    @Test
    void anUnknownSeverityIsAUsageError() {
        CliRun run = CliRun.of("diagnose", failedCall().toString(), "--fail-on", "fatal");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Invalid value for option '--fail-on'"), run.err());
        assertTrue(run.err().contains("error, warning or info"), run.err());
        assertEquals("", run.out());
    }
}
