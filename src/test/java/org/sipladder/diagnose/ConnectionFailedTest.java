package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.cli.SipLadderCommand;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Segments;

/**
 * TCP and TLS connections to a SIP port that fail with no SIP status: SYNs that get no answer at all (a firewall that
 * drops, a host that is down), and TLS handshakes that the server ends with an alert, a close or a reset right after
 * the ClientHello, answers with bytes that are not TLS, or never answers. Each is named for what the capture proves,
 * with the trunk it ties to; a SYN answered late, a single SYN at the capture's end, a capture cut right after a
 * ClientHello and a TLS session that carried data stay quiet.
 */
class ConnectionFailedTest {

    /** The codes this test covers in place of a case in FindingRulesTest (they need packets, not flows). */
    static final List<FindingCode> CODES = List.of(FindingCode.SIP_CONNECTION_UNANSWERED,
            FindingCode.SIP_TLS_HANDSHAKE_FAILED);

    private static final String LIVEKIT = OutboundCapture.LIVEKIT;
    private static final String CARRIER = OutboundCapture.CARRIER;
    private static final long T = 1_795_011_787_000_000L;
    private static final long SECOND = 1_000_000L;

    @TempDir
    Path dir;

    /** A SYN from {@code src} to {@code dst} with ISN {@code isn}, sent again after 1 s, 2 s, 4 s... ({@code n} in all). */
    private static Captures unansweredSyns(Captures c, long at, String src, String dst, long isn, int n) {
        long when = at;
        for (int i = 0; i < n; i++) {
            c.tcp(when, src, dst, isn, Segments.SYN, new byte[0]);
            when += (1L << i) * SECOND;
        }
        return c;
    }

    private Path trunks(String address, String transport) throws IOException {
        return outboundTrunk(dir, address, transport);
    }

    /** An `lk sip outbound list --json` file in {@code dir} with one trunk, ST_out, at {@code address}. */
    static Path outboundTrunk(Path dir, String address, String transport) throws IOException {
        return Files.writeString(dir.resolve("outbound-" + transport + ".json"), "{\"items\": [{\"sipTrunkId\": "
                + "\"ST_out\", \"address\": \"" + address + "\", \"numbers\": [\"" + OutboundCapture.FROM + "\"], "
                + "\"transport\": \"" + transport + "\"}]}");
    }

