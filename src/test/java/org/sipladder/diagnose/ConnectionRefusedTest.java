package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.cli.SipLadderCommand;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Segments;

/**
 * LiveKit dials out over TCP (the outbound trunk's transport) to a provider that listens on UDP only: each connection
 * attempt is refused with a reset and no SIP is ever sent, so the capture holds no SIP message at all. The finding
 * names the refused connections and the trunk's transport; an ordinary reset after SIP, a refusal followed by SIP
 * between the same hosts, and a refused non-SIP port stay quiet.
 */
class ConnectionRefusedTest {

    /** The code this test covers in place of a case in FindingRulesTest (it needs packets, not flows). */
    static final List<FindingCode> CODES = List.of(FindingCode.SIP_CONNECTION_REFUSED);

    private static final String LIVEKIT = OutboundCapture.LIVEKIT;
    private static final String CARRIER = OutboundCapture.CARRIER;
    private static final long T = 1_795_011_787_000_000L;

    @TempDir
    Path dir;

    /** LiveKit's SYN from port {@code srcPort} to the carrier's {@code port}, answered by RST|ACK, {@code n} times. */
    private static Captures refusedTo(Captures c, long at, int port, int n) {
        for (int i = 0; i < n; i++) {
            String lk = LIVEKIT + ":" + (40000 + i);
            String car = CARRIER + ":" + port;
            c.tcp(at + i * 1_000_000L, lk, car, 1000, Segments.SYN, new byte[0])
                    .tcp(at + i * 1_000_000L + 300, car, lk, 0, Segments.RST | Segments.ACK, new byte[0]);
        }
        return c;
    }

    private Path trunks(String transport) throws IOException {
        return ConnectionFailedTest.outboundTrunk(dir, CARRIER, transport);
    }

    private static List<JsonObject> refused(Path capture, Path config) {
        return ConnectionFailedTest.found(capture, config, "SIP_CONNECTION_REFUSED");
    }

    @Test
    void tcpRefusedToTheTrunksAddressNamesTheTrunksTransport() throws IOException {
        Path capture = refusedTo(Captures.pcap(), T, 5060, 3).write(dir.resolve("refused.pcap"));
        List<JsonObject> found = refused(capture, trunks("SIP_TRANSPORT_TCP"));
        assertEquals(1, found.size(), found.toString());
        JsonObject f = found.get(0);
        String title = f.get("title").getAsString();
        assertTrue(title.contains(LIVEKIT + "'s TCP connections to " + CARRIER + ":5060 were refused (3 times)"), title);
        assertTrue(f.get("explanation").getAsString().contains("\"network-error\""), f.toString());
        // the INVITE time is stamped before the dial, so connectSIP's afterInvite turns the server error non-retryable
        assertTrue(f.get("explanation").getAsString().contains("FailedPrecondition"), f.toString());
        String fix = f.getAsJsonObject("fix").toString();
        assertTrue(fix.contains("lk sip outbound update --id ST_out --transport udp"), fix);
        assertTrue(f.getAsJsonObject("evidence").get("configIds").toString().contains("ST_out"), f.toString());
        assertTrue(f.getAsJsonObject("evidence").get("facts").toString()
                .contains("transport SIP_TRANSPORT_TCP"), f.toString());
    }

    @Test
    void aTrunkAddressedByHostnameIsNamedAsACandidateThatCannotBeTied() throws IOException {
        Path config = Files.writeString(dir.resolve("outbound-hostname.json"), "{\"items\": [{\"sipTrunkId\": "
                + "\"ST_named\", \"address\": \"sip.provider.example\", \"numbers\": [\"" + OutboundCapture.FROM
                + "\"], \"transport\": \"SIP_TRANSPORT_TCP\"}]}");
        Path capture = refusedTo(Captures.pcap(), T, 5060, 2).write(dir.resolve("refused-named.pcap"));
        List<JsonObject> found = refused(capture, config);
        assertEquals(1, found.size(), found.toString());
        JsonObject f = found.get(0);
        String facts = f.getAsJsonObject("evidence").get("facts").toString();
        assertTrue(facts.contains("Outbound trunk ST_named has address sip.provider.example (a hostname)"), facts);
        assertTrue(facts.contains("cannot be tied to it"), facts);
        assertTrue(facts.contains("dig +short sip.provider.example"), facts);
        // a candidate, not a proven match: not listed as the finding's config
        assertTrue(!f.getAsJsonObject("evidence").get("configIds").toString().contains("ST_named"), f.toString());
    }

