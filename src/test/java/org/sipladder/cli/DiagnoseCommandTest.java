package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import livekit.LivekitSip.ListSIPDispatchRuleResponse;
import livekit.LivekitSip.ListSIPInboundTrunkResponse;
import livekit.LivekitSip.ListSIPOutboundTrunkResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;
import picocli.CommandLine;

/** {@code diagnose} on the bundled demo case, config-only, and with the mistakes users make. */
class DiagnoseCommandTest {

    private static final String PASSWORD = "jz-Secr3t-7781";

    @TempDir
    Path dir;

    private Path pcap;
    private Path trunks;
    private Path rules;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void copyDemo() throws IOException {
        pcap = resource("seed-livekit-503.pcap");
        trunks = resource("seed-inbound-trunks.json");
        rules = resource("seed-dispatch-rules.json");
    }

    @Test
    void jsonNamesTheTrunkConflictAsPrimaryCauseOfThe503() {
        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", trunks.toString(),
                "--livekit-config", rules.toString(), "--json"), err.toString());
        JsonArray findings = JsonParser.parseString(out.toString()).getAsJsonArray();
        JsonObject primary = findings.get(0).getAsJsonObject();
        assertEquals("LK_TRUNK_CONFLICT", primary.get("code").getAsString());
        assertTrue(primary.get("primary").getAsBoolean());
        assertEquals("[\"ST_GjeZjGQjrsvC\",\"ST_keiPmt6sJhJh\"]", primary.getAsJsonObject("evidence").get("configIds").toString());
        JsonObject livekit = primary.getAsJsonObject("livekit");
        assertEquals("[\"100 Processing\",\"503 Try again later\"]", livekit.get("expected").toString());
        assertEquals("CONSISTENT", livekit.get("consistency").getAsString());
        assertTrue(livekit.get("reasoning").toString().contains("Multiple SIP Trunks matched"), livekit.toString());
        List<String> codes = new ArrayList<>();
        findings.forEach(f -> codes.add(f.getAsJsonObject().get("code").getAsString()));
        assertTrue(codes.containsAll(List.of("LK_RULE_UNKNOWN_TRUNK", "LK_RULE_NO_AGENT", "B2BUA_FAILURE_RELAYED")), codes.toString());
        for (var f : findings) {
            assertFalse(f.getAsJsonObject().getAsJsonObject("fix").getAsJsonArray("steps").isEmpty());
        }
        assertFalse(out.toString().contains(PASSWORD));
    }

    @Test
    void textPutsThePrimaryCauseFirstAndNeverShowsThePassword() {
        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", trunks.toString(), "--livekit-config", rules.toString()));
        String text = out.toString();
        int primary = text.indexOf("PRIMARY CAUSE  ERROR  LK_TRUNK_CONFLICT");
        assertTrue(primary > 0, text);
        assertTrue(primary < text.indexOf("B2BUA_FAILURE_RELAYED"));
        assertTrue(text.contains("$ lk sip inbound delete ST_keiPmt6sJhJh"));
        assertTrue(text.contains("    How LiveKit decides:"), text);
        assertTrue(text.replaceAll("\\s+", " ").contains("the capture shows 100 Processing, 503 Try again later: consistent"));
        assertFalse(text.contains(PASSWORD));
    }

    @Test
    void aTrunkNamedAfterItsPasswordIsHiddenInTheRoutingTextAndJson() throws IOException {
        Path named = dir.resolve("named.json");
        // the demo's auth trunk alone: LiveKit's reasoning names it and its user
        Files.writeString(named, "[{\"sipTrunkId\": \"ST_GjeZjGQjrsvC\", \"name\": \"" + PASSWORD + "\", \"numbers\": "
                + "[\"+4991874350352\"], \"authUsername\": \"" + PASSWORD + "\", \"authPassword\": \"" + PASSWORD + "\"}]");
        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", named.toString(), "--livekit-config",
                rules.toString()), err.toString());
        assertTrue(out.toString().contains("How LiveKit decides:"), out.toString());
        assertFalse(out.toString().contains(PASSWORD), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", named.toString(), "--livekit-config",
                rules.toString(), "--json"), err.toString());
        assertTrue(out.toString().contains("\"reasoning\""), out.toString());
        assertFalse(out.toString().contains(PASSWORD), out.toString());
    }

    @Test
    void aDispatchRuleIdEqualToAPasswordIsHiddenInEveryDiagnoseOutput() throws IOException {
        // the demo's call reaches a trunk without auth and its rule, whose ID is another trunk's password
        String secret = "SDR_" + PASSWORD;
        Path config = Files.writeString(dir.resolve("rule-id.json"), "{\"items\": [{\"sipTrunkId\": \"ST_GjeZjGQjrsvC\", "
                + "\"numbers\": [\"+4991874350352\"]}, {\"sipTrunkId\": \"ST_other\", \"numbers\": [\"+15550001111\"], "
                + "\"authUsername\": \"u\", \"authPassword\": \"" + secret + "\"}]}");
        Path rule = Files.writeString(dir.resolve("rule.json"), "[{\"sipDispatchRuleId\": \"" + secret + "\", \"name\": \""
                + secret + "\", \"rule\": {\"dispatchRuleIndividual\": {\"roomPrefix\": \"call-\"}}, \"trunkIds\": "
                + "[\"ST_GjeZjGQjrsvC\"]}]");
        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", config.toString(), "--livekit-config",
                rule.toString(), "--json"), err.toString());
        assertTrue(out.toString().contains("\"dispatchRuleId\": \"(secret not shown)\""), out.toString());
        assertFalse(out.toString().contains(PASSWORD), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", config.toString(), "--livekit-config",
                rule.toString()), err.toString());
        assertTrue(out.toString().contains("How LiveKit decides:"), out.toString());
        assertFalse(out.toString().contains(PASSWORD), out.toString());
        assertFalse(err.toString().contains(PASSWORD), err.toString());
    }

    @Test
    void aCleanAnsweredCallWithRtpBothWaysHasNoErrorFinding() throws IOException {
        Path capture = org.sipladder.testkit.MediaCall.of("clean-1", 0, 250, 0x55, 0, false).write(dir.resolve("clean.pcap"));
        // trunks that both claim a number: an error for the config alone, not for this capture's answered call
        Path conflicting = Files.writeString(dir.resolve("conflict.json"), "{\"items\":[{\"sipTrunkId\":\"ST_a\","
                + "\"numbers\":[\"+4930111111\"]},{\"sipTrunkId\":\"ST_b\",\"numbers\":[\"4930111111\"]}]}");

        assertEquals(0, run("diagnose", capture.toString(), "--livekit-config", conflicting.toString(), "--json"), err.toString());

        JsonArray findings = JsonParser.parseString(out.toString()).getAsJsonArray();
        assertFalse(findings.isEmpty(), "the conflict is still reported");
        findings.forEach(f -> assertFalse("ERROR".equals(f.getAsJsonObject().get("severity").getAsString()), f.toString()));
    }

    @Test
    void configAloneIsChecked() {
        assertEquals(0, run("diagnose", "--livekit-config", trunks.toString(), "--livekit-config", rules.toString(), "--json"));
        JsonArray findings = JsonParser.parseString(out.toString()).getAsJsonArray();
        assertEquals(3, findings.size(), out.toString());
        findings.forEach(f -> assertFalse(f.getAsJsonObject().has("callId")));
    }

    @Test
    void captureWithoutConfigReadsLiveKitsAnswer() {
        assertEquals(0, run("diagnose", pcap.toString()));
        assertTrue(out.toString().contains("PRIMARY CAUSE  ERROR  LK_RESPONSE_EXPLAINED"), out.toString());
        assertTrue(out.toString().contains("no LiveKit config loaded"));
    }

    @Test
    void theDeploymentOptionChangesWhatNoTrunkMeans() throws IOException {
        Path other = Files.writeString(dir.resolve("other.json"), "{\"items\":[{\"sipTrunkId\":\"ST_other\","
                + "\"numbers\":[\"+4930111111\"]}]}");

        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", other.toString(), "--json"), err.toString());
        String cloud = out.toString();
        out.getBuffer().setLength(0);
        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", other.toString(),
                "--livekit-deployment", "self-hosted", "--json"), err.toString());
        String selfHosted = out.toString();

        assertTrue(cloud.contains("404 No trunk found") && cloud.contains("LK_NO_TRUNK_MATCH"), cloud);
        assertTrue(cloud.contains("LiveKit Cloud's"), "says why it assumed Cloud: " + cloud);
        assertFalse(selfHosted.contains("404 No trunk found") || selfHosted.contains("LK_NO_TRUNK_MATCH"), selfHosted);
        assertTrue(selfHosted.contains("LK_NO_RULE_MATCH") && selfHosted.contains("deployment was set to self-hosted"), selfHosted);
        assertFalse(selfHosted.contains("503 Try again later\",\"") && selfHosted.contains("\"expected\":[\"100 Processing\",\"503"));
    }

    @Test
    void anEmptyTrunkListingIsAProjectWithoutInboundTrunks() throws IOException {
        // what `lk sip inbound list --json` prints for a project without inbound trunks
        Path none = Files.writeString(dir.resolve("inbound.json"), "{}\n");

        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", none.toString(), "--livekit-config",
                rules.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("LiveKit config: 0 inbound trunks, "), text);
        assertTrue(text.contains("The project has no inbound trunks"), text);
        assertTrue(text.contains("404 No trunk found"), text);

        // alone, the empty file is read (not refused) but says nothing about routing: which list it was is not known
        out.getBuffer().setLength(0);
        assertEquals(0, run("diagnose", pcap.toString(), "--livekit-config", none.toString()), err.toString());
        assertTrue(out.toString().contains("LiveKit config: 0 inbound trunks, 0 dispatch rules from "), out.toString());
        assertFalse(out.toString().contains("The project has no inbound trunks"), out.toString());
    }

    @Test
    void anUnknownDeploymentIsAClearErrorAndExit2() {
        assertEquals(2, run("diagnose", pcap.toString(), "--livekit-deployment", "on-prem"));
        assertTrue(err.toString().contains("use cloud or self-hosted"), err.toString());
        assertFalse(err.toString().contains("\tat "));
    }

    @Test
    void nothingToDiagnoseIsOneLineAndExit2() {
        assertEquals(2, run("diagnose"));
        assertOneLine("CAPTURE");
    }

    @Test
    void missingCaptureIsOneLineAndExit2() {
        assertEquals(2, run("diagnose", dir.resolve("nope.pcap").toString()));
        assertOneLine("nope.pcap");
    }

    @Test
    void badConfigJsonIsOneLineAndExit2() throws IOException {
        Path bad = Files.writeString(dir.resolve("trunks.json"), "{\"items\": [ {\"sipTrunkId\": ");
        assertEquals(2, run("diagnose", pcap.toString(), "--livekit-config", bad.toString()));
        assertOneLine("trunks.json");
    }

    @Test
    void aBadConfigIsTheErrorEvenWhenTheCaptureIsMissingToo() throws IOException {
        // the config loads while the capture is read: its error still comes first, as when it loaded before
        Path bad = Files.writeString(dir.resolve("trunks.json"), "{\"items\": [ {\"sipTrunkId\": ");
        assertEquals(2, run("diagnose", dir.resolve("nope.pcap").toString(), "--livekit-config", bad.toString(),
                "--json"));
        assertOneLine("trunks.json");
        assertFalse(err.toString().contains("nope.pcap"), err.toString());
    }

    @Test
    void aBadConfigHoldsBackTheWarningsOfTheCaptureRead() throws IOException {
        Path cut = cutShort();
        Path bad = Files.writeString(dir.resolve("trunks.json"), "{\"items\": [ {\"sipTrunkId\": ");
        for (String[] args : List.of(new String[] {"diagnose", cut.toString(), "--livekit-config", bad.toString()},
                new String[] {"diagnose", cut.toString(), "--livekit-config", bad.toString(), "--json"})) {
            err.getBuffer().setLength(0);
            assertEquals(2, run(args));
            assertOneLine("trunks.json");
            assertFalse(err.toString().contains("warning"), err.toString());
        }
    }

    @Test
    void theCaptureReadsWarningsComeOnceTheConfigIsLoaded() throws IOException {
        Path cut = cutShort();
        for (String[] args : List.of(new String[] {"diagnose", cut.toString(), "--livekit-config", trunks.toString()},
                new String[] {"diagnose", cut.toString(), "--livekit-config", trunks.toString(), "--json"},
                new String[] {"diagnose", cut.toString(), "--json"})) {
            err.getBuffer().setLength(0);
            assertEquals(0, run(args), err.toString());
            assertTrue(err.toString().startsWith(cut + ": warning: frame "), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
        }
    }

    /** The demo capture without its last 30 bytes: the read warns about its last frame. */
    private Path cutShort() throws IOException {
        byte[] whole = Files.readAllBytes(pcap);
        return Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 30));
    }

    @Test
    void configFromTheLiveKitApiGivesTheSameDiagnosis() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            LiveKitConfig seed = new ConfigFileLoader().loadAll(List.of(trunks, rules));
            server.enqueue(protobuf(ListSIPInboundTrunkResponse.newBuilder().addAllItems(seed.trunks()).build().toByteArray()));
            server.enqueue(protobuf(ListSIPDispatchRuleResponse.newBuilder().addAllItems(seed.rules()).build().toByteArray()));
            server.enqueue(protobuf(ListSIPOutboundTrunkResponse.newBuilder().build().toByteArray()));
            assertEquals(0, runWith(Map.of("LIVEKIT_API_KEY", "APIkey", "LIVEKIT_API_SECRET", "api-secret-value"),
                    "diagnose", pcap.toString(), "--livekit-url", server.url("/").toString(), "--json"), err.toString());
            JsonObject primary = JsonParser.parseString(out.toString()).getAsJsonArray().get(0).getAsJsonObject();
            assertEquals("LK_TRUNK_CONFLICT", primary.get("code").getAsString());
            assertFalse(out.toString().contains("api-secret-value") || err.toString().contains("api-secret-value"));
        } catch (LiveKitConfigException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unreachableLiveKitIsOneLineAndExit2() throws IOException {
        int port;
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            port = server.getPort();
        }
        assertEquals(2, runWith(Map.of("LIVEKIT_API_KEY", "APIkey", "LIVEKIT_API_SECRET", "api-secret-value"),
                "diagnose", pcap.toString(), "--livekit-url", "http://127.0.0.1:" + port));
        assertOneLine("127.0.0.1:" + port);
        assertFalse(err.toString().contains("api-secret-value"));
    }

    @Test
    void missingApiKeyIsOneLineAndExit2() {
        assertEquals(2, runWith(Map.of(), "diagnose", pcap.toString(), "--livekit-url", "wss://project.livekit.cloud"));
        assertOneLine("LIVEKIT_API_KEY");
    }

    private static MockResponse protobuf(byte[] body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/protobuf")
                .body(new Buffer().write(body)).build();
    }

    /** Runs with the given environment instead of the process's (for LIVEKIT_API_KEY and LIVEKIT_API_SECRET). */
    private int runWith(Map<String, String> environment, String... args) {
        CommandLine cli = SipLadderCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), null,
                new CommandLine.IFactory() {
                    @Override
                    public <K> K create(Class<K> cls) throws Exception {
                        return cls == DiagnoseCommand.class ? cls.cast(new DiagnoseCommand(environment))
                                : CommandLine.defaultFactory().create(cls);
                    }
                });
        return cli.execute(args);
    }

    private void assertOneLine(String naming) {
        String message = err.toString().strip();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains(naming), message);
        assertFalse(message.contains("Exception") && message.contains("\tat "), message);
    }

    private int run(String... args) {
        return SipLadderCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path resource(String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/org/sipladder/demo/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
