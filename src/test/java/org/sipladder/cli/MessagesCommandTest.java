package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

class MessagesCommandTest {

    static final long T = 1_700_000_000_123_456L;

    @TempDir
    Path dir;

    @Test
    void jsonLineCarriesFrameTimeAddressesTransportCallIdCseqAndStatus() {
        Path pcap = Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("call-1"))
                .udp(T + 2_000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(503, "Try again later", "INVITE", "call-1", 1))
                .write(dir.resolve("two.pcap"));
        CliRun run = CliRun.of("messages", pcap.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.outLines();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"time\":1700000000.123456,"), lines.get(0));
        JsonObject invite = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals(1, invite.get("frame").getAsInt());
        assertEquals("10.0.0.1:5060", invite.get("src").getAsString());
        assertEquals("10.0.0.2:5060", invite.get("dst").getAsString());
        assertEquals("UDP", invite.get("transport").getAsString());
        assertEquals("call-1", invite.get("callId").getAsString());
        assertEquals("1 INVITE", invite.get("cseq").getAsString());
        assertEquals("INVITE", invite.get("method").getAsString());
        assertTrue(invite.get("sdp").getAsBoolean());
        assertFalse(invite.get("malformed").getAsBoolean());
        JsonObject rejected = JsonParser.parseString(lines.get(1)).getAsJsonObject();
        assertEquals(2, rejected.get("frame").getAsInt());
        assertEquals(503, rejected.get("status").getAsInt());
        assertEquals("Try again later", rejected.get("reason").getAsString());
        assertFalse(rejected.has("method"));
        assertEquals(1700000000.125456, rejected.get("time").getAsDouble(), 1e-7);
    }

    @Test
    void aMessageAnIcmpErrorQuotesIsListedAsWiresharkListsItAndJoinsNoCall() {
        // the callee's host has nothing on 5060: its port-unreachable error quotes the INVITE's first 548 bytes (576
        // in all); a router's error quotes only the UDP header, which holds no message
        String invite = SipText.invite("call-1");
        Path pcap = Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite)
                .unreachable(T + 1_000, "10.0.0.2", "10.0.0.1:5060", "10.0.0.2:5060", 3, invite.getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII), 548)
                .unreachable(T + 2_000, "192.0.2.1", "10.0.0.1:5060", "10.0.0.2:5060", 3, invite.getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII))
                .write(dir.resolve("icmp.pcap"));
        CliRun run = CliRun.of("messages", pcap.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(2, lines.size(), run.out());
        JsonObject quoted = JsonParser.parseString(lines.get(1)).getAsJsonObject();
        assertEquals(2, quoted.get("frame").getAsInt());
        assertEquals("ICMP", quoted.get("transport").getAsString());
        assertEquals("10.0.0.1:5060", quoted.get("src").getAsString());
        assertEquals("call-1", quoted.get("callId").getAsString());
        assertEquals("1 INVITE", quoted.get("cseq").getAsString());
        assertEquals("INVITE", quoted.get("method").getAsString());
        assertTrue(CliRun.of("messages", pcap.toString()).out().contains("INVITE (quoted in ICMP error)"));
        // the call has its one INVITE, not a retransmission of it
        String calls = CliRun.of("calls", pcap.toString(), "--json").out();
        assertTrue(calls.contains("\"messageCount\": 1,"), calls);
    }

    /**
     * A Call-ID holding bytes that are not UTF-8 is read as ISO-8859-1, so it may hold C1 controls (0x80-0x9F) and
     * DEL: the JSON lines must stay JSON (escaped as \\u0087, never as the terminal escape \\x87 that standard
     * output uses for text) when printed through the console, and still show no control character raw.
     */
    @Test
    void jsonLinesThroughTheConsoleStayJsonWithControlCharactersInAValue() {
        String invite = SipText.invite("c\u0087d\u007fe");
        Path pcap = Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .write(dir.resolve("c1.pcap"));
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = SipLadderCommand.execute(new String[] {"messages", pcap.toString(), "--json"},
                new ConsoleWriter(console, java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintWriter(err));
        assertEquals(0, code, err.toString());
        String line = console.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        for (char c : line.toCharArray()) {
            assertTrue(ConsoleWriter.printable(c), "a control character printed raw: " + (int) c + " in " + line);
        }
        JsonObject message = JsonParser.parseString(line).getAsJsonObject();
        assertEquals("c\u0087d\u007fe", message.get("callId").getAsString(), line);
    }

    @Test
    void ipv6AddressesAreBracketed() {
        Path pcap = Captures.pcap()
                .udp(T, "[2001:db8::1]:5060", "[2001:db8::2]:5080", SipText.request("OPTIONS", "sip:x", "v6", 1, ""))
                .write(dir.resolve("v6.pcap"));
        JsonObject m = JsonParser.parseString(CliRun.of("messages", pcap.toString(), "--json").outLines().get(0))
                .getAsJsonObject();
        assertEquals("[2001:db8::1]:5060", m.get("src").getAsString());
        assertEquals("[2001:db8::2]:5080", m.get("dst").getAsString());
    }

    @Test
    void malformedMessageIsListedWithItsReason() {
        Path pcap = Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", SipText.response(200, "OK", "INVITE", "c", 1)
                        .replace("CSeq: 1 INVITE", "CSeq: abc"))
                .write(dir.resolve("bad.pcap"));
        JsonObject m = JsonParser.parseString(CliRun.of("messages", pcap.toString(), "--json").outLines().get(0))
                .getAsJsonObject();
        assertTrue(m.get("malformed").getAsBoolean());
        assertTrue(m.get("malformedReason").getAsString().contains("CSeq"));
        assertEquals("c", m.get("callId").getAsString());
    }

    @Test
    void tableShowsOneAlignedRowPerMessage() {
        Path pcap = Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("call-1"))
                .udp(T + 2_000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(100, "Trying", "INVITE", "call-1", 1))
                .write(dir.resolve("t.pcap"));
        List<String> lines = CliRun.of("messages", pcap.toString()).outLines();
        assertEquals(3, lines.size());
        assertEquals("    1  2023-11-14 22:13:20.123456  10.0.0.1:5060  ->  10.0.0.2:5060  INVITE      call-1", lines.get(1));
        assertEquals("    2  2023-11-14 22:13:20.125456  10.0.0.2:5060  ->  10.0.0.1:5060  100 Trying  call-1", lines.get(2));
        assertEquals(lines.get(0).indexOf("MESSAGE"), lines.get(1).indexOf("INVITE"));
    }

    @Test
    void garbageFileGivesOneLineOnStderrAndExitTwo() throws IOException {
        Path junk = Files.writeString(dir.resolve("notes.txt"), "this is not a capture at all\n");
        CliRun run = CliRun.of("messages", junk.toString(), "--json");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith(junk.toString()), run.err());
    }

    @Test
    void aCaptureWithoutSipSaysSoAndNamesTls() {
        // SIP over TLS (5061): two encrypted records, nothing readable
        byte[] clientHello = {0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0};
        byte[] appData = {0x17, 0x03, 0x03, 0x00, 0x03, 9, 9, 9};
        Path tls = Captures.pcap().tcp(T, "10.0.0.1:40000", "10.0.0.2:5061", 1, 0x18, clientHello)
                .tcp(T + 1_000, "10.0.0.1:40000", "10.0.0.2:5061", 1 + clientHello.length, 0x18, appData)
                .write(dir.resolve("tls.pcap"));
        CliRun run = CliRun.of("calls", tls.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(tls + ": warning: 2 TLS packets on port 5061 could not be decrypted; SIP over TLS is not shown",
                tls + ": warning: no SIP message in 2 packets (SIP over TLS, as on port 5061, is encrypted: capture "
                        + "where it is plain, e.g. HEP from the SBC, or use UDP or TCP while debugging)"), run.errLines());
        CliRun diagnosed = CliRun.of("diagnose", tls.toString());
        assertTrue(diagnosed.out().contains("No SIP call in the capture: nothing to diagnose."), diagnosed.out());
        assertFalse(diagnosed.out().contains("No problems found"), diagnosed.out());
        // packets, none of them SIP
        Path dns = Captures.pcap().udp(T, "10.0.0.1:53000", "10.0.0.2:53", "not sip at all").write(dir.resolve("dns.pcap"));
        CliRun other = CliRun.of("messages", dns.toString(), "--json");
        assertEquals(0, other.exitCode(), other.err());
        assertEquals("", other.out());
        assertEquals(List.of(dns + ": warning: no SIP message in 1 packet (SIP is looked for in UDP, TCP, SCTP, HEP "
                + "and WebSocket on any port)"), other.errLines());
    }

    @Test
    void missingFileGivesOneLineOnStderrAndExitTwo() {
        CliRun run = CliRun.of("calls", dir.resolve("nope.pcap").toString());
        assertEquals(2, run.exitCode());
        assertEquals(List.of(dir.resolve("nope.pcap") + ": no such file"), run.errLines());
    }

    @Test
    void truncatedCaptureListsWhatWasReadAndWarnsNamingTheFrame() throws IOException {
        byte[] whole = Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("call-1"))
                .udp(T + 2_000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(100, "Trying", "INVITE", "call-1", 1))
                .toBytes();
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 30));
        CliRun run = CliRun.of("messages", cut.toString(), "--json");
        assertEquals(0, run.exitCode());
        assertEquals(1, run.outLines().size());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith(cut + ": warning: frame 2"), run.err());
    }
}