    @Test
    void aTlsTrunkAddressedByHostnameWithoutPortIsACandidateForPort5061NotFor5060() throws IOException {
        // LiveKit puts ;transport=tls on a Request-URI without port, and sipgo dials a TLS destination without port
        // on 5061 (its DefaultPort("tls"), RFC 3261 19.1.2)
        Path config = Files.writeString(dir.resolve("outbound-tls.json"), "{\"items\": [{\"sipTrunkId\": "
                + "\"ST_tls\", \"address\": \"sip.provider.example\", \"numbers\": [\"" + OutboundCapture.FROM
                + "\"], \"transport\": \"SIP_TRANSPORT_TLS\"}]}");
        List<JsonObject> on5061 = refused(refusedTo(Captures.pcap(), T, 5061, 2).write(dir.resolve("tls.pcap")), config);
        assertEquals(1, on5061.size(), on5061.toString());
        String facts = on5061.get(0).getAsJsonObject("evidence").get("facts").toString();
        assertTrue(facts.contains("Outbound trunk ST_tls has address sip.provider.example (a hostname)"), facts);
        List<JsonObject> on5060 = refused(refusedTo(Captures.pcap(), T, 5060, 2).write(dir.resolve("tcp.pcap")), config);
        assertEquals(1, on5060.size(), on5060.toString());
        String other = on5060.get(0).getAsJsonObject("evidence").get("facts").toString();
        assertTrue(!other.contains("ST_tls"), other);
    }

    @Test
    void withoutAConfigTheRefusalIsStillNamed() {
        Path capture = refusedTo(Captures.pcap(), T, 5061, 1).write(dir.resolve("refused-tls.pcap"));
        List<JsonObject> found = refused(capture, null);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).getAsJsonObject("fix").toString().contains("--transport udp"), found.toString());
    }

    @Test
    void aResetAfterSipOnTheConnectionIsOrdinary() {
        String lk = LIVEKIT + ":40000";
        String car = CARRIER + ":5060";
        String options = "OPTIONS sip:" + CARRIER + " SIP/2.0\r\nVia: SIP/2.0/TCP " + LIVEKIT + ":40000;branch=z9hG4bKo1\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:lk@" + LIVEKIT + ">;tag=a1\r\nTo: <sip:" + CARRIER + ">\r\nCall-ID: o1\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        Captures c = Captures.pcap()
                .tcp(T, lk, car, 1000, Segments.SYN, new byte[0])
                .tcp(T + 300, car, lk, 5000, Segments.SYN | Segments.ACK, new byte[0])
                .tcp(T + 600, lk, car, 1001, options)
                .tcp(T + 900_000, car, lk, 5001, Segments.RST | Segments.ACK, new byte[0]);
        assertEquals(List.of(), refused(c.write(dir.resolve("after-sip.pcap")), null));
    }

    @Test
    void aRefusalFollowedBySipBetweenTheHostsIsNotReported() {
        String invite = OutboundCapture.liveKitInvite(CARRIER);
        Captures c = refusedTo(Captures.pcap(), T, 5060, 1)
                .udp(T + 2_000_000, LIVEKIT + ":5060", CARRIER + ":5060", invite)
                .udp(T + 2_050_000, CARRIER + ":5060", LIVEKIT + ":5060", SipTexts.response(invite, 100, "Trying"));
        assertEquals(List.of(), refused(c.write(dir.resolve("then-udp.pcap")), null));
    }

    @Test
    void besideOtherCallsTheRefusalIsAWarningThatSaysNoCallShowsIt() {
        // a call to another host, answered: the capture has calls, so the capture-level finding is lowered
        String other = "203.0.113.9";
        String invite = OutboundCapture.liveKitInvite(other);
        Captures c = refusedTo(Captures.pcap(), T, 5060, 2)
                .udp(T + 5_000_000, LIVEKIT + ":5060", other + ":5060", invite)
                .udp(T + 5_050_000, other + ":5060", LIVEKIT + ":5060", SipTexts.response(invite, 486, "Busy Here"));
        List<JsonObject> found = refused(c.write(dir.resolve("beside-a-call.pcap")), null);
        assertEquals(1, found.size(), found.toString());
        JsonObject f = found.get(0);
        assertEquals("WARNING", f.get("severity").getAsString());
        String why = f.get("explanation").getAsString();
        // no config risk for other calls: connections that failed, whose SIP no captured call shows
        assertTrue(!why.contains("it would affect other calls"), why);
        assertTrue(why.contains("failed before its first message"), why);
    }

    @Test
    void everyCommandReadsACaptureWithARefusedConnection() {
        // messages reads without a media listener: the refusal must not need one
        Path capture = refusedTo(Captures.pcap(), T, 5060, 2).write(dir.resolve("all-commands.pcap"));
        for (String command : List.of("messages", "calls", "streams", "diagnose")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = SipLadderCommand.execute(new String[] {command, "--json", capture.toString()},
                    new PrintWriter(out), new PrintWriter(err));
            assertEquals(0, status, command + ": " + err);
            assertTrue(!err.toString().contains("internal error"), command + ": " + err);
        }
    }

    @Test
    void aRefusedPortThatIsNoSipPortIsNotReported() {
        Path capture = refusedTo(Captures.pcap(), T, 443, 2).write(dir.resolve("https.pcap"));
        assertEquals(List.of(), refused(capture, null));
    }
}
