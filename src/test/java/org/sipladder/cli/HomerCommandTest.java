package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.HomerStandIn;
import picocli.CommandLine;

class HomerCommandTest {

    static final long T0 = 1_764_680_000_000_000L;
    static final String FROM = Long.toString(T0 / 1_000_000 - 3600);
    static final String TO = "2025-12-02T13:53:20Z"; // T0 + 1 h
    static final Map<String, String> PASSWORD = Map.of("HOMER_PASSWORD", HomerStandIn.PASSWORD);

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private HomerStandIn homer;
    private String url;

    @BeforeEach
    void start() throws IOException {
        homer = HomerStandIn.twoCalls(T0);
        server.setDispatcher(homer);
        server.start();
        url = server.url("/").toString();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void searchPrintsOneJsonObjectPerCall() {
        CliRun run = run(PASSWORD, "homer", "search", "--url", url, "--user", "admin", "--number", "+4930%",
                "--from", FROM, "--to", TO, "--json");
        assertEquals(0, run.exitCode(), run.err());
        List<JsonObject> calls = run.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(3, calls.size());
        JsonObject other = calls.get(2);
        assertEquals("other-call", other.get("callId").getAsString());
        assertEquals("+4930999", other.get("from").getAsString());
        assertEquals("+4940888", other.get("to").getAsString());
        assertEquals("1764680060.000000", other.get("start").getAsBigDecimal().toPlainString());
        assertEquals("486", other.get("status").getAsString());
        assertEquals("200", calls.get(1).get("status").getAsString());
    }

    @Test
    void searchNamesTheRowsItLeftOutOnStderrAndKeepsStdoutTheCalls() {
        homer.brokenRows();
        CliRun run = run(PASSWORD, "homer", "search", "--url", url, "--user", "admin", "--number", "+4930%",
                "--from", FROM, "--to", TO, "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, run.outLines().size(), run.out());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("answered the search with 13 rows; 4 could not be read and were left out (no "
                + "Call-ID (callid or sid): 2; no readable time (timeSeconds or create_date): 1; not a JSON object: 1)"),
                run.err());
    }

    @Test
    void searchWithoutJsonPrintsATableAndTheRange() {
        CliRun run = run(PASSWORD, "homer", "search", "--url", url, "--user", "admin", "--call-id", "other-call",
                "--from", FROM, "--to", TO);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.outLines().get(1).contains("other-call"), run.out());
        assertTrue(run.out().contains("1 call between 2025-12-02T11:53:20Z and 2025-12-02T13:53:20Z"), run.out());
    }

