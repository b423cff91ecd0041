package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

class BenchCommandTest {

    static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private Path capture() {
        return Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("b-1"))
                .udp(T + 10, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(200, "OK", "INVITE", "b-1", 1))
                .udp(T + 20, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("b-2"))
                .write(dir.resolve("bench.pcap"));
    }

    @Test
    void reportsEveryRunAndTheMedian() {
        CliRun run = CliRun.of("bench", capture().toString(), "--runs", "3");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(4, lines.size(), run.out());
        assertTrue(lines.get(0).matches("run 1: 3 messages \\(2 calls\\) in [0-9.]+ s: [0-9]+ messages/s, "
                + "[0-9.]+ MB/s, peak heap [0-9]+ MB"), lines.get(0));
        assertTrue(lines.get(3).startsWith("median: 3 messages (2 calls)"), lines.get(3));
    }

    @Test
    void oneMessageOfOneCallIsCountedInTheSingular() {
        Path one = Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("b-1"))
                .write(dir.resolve("one.pcap"));
        CliRun run = CliRun.of("bench", one.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("run 1: 1 message (1 call) in "), run.out());
        assertTrue(run.out().contains(" messages/s,"), run.out());
    }

    @Test
    void helpNamesTheRunsValueAndItsDefault() {
        CliRun run = CliRun.of("bench", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--runs=N"), run.out());
        assertTrue(run.out().replaceAll("\\s+", " ").contains("(default: 1;"), run.out());
    }

    @Test
    void captureOnlyCountsPayloads() {
        CliRun run = CliRun.of("bench", capture().toString(), "--capture-only");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("run 1: 3 messages in "), run.out());
    }

    @Test
    void unreadableCaptureIsOneLineAndExitTwo() {
        Path missing = dir.resolve("missing.pcap");
        CliRun run = CliRun.of("bench", missing.toString());
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode());
        assertEquals(List.of(missing + ": no such file"), run.errLines());
    }

    @Test
    void runsMustBePositive() {
        CliRun run = CliRun.of("bench", capture().toString(), "--runs", "0");
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode());
    }
}
