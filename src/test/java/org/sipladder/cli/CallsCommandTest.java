package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.LiveFlows;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

class CallsCommandTest {

    static final long T = 1_700_000_000_000_000L;
    static final String CARRIER = "89.184.187.124:5060";
    static final String JAMBONZ = "172.20.11.236:5060";
    static final String LIVEKIT = "129.158.233.108:5060";

    @TempDir
    Path dir;

    static String message(String startLine, String callId, String branch, String cseq, String toTag, String extra) {
        return startLine + "\r\nVia: SIP/2.0/UDP 10.9.9.9;branch=" + branch + "\r\nFrom: <sip:+4930@c>;tag=f\r\n"
                + "To: <sip:91874350352@sip.jambonz.cloud>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + "\r\n" + extra + "Content-Length: 0\r\n\r\n";
    }

    /** The field case as a capture: carrier -> Jambonz -> LiveKit, 100 Processing then 503, 603 to the carrier. */
    Path seed() {
        String bUri = "sip:4991874350352@vocieagentpipelinetest-1z3kctsj.sip.livekit.cloud";
        return Captures.pcap()
                .udp(T, CARRIER, JAMBONZ, message("INVITE sip:91874350352@sip.jambonz.cloud SIP/2.0", "A-1", "z9hG4bKa", "1 INVITE", null, ""))
                .udp(T + 2_000, JAMBONZ, CARRIER, message("SIP/2.0 100 Trying", "A-1", "z9hG4bKa", "1 INVITE", null, ""))
                .udp(T + 40_000, JAMBONZ, LIVEKIT, message("INVITE " + bUri + " SIP/2.0", "B-1", "z9hG4bKb", "1 INVITE", null, "X-CID: A-1\r\n"))
                .udp(T + 60_000, LIVEKIT, JAMBONZ, message("SIP/2.0 100 Processing", "B-1", "z9hG4bKb", "1 INVITE", null, ""))
                .udp(T + 70_000, JAMBONZ, CARRIER, message("SIP/2.0 183 Session Progress", "A-1", "z9hG4bKa", "1 INVITE", "j", ""))
                .udp(T + 1_560_000, LIVEKIT, JAMBONZ, message("SIP/2.0 503 Try again later", "B-1", "z9hG4bKb", "1 INVITE", "SCL_1", ""))
                .udp(T + 1_580_000, JAMBONZ, CARRIER, message("SIP/2.0 603 Decline", "A-1", "z9hG4bKa", "1 INVITE", "j", ""))
                .write(dir.resolve("seed.pcap"));
    }

