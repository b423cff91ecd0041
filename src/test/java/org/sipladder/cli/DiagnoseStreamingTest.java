package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.cli.CallsCommandTest.CARRIER;
import static org.sipladder.cli.CallsCommandTest.JAMBONZ;
import static org.sipladder.cli.CallsCommandTest.LIVEKIT;
import static org.sipladder.cli.CallsCommandTest.T;
import static org.sipladder.cli.CallsCommandTest.message;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.LiveFlows;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.SipParser;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.testkit.Captures;

/**
 * {@code diagnose --json} diagnoses call by call and lets each call go; its output is the diagnosis of all calls
 * at once (the desktop's and the report's), byte for byte, on a capture of many kinds of calls, with and without a
 * LiveKit config.
 */
class DiagnoseStreamingTest {

    private static final String PUBLIC_PEER = "203.0.113.7:5060";
    private static final String PRIVATE_PHONE = "192.168.1.20:5060";

    @TempDir
    Path dir;

    @Test
    void callByCallGivesTheSameFindingsAsAllCallsAtOnce() throws Exception {
        Path capture = manyKindsOfCalls(36);
        DemoCase demo = DemoCase.copyTo(dir);
        for (List<String> config : List.of(List.<String>of(),
                List.of("--livekit-config", demo.trunks().toString(), "--livekit-config", demo.rules().toString()))) {
            List<String> args = new java.util.ArrayList<>(List.of("diagnose", capture.toString(), "--json"));
            args.addAll(config);
            CliRun run = CliRun.of(args.toArray(new String[0]));
            assertEquals(0, run.exitCode(), run.err());
            LiveKitConfig loaded = config.isEmpty() ? LiveKitConfig.empty()
                    : new ConfigFileLoader().loadAll(List.of(demo.trunks(), demo.rules()));
            String expected = allAtOnce(capture, loaded);
            assertEquals(expected, run.out().replace(System.lineSeparator(), "\n"), "with config " + config);
            JsonArray findings = JsonParser.parseString(run.out()).getAsJsonArray();
            Set<String> kinds = new HashSet<>();
            findings.forEach(f -> kinds.add(f.getAsJsonObject().get("primary").getAsBoolean() + " "
                    + f.getAsJsonObject().get("severity").getAsString()));
            // primary errors, warnings and infos: the groups the findings wait in are all exercised
            assertTrue(kinds.containsAll(List.of("true ERROR", "true INFO", "false ERROR", "false WARNING")), kinds.toString());
        }
    }

    @Test
    void theTextCallByCallIsTheTextOfAllCallsAtOnce() throws Exception {
        Path capture = manyKindsOfCalls(36);
        DemoCase demo = DemoCase.copyTo(dir);
        for (List<String> config : List.of(List.<String>of(),
                List.of("--livekit-config", demo.trunks().toString(), "--livekit-config", demo.rules().toString()))) {
            LiveKitConfig loaded = config.isEmpty() ? LiveKitConfig.empty()
                    : new ConfigFileLoader().loadAll(List.of(demo.trunks(), demo.rules()));
            for (boolean all : new boolean[] {false, true}) {
                List<String> args = new java.util.ArrayList<>(List.of("diagnose", capture.toString()));
                args.addAll(config);
                if (all) {
                    args.add("--all");
                }
                CliRun run = CliRun.of(args.toArray(new String[0]));
                assertEquals(0, run.exitCode(), run.err());
                String expected = textAllAtOnce(capture, loaded, all ? Integer.MAX_VALUE : DiagnosisText.SHOWN_PER_KIND);
                assertEquals(expected, run.out(), args.toString());
                // 7 or 8 calls of each kind: some are not shown but with --all
                assertEquals(!all, run.out().contains("Not shown in detail"), args.toString());
            }
        }
    }

    @Test
    void textOnAUtf8ConsoleIsTheSameAsThroughTheWriter() throws Exception {
        sameOnEveryConsole("diagnose", manyKindsOfCalls(12).toString(), "--all");
    }

    /**
     * Runs {@code args} on a UTF-8 console after text of its own and on an ISO-8859-1 one: the same as through a
     * writer; returns what the writer got.
     */
    private static String sameOnEveryConsole(String... args) {
        String viaWriter = CliRun.of(args).out();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConsoleWriter out = new ConsoleWriter(console, StandardCharsets.UTF_8);
        out.print("before ");
        assertEquals(0, SipLadderCommand.commandLine(out, new PrintWriter(new StringWriter())).execute(args));
        out.flush();
        assertEquals("before " + viaWriter, console.toString(StandardCharsets.UTF_8));
        // a console in another charset goes through the writer's encoder
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        ConsoleWriter other = new ConsoleWriter(latin1, StandardCharsets.ISO_8859_1);
        assertEquals(0, SipLadderCommand.commandLine(other, new PrintWriter(new StringWriter())).execute(args));
        other.flush();
        assertEquals(viaWriter, latin1.toString(StandardCharsets.ISO_8859_1));
        return viaWriter;
    }