    @Test
    void openWritesTheCallWithItsCorrelatedLegAsPcapngThatMessagesReads() {
        Path out = dir.resolve("from-homer.pcapng");
        CliRun run = run(PASSWORD, "homer", "open", "--url", url, "--user", "admin", "--call-id", "lk-leg-1",
                "--from", FROM, "--to", TO, "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("Homer joins 2 legs: carrier-leg-1, lk-leg-1\n", run.err());
        assertEquals("5 packets of 2 legs written to " + out + "\n", run.out());
        CliRun messages = CliRun.of("messages", out.toString(), "--json");
        assertEquals(0, messages.exitCode(), messages.err());
        List<JsonObject> read = messages.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                .toList();
        assertEquals(List.of("carrier-leg-1", "lk-leg-1", "lk-leg-1", "lk-leg-1", "carrier-leg-1"),
                read.stream().map(m -> m.get("callId").getAsString()).toList());
        assertEquals("1764680000.020000", read.get(1).get("time").getAsBigDecimal().toPlainString());
        assertEquals("10.0.0.1:5060", read.get(1).get("src").getAsString());
    }

    @Test
    void openToAPcapNameWritesPcap() throws IOException {
        Path out = dir.resolve("from-homer.pcap");
        CliRun run = run(PASSWORD, "homer", "open", "--url", url, "--user", "admin", "--call-id", "other-call",
                "--from", FROM, "--to", TO, "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        byte[] head = Files.readAllBytes(out);
        assertEquals((byte) 0xd4, head[0]);
        assertEquals("4 packets of 1 leg written to " + out + "\n", run.out());
    }

    @Test
    void aDamagedExportKeepsWhatCameBeforeTheDamageAndSaysWhere() throws IOException {
        Path out = dir.resolve("damaged.pcapng");
        CliRun run = openDamaged(2, out);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("Homer's pcap export is damaged: frame 3: impossible record length 4294967295; read the 2 "
                + "packets before it", run.errLines().get(1), run.err());
        assertEquals("2 packets of 1 leg written to " + out + "\n", run.out());
    }

    @Test
    void anExportDamagedFromItsFirstPacketIsOneLineAndNoFile() {
        Path out = dir.resolve("damaged.pcapng");
        CliRun run = openDamaged(0, out);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("Homer's pcap export cannot be read (frame 1: impossible record length 4294967295; nothing "
                + "before it to read); nothing written to " + out + ". Look at homer-app's log.", run.errLines().get(1),
                run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anExportDamagedFromItsFirstPacketLeavesALinkGivenAsOutputInPlace() throws IOException {
        Path target = dir.resolve("kept.pcapng");
        Path link = Files.createSymbolicLink(dir.resolve("link.pcapng"), target.getFileName());
        CliRun run = openDamaged(0, link);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.errLines().get(1).endsWith("; no packets written to " + link + ". Look at homer-app's log."),
                run.err());
        assertTrue(Files.isSymbolicLink(link), "the link the user gave is not removed");
    }

    /** Opens other-call (4 packets) from a Homer whose export breaks after {@code packets} of them. */
    private CliRun openDamaged(int packets, Path out) {
        homer.damageExports(packets);
        return run(PASSWORD, "homer", "open", "--url", url, "--user", "admin", "--call-id", "other-call",
                "--from", FROM, "--to", TO, "-o", out.toString());
    }

    @Test
    void anOutputInAMissingFolderSaysSoWithoutNamingATemporaryFile() {
        Path out = dir.resolve("no-such-folder").resolve("calls.pcapng");
        CliRun run = run(PASSWORD, "homer", "open", "--url", url, "--user", "admin", "--call-id", "other-call",
                "--from", FROM, "--to", TO, "-o", out.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(out + ": cannot be written (the folder " + out.getParent() + " does not exist)",
                run.errLines().get(run.errLines().size() - 1), run.err());
    }

    @Test
    void anUnknownCallIdIsOneLineAndNoFile() {
        Path out = dir.resolve("none.pcapng");
        CliRun run = run(PASSWORD, "homer", "open", "--url", url, "--user", "admin", "--call-id", "nope",
                "--from", FROM, "--to", TO, "-o", out.toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("Homer holds no messages of Call-ID nope between"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aWrongPasswordIsOneLineWithoutIt() {
        CliRun run = run(Map.of("HOMER_PASSWORD", "wrong-pw-4711"), "homer", "search", "--url", url, "--user",
                "admin", "--number", "1");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("refused user admin (incorrect password)"), run.err());
        assertFalse(run.err().contains("wrong-pw-4711"));
    }

    @Test
    void theApiTokenComesFromHomerTokenWithoutUser() {
        CliRun run = run(Map.of("HOMER_TOKEN", HomerStandIn.API_TOKEN), "homer", "search", "--url", url,
                "--call-id", "other-call", "--from", FROM, "--to", TO, "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.outLines().size());
        assertEquals(0, homer.logins());
    }

    @Test
    void missingCredentialsAndBadTimesAreOneLine() {
        CliRun none = run(Map.of(), "homer", "search", "--url", url);
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("homer: give --user USER"), none.err());
        CliRun backwards = run(PASSWORD, "homer", "search", "--url", url, "--user", "admin", "--from", TO,
                "--to", FROM);
        assertEquals(2, backwards.exitCode());
        assertTrue(backwards.err().startsWith("--to (2025-12-02T11:53:20Z) must come after --from"), backwards.err());
        CliRun garbled = run(PASSWORD, "homer", "search", "--url", url, "--user", "admin", "--from", "yesterday");
        assertEquals(2, garbled.exitCode());
        assertTrue(garbled.err().contains("'yesterday' is not a time"), garbled.err());
    }

    /** Runs with the given environment instead of the process's (for HOMER_PASSWORD and HOMER_TOKEN). */
    private static CliRun run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SipLadderCommand.commandLine(new PrintWriter(out), new PrintWriter(err), null,
                new CommandLine.IFactory() {
                    @Override
                    public <K> K create(Class<K> cls) throws Exception {
                        if (cls == HomerSearchCommand.class) {
                            return cls.cast(new HomerSearchCommand(environment));
                        }
                        if (cls == HomerOpenCommand.class) {
                            return cls.cast(new HomerOpenCommand(environment));
                        }
                        return CommandLine.defaultFactory().create(cls);
                    }
                });
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
