package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

/** Damaged messages are listed and flagged malformed with a reason, never dropped (issue 16). */
class DamagedMessagesTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private JsonObject onlyMessage(Captures c) {
        CliRun run = CliRun.of("messages", c.write(dir.resolve("m.pcap")).toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(1, lines.size(), run.out() + run.err());
        return JsonParser.parseString(lines.get(0)).getAsJsonObject();
    }

    @Test
    void requestUriWithOneNonAsciiByteIsListedAndFlagged() {
        String invite = SipText.request("INVITE", "sip:caf\u00e9@example.com", "nonascii-1", 1, "");
        JsonObject m = onlyMessage(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", Bytes.ascii(invite)));
        assertEquals("INVITE", m.get("method").getAsString());
        assertEquals("nonascii-1", m.get("callId").getAsString());
        assertTrue(m.get("malformed").getAsBoolean());
        assertTrue(m.get("malformedReason").getAsString().contains("Request-URI"), m.toString());
    }

    @Test
    void startLineEndingInABareCrIsListedAndFlagged() {
        String invite = SipText.request("INVITE", "sip:bob@example.com", "bare-cr-1", 1, "")
                .replaceFirst("SIP/2.0\r\n", "SIP/2.0\r");
        JsonObject m = onlyMessage(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite));
        assertEquals("INVITE", m.get("method").getAsString());
        assertEquals("bare-cr-1", m.get("callId").getAsString(), "the headers after the start line are read");
        assertTrue(m.get("malformed").getAsBoolean());
        assertTrue(m.get("malformedReason").getAsString().contains("bare CR"), m.toString());
    }

    @Test
    void aDatagramThatIsOneStatusLineWithNoLineEndIsListedAndFlagged() {
        // a home-made user agent's 401, all on one line (seen in the wild): tshark lists it as a status line whose
        // reason runs to the datagram's end
        JsonObject m = onlyMessage(Captures.pcap().udp(T, "10.0.0.2:5060", "10.0.0.1:5060",
                "SIP/2.0 401 Unauthorized WWW-Authenticate: Digest nonce= 5678970349"));
        assertEquals(401, m.get("status").getAsInt(), m.toString());
        assertTrue(m.get("malformed").getAsBoolean(), m.toString());
        assertTrue(m.get("malformedReason").getAsString().contains("line end"), m.toString());
    }