    /** The findings of {@code code} that {@code diagnose --json} lists for {@code capture} (and {@code config}). */
    static List<JsonObject> found(Path capture, Path config, String code) {
        List<String> args = new ArrayList<>(List.of("diagnose", "--json", capture.toString()));
        if (config != null) {
            args.add("--livekit-config");
            args.add(config.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, SipLadderCommand.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err)),
                err.toString());
        JsonArray findings = JsonParser.parseString(out.toString()).getAsJsonArray();
        List<JsonObject> found = new ArrayList<>();
        for (JsonElement f : findings) {
            if (f.getAsJsonObject().get("code").getAsString().equals(code)) {
                found.add(f.getAsJsonObject());
            }
        }
        return found;
    }

    @Test
    void synsWithNoAnswerAreAHostThatDoesNotAnswerNotARefusal() throws IOException {
        Captures c = unansweredSyns(Captures.pcap(), T, LIVEKIT + ":40000", CARRIER + ":5060", 7000, 4);
        unansweredSyns(c, T + 20 * SECOND, LIVEKIT + ":40001", CARRIER + ":5060", 9000, 3);
        Path capture = c.write(dir.resolve("dropped.pcap"));
        Path config = trunks(CARRIER, "SIP_TRANSPORT_TCP");
        assertEquals(List.of(), found(capture, config, "SIP_CONNECTION_REFUSED"));
        List<JsonObject> found = found(capture, config, "SIP_CONNECTION_UNANSWERED");
        assertEquals(1, found.size(), found.toString());
        JsonObject f = found.get(0);
        String title = f.get("title").getAsString();
        assertTrue(title.contains(LIVEKIT + "'s TCP connections to " + CARRIER + ":5060 got no answer (2 connections)"),
                title);
        String why = f.get("explanation").getAsString();
        assertTrue(why.contains("did not answer") && !why.contains("refuses"), why);
        assertTrue(why.contains("\"network-error\"") && why.contains("FailedPrecondition"), why);
        String facts = f.getAsJsonObject("evidence").get("facts").toString();
        assertTrue(facts.contains("7 SYNs"), facts);
        assertTrue(facts.contains("Nothing came back from " + CARRIER + ": no SYN-ACK, no reset and no ICMP error"), facts);
        assertTrue(f.getAsJsonObject("evidence").get("configIds").toString().contains("ST_out"), f.toString());
        String fix = f.getAsJsonObject("fix").toString();
        assertTrue(fix.contains("firewall") && fix.contains("lk sip outbound update --id ST_out"), fix);
    }

    @Test
    void synsAnsweredOnlyByIcmpNameTheIcmp() {
        String lk = LIVEKIT + ":40000";
        String car = CARRIER + ":5060";
        String router = "198.51.100.1";
        Captures c = Captures.pcap();
        for (int i = 0; i < 3; i++) {
            long at = T + ((1L << i) - 1) * SECOND;
            c.tcp(at, lk, car, 7000, Segments.SYN, new byte[0])
                    .tcpUnreachable(at + 20_000, router, lk, car, 1, 7000, Segments.SYN);
        }
        List<JsonObject> found = found(c.write(dir.resolve("icmp.pcap")), null, "SIP_CONNECTION_UNANSWERED");
        assertEquals(1, found.size(), found.toString());
        String facts = found.get(0).getAsJsonObject("evidence").get("facts").toString();
        assertTrue(facts.contains("ICMP host unreachable from " + router), facts);
        assertFalse(facts.contains("no ICMP error"), facts);
        assertTrue(found.get(0).get("explanation").getAsString().contains("only the network did"), found.toString());
    }

    @Test
    void aSingleSynOrASynAnsweredLateIsNoFailure() {
        String lk = LIVEKIT + ":40000";
        String car = CARRIER + ":5060";
        String options = "OPTIONS sip:" + CARRIER + " SIP/2.0\r\nVia: SIP/2.0/TCP " + LIVEKIT
                + ":40000;branch=z9hG4bKo1\r\nMax-Forwards: 70\r\nFrom: <sip:lk@" + LIVEKIT + ">;tag=a1\r\nTo: <sip:"
                + CARRIER + ">\r\nCall-ID: o1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        Captures late = unansweredSyns(Captures.pcap(), T, lk, car, 1000, 2)
                .tcp(T + 1_200_000, car, lk, 5000, Segments.SYN | Segments.ACK, new byte[0])
                .tcp(T + 1_300_000, lk, car, 1001, options);
        assertEquals(List.of(), found(late.write(dir.resolve("late.pcap")), null, "SIP_CONNECTION_UNANSWERED"));
        Captures single = unansweredSyns(Captures.pcap(), T, lk, car, 1000, 1);
        assertEquals(List.of(), found(single.write(dir.resolve("single.pcap")), null, "SIP_CONNECTION_UNANSWERED"));
    }

    @Test
    void unansweredSynsToANonSipPortAreNotReported() {
        Path capture = unansweredSyns(Captures.pcap(), T, LIVEKIT + ":40000", CARRIER + ":443", 7000, 3)
                .write(dir.resolve("https.pcap"));
        assertEquals(List.of(), found(capture, null, "SIP_CONNECTION_UNANSWERED"));
    }

    /** A ClientHello record (TLS 1.0 record version, as clients send it), its body cut short after the version. */
    private static final byte[] CLIENT_HELLO = {0x16, 0x03, 0x01, 0x00, 0x08, 0x01, 0x00, 0x00, 0x04, 0x03, 0x03, 0x00,
        0x00};

    /** The handshake of a TLS connection from LiveKit's {@code port} to the carrier's 5061, then the ClientHello. */
    private static Captures hello(Captures c, long at, int port) {
        String lk = LIVEKIT + ":" + port;
        String car = CARRIER + ":5061";
        return c.tcp(at, lk, car, 1000, Segments.SYN, new byte[0])
                .tcp(at + 300, car, lk, 5000, Segments.SYN | Segments.ACK, new byte[0])
                .tcp(at + 600, lk, car, 1001, Segments.PSH | Segments.ACK, CLIENT_HELLO);
    }

    @Test
    void aFatalAlertFromTheServerIsNamed() throws IOException {
        byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
        Captures c = hello(Captures.pcap(), T, 40000)
                .tcp(T + 900, CARRIER + ":5061", LIVEKIT + ":40000", 5001, Segments.PSH | Segments.ACK, alert)
                .tcp(T + 1000, CARRIER + ":5061", LIVEKIT + ":40000", 5008, Segments.FIN | Segments.ACK, new byte[0]);
        List<JsonObject> found = found(c.write(dir.resolve("alert.pcap")), trunks(CARRIER + ":5061", "SIP_TRANSPORT_TLS"),
                "SIP_TLS_HANDSHAKE_FAILED");
        assertEquals(1, found.size(), found.toString());
        JsonObject f = found.get(0);
        String title = f.get("title").getAsString();
        assertTrue(title.contains(LIVEKIT + "'s TLS handshake with " + CARRIER + ":5061 failed")
                && title.contains("handshake_failure"), title);
        assertTrue(f.getAsJsonObject("evidence").get("facts").toString().contains("the server (" + CARRIER + ") sent a fatal alert handshake_failure (40) in the clear"),
                f.toString());
        assertTrue(f.getAsJsonObject("evidence").get("configIds").toString().contains("ST_out"), f.toString());
        assertTrue(f.getAsJsonObject("fix").toString().contains("lk sip outbound update --id ST_out --transport"),
                f.toString());
    }

    @Test
    void whoSentTheAlertIsTheDirectionNotTheAddress() {
        // client and server on one host (a loopback capture, as openssl s_client and s_server make it)
        String lk = "10.0.0.5:40000";
        String srv = "10.0.0.5:5061";
        byte[] protocolVersion = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46};
        Captures server = Captures.pcap()
                .tcp(T, lk, srv, 1000, Segments.SYN, new byte[0])
                .tcp(T + 300, srv, lk, 5000, Segments.SYN | Segments.ACK, new byte[0])
                .tcp(T + 600, lk, srv, 1001, Segments.PSH | Segments.ACK, CLIENT_HELLO)
                .tcp(T + 900, srv, lk, 5001, Segments.PSH | Segments.ACK, protocolVersion);
        List<JsonObject> found = found(server.write(dir.resolve("server-alert.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED");
        assertEquals(1, found.size(), found.toString());
        String facts = found.get(0).getAsJsonObject("evidence").get("facts").toString();
        assertTrue(facts.contains("the server (10.0.0.5) sent a fatal alert protocol_version (70) in the clear"), facts);
        assertTrue(found.get(0).get("explanation").getAsString().contains("10.0.0.5:5061 refused 10.0.0.5's handshake"),
                found.toString());

        byte[] serverHello = {0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00};
        byte[] unknownCa = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x30};
        Captures client = Captures.pcap()
                .tcp(T, lk, srv, 1000, Segments.SYN, new byte[0])
                .tcp(T + 300, srv, lk, 5000, Segments.SYN | Segments.ACK, new byte[0])
                .tcp(T + 600, lk, srv, 1001, Segments.PSH | Segments.ACK, CLIENT_HELLO)
                .tcp(T + 900, srv, lk, 5001, Segments.PSH | Segments.ACK, serverHello)
                .tcp(T + 1200, lk, srv, 1014, Segments.PSH | Segments.ACK, unknownCa);
        found = found(client.write(dir.resolve("client-alert.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED");
        assertEquals(1, found.size(), found.toString());
        facts = found.get(0).getAsJsonObject("evidence").get("facts").toString();
        assertTrue(facts.contains("the client (10.0.0.5) sent a fatal alert unknown_ca (48) in the clear"), facts);
    }

    @Test
    void aResetRightAfterTheClientHelloIsNamed() {
        Captures c = hello(Captures.pcap(), T, 40000)
                .tcp(T + 900, CARRIER + ":5061", LIVEKIT + ":40000", 5001, Segments.RST | Segments.ACK, new byte[0]);
        List<JsonObject> found = found(c.write(dir.resolve("reset.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).get("title").getAsString().contains("reset"), found.toString());
    }

    @Test
    void aPlaintextAnswerToTheClientHelloIsNotTls() {
        String bad = "SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
        Captures c = hello(Captures.pcap(), T, 40000).tcp(T + 900, CARRIER + ":5061", LIVEKIT + ":40000", 5001, bad);
        List<JsonObject> found = found(c.write(dir.resolve("plain.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).get("title").getAsString().contains("not TLS"), found.toString());
        assertTrue(found.get(0).getAsJsonObject("evidence").get("facts").toString()
                .contains("bytes that are not TLS (SIP/2.0 400 Bad Request)"), found.toString());
    }

    @Test
    void aServerSilentAfterTheClientHelloUntilTheClientGivesUpIsNamedWithTheWait() throws IOException {
        String lk = LIVEKIT + ":40000";
        String car = CARRIER + ":5061";
        // the server's TCP takes the hello (a bare ACK), its TLS never answers; the client closes after 20 s
        Captures c = hello(Captures.pcap(), T, 40000)
                .tcp(T + 700, car, lk, 5001, Segments.ACK, new byte[0])
                .tcp(T + 20 * SECOND + 600, lk, car, 1014, Segments.FIN | Segments.ACK, new byte[0]);
        List<JsonObject> found = found(c.write(dir.resolve("silent.pcap")), trunks(CARRIER + ":5061",
                "SIP_TRANSPORT_TLS"), "SIP_TLS_HANDSHAKE_FAILED");
        assertEquals(1, found.size(), found.toString());
        JsonObject f = found.get(0);
        String title = f.get("title").getAsString();
        assertTrue(title.contains(LIVEKIT + "'s TLS handshake with " + car + " failed: no answer to the ClientHello"),
                title);
        String facts = f.getAsJsonObject("evidence").get("facts").toString();
        assertTrue(facts.contains("the server (" + CARRIER + ") sent nothing in 20.0 s"), facts);
        assertTrue(facts.contains("the client closed the connection (FIN)"), facts);
        assertTrue(f.getAsJsonObject("evidence").get("frames").toString().contains("3"), f.toString());
        String why = f.get("explanation").getAsString();
        assertTrue(why.contains("no timeout of its own") && why.contains("never leaves"), why);
        String fix = f.getAsJsonObject("fix").toString();
        assertTrue(fix.contains("5061") && fix.contains("firewall") && fix.contains("server name (SNI)"), fix);
    }

    @Test
    void aClientHelloSentAgainUnansweredThenResetIsTheSameSilence() {
        String lk = LIVEKIT + ":40000";
        String car = CARRIER + ":5061";
        // no ACK for the hello at all: the client's TCP sends it again after 1 s and 3 s, then gives up
        Captures c = hello(Captures.pcap(), T, 40000)
                .tcp(T + SECOND + 600, lk, car, 1001, Segments.PSH | Segments.ACK, CLIENT_HELLO)
                .tcp(T + 3 * SECOND + 600, lk, car, 1001, Segments.PSH | Segments.ACK, CLIENT_HELLO)
                .tcp(T + 9 * SECOND + 600, lk, car, 1014, Segments.RST | Segments.ACK, new byte[0]);
        List<JsonObject> found = found(c.write(dir.resolve("resent.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED");
        assertEquals(1, found.size(), found.toString());
        String facts = found.get(0).getAsJsonObject("evidence").get("facts").toString();
        assertTrue(facts.contains("sent nothing in 9.0 s") && facts.contains("the client reset the connection"), facts);
    }

    @Test
    void aServerSilentToTheEndOfALongEnoughCaptureIsNamed() {
        // other traffic goes on for 8 s after the hello; the connection stays open and silent
        Captures c = hello(Captures.pcap(), T, 40000)
                .udp(T + 8 * SECOND, LIVEKIT + ":5060", "192.0.2.99:5060", "keepalive");
        List<JsonObject> found = found(c.write(dir.resolve("open.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED");
        assertEquals(1, found.size(), found.toString());
        String facts = found.get(0).getAsJsonObject("evidence").get("facts").toString();
        assertTrue(facts.contains("sent nothing in 8.0 s") && facts.contains("to the end of the capture"), facts);
    }

    @Test
    void aCaptureCutRightAfterTheClientHelloOrAClientThatLeavesAtOnceIsNoSilence() {
        String lk = LIVEKIT + ":40000";
        String car = CARRIER + ":5061";
        Captures cut = hello(Captures.pcap(), T, 40000);
        assertEquals(List.of(), found(cut.write(dir.resolve("cut.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED"));
        Captures shortly = hello(Captures.pcap(), T, 40000)
                .udp(T + 2 * SECOND, LIVEKIT + ":5060", "192.0.2.99:5060", "keepalive");
        assertEquals(List.of(), found(shortly.write(dir.resolve("short.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED"));
        Captures leaves = hello(Captures.pcap(), T, 40000)
                .tcp(T + 50_000, lk, car, 1014, Segments.FIN | Segments.ACK, new byte[0])
                .udp(T + 8 * SECOND, LIVEKIT + ":5060", "192.0.2.99:5060", "keepalive");
        assertEquals(List.of(), found(leaves.write(dir.resolve("leaves.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED"));
    }

    @Test
    void aTlsSessionThatCarriedDataAndEndsIsOrdinary() {
        byte[] serverHello = {0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00};
        byte[] data = {0x17, 0x03, 0x03, 0x00, 0x02, 0x11, 0x22};
        byte[] closeNotify = {0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00};
        String car = CARRIER + ":5061";
        String lk = LIVEKIT + ":40000";
        Captures c = hello(Captures.pcap(), T, 40000)
                .tcp(T + 900, car, lk, 5001, Segments.PSH | Segments.ACK, serverHello)
                .tcp(T + 1000, lk, car, 1014, Segments.PSH | Segments.ACK, data)
                .tcp(T + 2000, car, lk, 5010, Segments.PSH | Segments.ACK, closeNotify)
                .tcp(T + 3000, car, lk, 5017, Segments.RST | Segments.ACK, new byte[0]);
        assertEquals(List.of(), found(c.write(dir.resolve("ok.pcap")), null, "SIP_TLS_HANDSHAKE_FAILED"));
    }
}