    @Test
    void jsonOnAUtf8ConsoleIsTheSameBytesAsThroughTheWriter() throws Exception {
        Path capture = manyKindsOfCalls(12);
        DemoCase demo = DemoCase.copyTo(dir);
        sameOnEveryConsole("diagnose", capture.toString(), "--json", "--livekit-config", demo.trunks().toString(),
                "--livekit-config", demo.rules().toString());
        // and no calls: the empty array
        Path empty = Captures.pcap().write(dir.resolve("empty.pcap"));
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        ConsoleWriter noneOut = new ConsoleWriter(none, StandardCharsets.UTF_8);
        assertEquals(0, SipLadderCommand.commandLine(noneOut, new PrintWriter(new StringWriter()))
                .execute("diagnose", empty.toString(), "--json"));
        noneOut.flush();
        assertEquals("[]" + System.lineSeparator(), none.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noCallsGiveAnEmptyArray() {
        Path empty = Captures.pcap().write(dir.resolve("empty.pcap"));
        CliRun run = CliRun.of("diagnose", empty.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("[]", run.out().trim());
    }

    /** The findings of {@link DiagnosisEngine#diagnose} on all calls, printed by {@link FindingJson#write}. */
    private static String allAtOnce(Path capture, LiveKitConfig config) throws Exception {
        return DiagnoseReadBackTest.diagnose(capture, config, false) + "\n";
    }

    /** The text of {@link DiagnosisEngine#diagnose} on all calls, printed by {@link DiagnosisText#print}. */
    private static String textAllAtOnce(Path capture, LiveKitConfig config, int shownPerKind) throws Exception {
        LiveFlows flows = new LiveFlows();
        MediaCollector media = MediaCollector.withLossSeries();
        new CaptureMessages(SipParser.Depth.SCAN, new PrintWriter(new StringWriter()), media).read(capture, flows::add);
        List<CallFlow> calls = flows.snapshot();
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        DiagnosisText.print(out, calls, config, DiagnosisEngine.standard().diagnose(calls, config,
                DiagnosisSettings.FROM_EVIDENCE, media.result()), true, shownPerKind);
        out.flush();
        return text.toString();
    }

    /** Calls to LiveKit refused with 503, answered calls with a private Via to a public peer, busy, 404, unanswered. */
    private Path manyKindsOfCalls(int count) throws IOException {
        Captures c = Captures.pcap();
        String bUri = "sip:4991874350352@vocieagentpipelinetest-1z3kctsj.sip.livekit.cloud";
        for (int k = 0; k < count; k++) {
            long t = T + k * 400_000L;
            String a = "A-" + k;
            String b = "B-" + k;
            String invite = "INVITE sip:91874350352@sip.jambonz.cloud SIP/2.0";
            switch (k % 5) {
                case 0 -> c.udp(t, CARRIER, JAMBONZ, message(invite, a, "z9hG4bKa" + k, "1 INVITE", null, ""))
                        .udp(t + 2_000, JAMBONZ, CARRIER, message("SIP/2.0 100 Trying", a, "z9hG4bKa" + k, "1 INVITE", null, ""))
                        .udp(t + 40_000, JAMBONZ, LIVEKIT, message("INVITE " + bUri + " SIP/2.0", b, "z9hG4bKb" + k, "1 INVITE", null, "X-CID: " + a + "\r\n"))
                        .udp(t + 60_000, LIVEKIT, JAMBONZ, message("SIP/2.0 100 Processing", b, "z9hG4bKb" + k, "1 INVITE", null, ""))
                        .udp(t + 150_000, LIVEKIT, JAMBONZ, message("SIP/2.0 503 Try again later", b, "z9hG4bKb" + k, "1 INVITE", "SCL_" + k, ""))
                        .udp(t + 160_000, JAMBONZ, CARRIER, message("SIP/2.0 603 Decline", a, "z9hG4bKa" + k, "1 INVITE", "j", ""));
                case 1 -> c.udp(t, PRIVATE_PHONE, PUBLIC_PEER, message(invite, a, "z9hG4bKp" + k, "1 INVITE", null,
                                "Contact: <sip:phone@192.168.1.20:5060>\r\n"))
                        .udp(t + 50_000, PUBLIC_PEER, PRIVATE_PHONE, message("SIP/2.0 200 OK", a, "z9hG4bKp" + k, "1 INVITE", "ok" + k, ""))
                        .udp(t + 60_000, PRIVATE_PHONE, PUBLIC_PEER, message("ACK sip:x@203.0.113.7 SIP/2.0", a, "z9hG4bKq" + k, "1 ACK", "ok" + k, ""))
                        .udp(t + 300_000, PRIVATE_PHONE, PUBLIC_PEER, message("BYE sip:x@203.0.113.7 SIP/2.0", a, "z9hG4bKr" + k, "2 BYE", "ok" + k, ""))
                        .udp(t + 310_000, PUBLIC_PEER, PRIVATE_PHONE, message("SIP/2.0 200 OK", a, "z9hG4bKr" + k, "2 BYE", "ok" + k, ""));
                case 2 -> c.udp(t, CARRIER, JAMBONZ, message(invite, a, "z9hG4bKc" + k, "1 INVITE", null, ""))
                        .udp(t + 90_000, JAMBONZ, CARRIER, message("SIP/2.0 486 Busy Here", a, "z9hG4bKc" + k, "1 INVITE", "j" + k, ""));
                case 3 -> c.udp(t, CARRIER, JAMBONZ, message(invite, a, "z9hG4bKd" + k, "1 INVITE", null, ""))
                        .udp(t + 90_000, JAMBONZ, CARRIER, message("SIP/2.0 404 Not Found", a, "z9hG4bKd" + k, "1 INVITE", "j" + k, ""));
                default -> c.udp(t, CARRIER, JAMBONZ, message(invite, a, "z9hG4bKe" + k, "1 INVITE", null, ""));
            }
        }
        return c.write(dir.resolve("many.pcap"));
    }
}