    @Test
    void aDatagramThatIsOneRequestLineWithNoLineEndIsListedAndFlagged() {
        JsonObject m = onlyMessage(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060",
                "OPTIONS sip:bob@example.com SIP/2.0"));
        assertEquals("OPTIONS", m.get("method").getAsString(), m.toString());
        assertTrue(m.get("malformed").getAsBoolean(), m.toString());
    }

    @Test
    void aStatusLineWithoutTheSpaceAfterItsCodeIsListedAndFlagged() {
        // RFC 3261 7.2 wants the space even before an empty reason phrase; Wireshark does not take such a line for SIP
        String ok = SipText.response(200, "OK", "INVITE", "no-space-1", 1).replaceFirst("SIP/2.0 200 OK\r\n",
                "SIP/2.0 200\r\n");
        JsonObject m = onlyMessage(Captures.pcap().udp(T, "10.0.0.2:5060", "10.0.0.1:5060", ok));
        assertEquals(200, m.get("status").getAsInt());
        assertEquals("no-space-1", m.get("callId").getAsString(), "the headers are read");
        assertTrue(m.get("malformedReason").getAsString().contains("space after its status code"), m.toString());
        String empty = SipText.response(200, "", "INVITE", "no-space-2", 1);
        assertTrue(empty.startsWith("SIP/2.0 200 \r\n"), empty);
        assertFalse(onlyMessage(Captures.pcap().udp(T, "10.0.0.2:5060", "10.0.0.1:5060", empty))
                .get("malformed").getAsBoolean(), "an empty reason phrase after its space is well-formed");
    }

    @Test
    void aDatagramEndingInTheCrOfItsOnlyLineIsListed() {
        JsonObject m = onlyMessage(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", "INVITE sip:a@b SIP/2.0\r"));
        assertEquals("INVITE", m.get("method").getAsString(), m.toString());
        assertTrue(m.get("malformed").getAsBoolean(), m.toString());
    }

    @Test
    void aDatagramOfOneLineThatIsNoStartLineIsNoSip() {
        CliRun run = CliRun.of("messages", Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060",
                "SIP is a signalling protocol").write(dir.resolve("n.pcap")).toString(), "--json");
        assertEquals(List.of(), run.outLines(), run.err());
    }

    @Test
    void headerLinesEndingInBareCrsAreReadAsTsharkReadsThem() {
        String invite = SipText.request("BYE", "sip:bob@example.com", "bare-cr-2", 2, "").replace("\r\n", "\r");
        JsonObject m = onlyMessage(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite));
        assertEquals("bare-cr-2", m.get("callId").getAsString());
        assertEquals("2 BYE", m.get("cseq").getAsString());
        assertEquals("the start line ends in a bare CR instead of CR LF", m.get("malformedReason").getAsString());
    }

    @Test
    void aSecondToHeaderIsFlagged() {
        String invite = SipText.request("INVITE", "sip:bob@example.com", "two-to-1", 1, "")
                .replace("Call-ID:", "To: <sip:mallory@example.com>\r\nCall-ID:");
        JsonObject m = onlyMessage(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite));
        assertTrue(m.get("malformed").getAsBoolean());
        assertTrue(m.get("malformedReason").getAsString().contains("To"), m.toString());
    }

    @Test
    void oneToHeaderIsNotFlagged() {
        String invite = SipText.request("INVITE", "sip:bob@example.com", "one-to-1", 1, "");
        JsonObject m = onlyMessage(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite));
        assertFalse(m.get("malformed").getAsBoolean(), m.toString());
    }

    @Test
    void inviteOverTcpWithA70KilobyteHeaderLineIsKeptAndFlagged() {
        String huge = "X-Huge: " + "a".repeat(70 * 1024) + "\r\n";
        String invite = SipText.invite("huge-1").replace("Call-ID:", huge + "Call-ID:");
        JsonObject m = onlyMessage(overTcp(invite));
        assertEquals("INVITE", m.get("method").getAsString());
        assertEquals("huge-1", m.get("callId").getAsString());
        assertTrue(m.get("malformed").getAsBoolean());
        assertTrue(m.get("malformedReason").getAsString().contains("X-Huge"), m.toString());
    }

    @Test
    void aRequestLineLongerThan8KilobytesIsKeptAndFlaggedOverUdpAndTcp() {
        String invite = SipText.request("INVITE", "sip:" + "9".repeat(9 * 1024) + "@example.com", "long-uri-1", 1, "");
        JsonObject udp = onlyMessage(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite));
        JsonObject tcp = onlyMessage(overTcp(invite));
        for (JsonObject m : List.of(udp, tcp)) {
            assertEquals("INVITE", m.get("method").getAsString(), m.toString());
            assertEquals("long-uri-1", m.get("callId").getAsString());
            assertTrue(m.get("malformed").getAsBoolean());
            assertTrue(m.get("malformedReason").getAsString().contains("start line of " + invite.indexOf('\r')
                    + " characters"), m.get("malformedReason").getAsString());
        }
    }

    /** The message over TCP in 1,400-byte segments. */
    private static Captures overTcp(String message) {
        byte[] stream = Bytes.ascii(message);
        Captures c = Captures.pcap().tcp(T, "10.0.0.1:5060", "10.0.0.2:5060", 100, Segments.SYN, new byte[0]);
        for (int at = 0; at < stream.length; at += 1400) {
            c.tcp(T + at, "10.0.0.1:5060", "10.0.0.2:5060", 101 + at, Segments.PSH | Segments.ACK,
                    Bytes.slice(stream, at, Math.min(stream.length, at + 1400)));
        }
        return c;
    }
}