    @Test
    void seedCaseIsOneCallWithTwoLegsAndThreeHops() {
        CliRun run = CliRun.of("calls", seed().toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonArray calls = JsonParser.parseString(run.out()).getAsJsonArray();
        assertEquals(1, calls.size());
        JsonObject call = calls.get(0).getAsJsonObject();
        assertEquals("A-1", call.get("id").getAsString());
        assertEquals(603, call.get("finalStatus").getAsInt());
        JsonArray legs = call.getAsJsonArray("legs");
        assertEquals(2, legs.size());
        JsonObject b = legs.get(1).getAsJsonObject();
        assertEquals("B-1", b.get("callId").getAsString());
        assertEquals(503, b.get("finalStatus").getAsInt());
        assertEquals("Try again later", b.get("finalReason").getAsString());
        assertEquals(3, b.get("firstFrame").getAsInt());
        assertEquals(6, b.get("lastFrame").getAsInt());
        assertEquals(3, b.get("messageCount").getAsInt());
        assertEquals("sip:4991874350352@vocieagentpipelinetest-1z3kctsj.sip.livekit.cloud", b.get("requestUri").getAsString());
        List<String> roles = new java.util.ArrayList<>();
        call.getAsJsonArray("hops").forEach(h -> roles.add(h.getAsJsonObject().get("role").getAsString()));
        assertEquals(List.of("Carrier", "Jambonz", "LiveKit"), roles);
        assertEquals("LiveKit 129.158.233.108", call.getAsJsonArray("hops").get(2).getAsJsonObject().get("name").getAsString());
        assertTrue(call.getAsJsonArray("joinEvidence").get(0).getAsString().contains("X-CID: A-1"));
        JsonObject timings = call.getAsJsonObject("timings");
        assertEquals(0.070, timings.get("postDialDelaySeconds").getAsDouble(), 1e-9);
        assertEquals(1.580, timings.get("finalResponseSeconds").getAsDouble(), 1e-9);
        assertTrue(timings.get("durationSeconds").isJsonNull());
    }

    @Test
    void aliasesNameHopsAndABadOneIsOneClearLine() {
        CliRun run = CliRun.of("calls", seed().toString(), "--json", "--alias", "129.158.233.108=LiveKit EU");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject call = JsonParser.parseString(run.out()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("LiveKit EU", call.getAsJsonArray("hops").get(2).getAsJsonObject().get("name").getAsString());
        assertEquals("LiveKit", call.getAsJsonArray("hops").get(2).getAsJsonObject().get("role").getAsString());

        CliRun bad = CliRun.of("calls", seed().toString(), "--json", "--alias", "129.158.233.108");
        assertTrue(bad.exitCode() != 0);
        assertTrue(bad.err().contains("ADDRESS=NAME") && !bad.err().contains("Exception"), bad.err());
    }

    @Test
    void jsonOnAUtf8ConsoleIsTheSameBytesAsThroughTheWriter() {
        String capture = seed().toString();
        String viaWriter = CliRun.of("calls", capture, "--json").out();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConsoleWriter out = new ConsoleWriter(console, StandardCharsets.UTF_8);
        out.print("before ");
        int code = SipLadderCommand.commandLine(out, new PrintWriter(new StringWriter())).execute("calls", capture,
                "--json");
        out.flush();
        assertEquals(0, code);
        assertEquals("before " + viaWriter, console.toString(StandardCharsets.UTF_8));
        // a console in another charset goes through the writer's encoder
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        ConsoleWriter other = new ConsoleWriter(latin1, StandardCharsets.ISO_8859_1);
        SipLadderCommand.commandLine(other, new PrintWriter(new StringWriter())).execute("calls", capture, "--json");
        other.flush();
        assertEquals(viaWriter, latin1.toString(StandardCharsets.ISO_8859_1));
    }

    /**
     * The evidence is written in pieces (constant parts, values, frame numbers) without making its sentences: the
     * JSON must read back as the very sentences the call holds, here with values that need escapes and more than one
     * byte (agents with quotes, a backslash, '?', a Latin-1 letter) and a join by timing (its delay and digits).
     */
    @Test
    void evidenceWrittenInPiecesReadsBackAsTheCallsSentences() throws Exception {
        evidenceReadsBack("A-1", "B-1", "pieces.pcap");
    }

    /**
     * A call's id, its legs' Call-IDs and the evidence naming them are the same strings, whose bytes are copied from
     * where they were first written: escapes and Latin-1 letters included.
     */
    @Test
    void callIdsCopiedIntoTheEvidenceReadBackAsWritten() throws Exception {
        evidenceReadsBack("A-\"1\\\u00e9", "B-\\1\"", "copied.pcap");
    }

    private void evidenceReadsBack(String aCallId, String bCallId, String file) throws Exception {
        String bUri = "sip:4991874350352@vocieagentpipelinetest-1z3kctsj.sip.livekit.cloud";
        Path capture = Captures.pcap()
                .udp(T, CARRIER, JAMBONZ, message("INVITE sip:91874350352@sip.jambonz.cloud SIP/2.0", aCallId,
                        "z9hG4bKa", "1 INVITE", null, ""))
                .udp(T + 40_123, JAMBONZ, LIVEKIT, message("INVITE " + bUri + " SIP/2.0", bCallId, "z9hG4bKb",
                        "1 INVITE", null, "User-Agent: Jambonz \"1.0\"\r\n"))
                .udp(T + 60_000, LIVEKIT, JAMBONZ, message("SIP/2.0 100 Processing", bCallId, "z9hG4bKb", "1 INVITE",
                        null, "Server: LiveKit \"\u00e9?\\\" x\r\n"))
                .udp(T + 1_560_000, LIVEKIT, JAMBONZ, message("SIP/2.0 503 Try again later", bCallId, "z9hG4bKb",
                        "1 INVITE", "SCL_1", ""))
                .write(dir.resolve(file));
        LiveFlows flows = new LiveFlows();
        new CaptureMessages(SipParser.Depth.SCAN, new PrintWriter(new StringWriter()), MediaCollector.withoutSeries())
                .read(CaptureInputs.of(List.of(capture), null), flows::add);
        CallFlow flow = flows.inStartOrder().iterator().next();
        List<String> sentences = new ArrayList<>(flow.joinEvidence());
        flow.hops().forEach(h -> sentences.addAll(h.evidence()));

        CliRun run = CliRun.of("calls", capture.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject call = JsonParser.parseString(run.out()).getAsJsonArray().get(0).getAsJsonObject();
        List<String> written = new ArrayList<>();
        call.getAsJsonArray("joinEvidence").forEach(e -> written.add(e.getAsString()));
        call.getAsJsonArray("hops").forEach(h -> h.getAsJsonObject().getAsJsonArray("evidence")
                .forEach(e -> written.add(e.getAsString())));
        assertEquals(sentences, written);
        assertEquals(flow.id(), call.get("id").getAsString());
        assertEquals(aCallId, call.getAsJsonArray("legs").get(0).getAsJsonObject().get("callId").getAsString());
        assertTrue(written.get(0).contains("(Call-ID " + aCallId + ")"), written.get(0));
        assertTrue(written.contains("It identifies itself as \"LiveKit \"\u00e9?\\\" x\" (frame 3)."), written.toString());
        assertTrue(written.get(0).contains(" 0.040 s after ") && written.get(0).endsWith(" end in 74350352."),
                written.get(0));
    }

    @Test
    void tableNamesTheHopsAndTheStatus() {
        List<String> lines = CliRun.of("calls", seed().toString()).outLines();
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains("Carrier > Jambonz > LiveKit"), lines.get(1));
        assertTrue(lines.get(1).contains("603 Decline"), lines.get(1));
        assertTrue(lines.get(1).endsWith("A-1"), lines.get(1));
    }

    @Test
    void tableShowsATelUrisNumberAndAUserlessUrisHost(@TempDir Path dir) {
        // IMS phones send tel: URIs; old gateways a From with no user part
        String ims = SipText.invite("ims-1").replace("From: <sip:alice@example.com>;tag=a1", "From: <tel:+88270006>;tag=x1")
                .replace("To: <sip:+15551234567@sip.example.com>", "To: <tel:122>");
        String gateway = SipText.invite("gw-1").replace("From: <sip:alice@example.com>;tag=a1",
                "From: <sip:200.57.7.195:55061;user=phone>;tag=g1");
        Path pcap = Captures.pcap()
                .udp(1_700_000_000_000_000L, "10.0.0.1:5060", "10.0.0.2:5060", ims)
                .udp(1_700_000_001_000_000L, "10.0.0.3:5060", "10.0.0.2:5060", gateway).write(dir.resolve("uris.pcap"));
        List<String> lines = CliRun.of("calls", pcap.toString()).outLines();
        assertTrue(lines.get(1).matches(".*INVITE +\\+88270006 +122 .*"), lines.get(1));
        assertTrue(lines.get(2).matches(".*INVITE +200\\.57\\.7\\.195:55061 .*"), lines.get(2));
    }

    @Test
    void onlyTheHopsOfAHostTwoPartiesShareGetAPort() {
        String uac = "127.0.0.1:5061";
        String uas = "127.0.0.1:5060";
        Path capture = Captures.pcap()
                .udp(T, CARRIER, JAMBONZ, message("INVITE sip:91874350352@sip.jambonz.cloud SIP/2.0", "A-1", "z9hG4bKa", "1 INVITE", null, ""))
                .udp(T + 2_000, JAMBONZ, CARRIER, message("SIP/2.0 486 Busy Here", "A-1", "z9hG4bKa", "1 INVITE", "j", ""))
                .udp(T + 9_000_000, uac, uas, message("INVITE sip:service@127.0.0.1:5060 SIP/2.0", "L-1", "z9hG4bKl", "1 INVITE", null, ""))
                .udp(T + 9_001_000, uas, uac, message("SIP/2.0 100 Processing", "L-1", "z9hG4bKl", "1 INVITE", null, ""))
                .udp(T + 9_002_000, uas, uac, message("SIP/2.0 486 Busy Here", "L-1", "z9hG4bKl", "1 INVITE", "SCL_2", ""))
                .write(dir.resolve("parties.pcap"));

        CliRun run = CliRun.of("calls", capture.toString(), "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonArray calls = JsonParser.parseString(run.out()).getAsJsonArray();
        assertEquals(2, calls.size());
        List<String> ordinary = new ArrayList<>();
        calls.get(0).getAsJsonObject().getAsJsonArray("hops").forEach(h -> ordinary.add(h.getAsJsonObject().keySet()
                + h.getAsJsonObject().get("address").getAsString()));
        assertEquals(List.of("[address, role, name, evidence]89.184.187.124",
                "[address, role, name, evidence]172.20.11.236"), ordinary);
        List<String> loopback = new ArrayList<>();
        calls.get(1).getAsJsonObject().getAsJsonArray("hops").forEach(h -> loopback.add(
                h.getAsJsonObject().get("address").getAsString() + " " + h.getAsJsonObject().get("port").getAsInt()
                        + " " + h.getAsJsonObject().get("role").getAsString()));
        assertEquals(List.of("127.0.0.1 5061 SIP endpoint", "127.0.0.1 5060 LiveKit"), loopback);
    }

    @Test
    void aHopChainShowsARunOfOneNameOnceWithItsCountAndIsCutToItsWidth() {
        assertEquals("Carrier > Jambonz > LiveKit", CallsCommand.hopChain(List.of("Carrier", "Jambonz", "LiveKit")));
        assertEquals("SIP endpoint (x17)", CallsCommand.hopChain(java.util.Collections.nCopies(17, "SIP endpoint")));
        List<String> six = List.of("SIP endpoint", "SIP endpoint", "SIP endpoint", "SIP endpoint", "Carrier",
                "SIP endpoint");
        assertEquals(String.join(" > ", six), CallsCommand.hopChain(six), "a chain that fits is shown whole");
        List<String> ten = new ArrayList<>(List.of("Carrier"));
        ten.addAll(java.util.Collections.nCopies(9, "SIP endpoint"));
        assertEquals("Carrier > SIP endpoint (x9)", CallsCommand.hopChain(ten));
        String cut = CallsCommand.hopChain(List.of("x".repeat(200), "LiveKit"));
        assertTrue(cut.length() <= CallsCommand.HOPS_WIDTH && cut.endsWith("... (2 hops)"), cut);
    }
}
