package org.sipladder.source.homer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.HomerStandIn;

class HomerClientTest {

    static final long T0 = 1_764_680_000_000_000L;
    static final TimeRange RANGE = new TimeRange(Instant.ofEpochSecond(T0 / 1_000_000 - 3600),
            Instant.ofEpochSecond(T0 / 1_000_000 + 3600));

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private HomerStandIn homer() throws IOException {
        HomerStandIn homer = HomerStandIn.twoCalls(T0);
        server.setDispatcher(homer);
        server.start();
        return homer;
    }

    private HomerClient client(HomerLogin login) throws HomerException {
        return new HomerClient(HomerServer.at(server.url("/").toString()), login);
    }

    private static HomerLogin admin() {
        return HomerLogin.user(HomerStandIn.USER, HomerStandIn.PASSWORD);
    }

    @Test
    void searchByNumberGroupsHomersMessageRowsIntoCallsWithTheirStatus() throws Exception {
        homer();
        try (HomerClient client = client(admin())) {
            List<HomerCall> calls = client.search(new HomerQuery("+4930999", null, RANGE, 100)).calls();
            assertEquals(1, calls.size());
            HomerCall c = calls.get(0);
            assertEquals("other-call", c.callId());
            assertEquals("+4930999", c.from());
            assertEquals("+4940888", c.to());
            assertEquals("INVITE", c.method());
            assertEquals("486", c.status(), "the final answer, not the 407 challenge before it");
            assertEquals(4, c.messages());
            assertEquals(Instant.EPOCH.plusNanos((T0 + 60_000_000) * 1000), c.start());
        }
    }

    @Test
    void rowsThatCannotBeReadAreLeftOutAndCountedByWhyInOneNotice() throws Exception {
        homer().brokenRows();
        try (HomerClient client = client(admin())) {
            HomerFound found = client.search(new HomerQuery(null, null, RANGE, 100));
            assertEquals(List.of("carrier-leg-1", "lk-leg-1", "other-call"), ids(found));
            assertEquals("Homer at " + HomerServer.at(server.url("/").toString()).display() + " answered the search "
                    + "with 13 rows; 4 could not be read and were left out (no Call-ID (callid or sid): 2; no readable "
                    + "time (timeSeconds or create_date): 1; not a JSON object: 1), so the calls listed may lack "
                    + "messages or be missing.", found.skipped());
        }
    }

    @Test
    void anAnswerWhoseRowsAllReadHasNoNotice() throws Exception {
        homer();
        try (HomerClient client = client(admin())) {
            assertEquals("", client.search(new HomerQuery(null, null, RANGE, 100)).skipped());
        }
    }

    @Test
    void theRequestsCarryWhatHomerAppBinds() throws Exception {
        homer();
        try (HomerClient client = client(admin())) {
            client.search(new HomerQuery("+4940777", null, RANGE, 50));
        }
        RecordedRequest login = server.takeRequest();
        assertEquals("/api/v3/auth", login.getUrl().encodedPath());
        JsonObject credentials = JsonParser.parseString(login.getBody().utf8()).getAsJsonObject();
        assertEquals(HomerStandIn.USER, credentials.get("username").getAsString());
        RecordedRequest nodes = server.takeRequest();
        assertEquals("GET", nodes.getMethod());
        assertEquals("/api/v3/database/node/list", nodes.getUrl().encodedPath());
        assertTrue(nodes.getHeaders().get("Authorization").startsWith("Bearer eyJ"));
        RecordedRequest search = server.takeRequest();
        assertEquals("/api/v3/search/call/data", search.getUrl().encodedPath());
        JsonObject body = JsonParser.parseString(search.getBody().utf8()).getAsJsonObject();
        assertEquals(RANGE.from().toEpochMilli(), body.getAsJsonObject("timestamp").get("from").getAsLong());
        assertEquals(RANGE.to().toEpochMilli(), body.getAsJsonObject("timestamp").get("to").getAsLong());
        JsonObject param = body.getAsJsonObject("param");
        assertEquals(HomerStandIn.NODE, param.getAsJsonObject("location").getAsJsonArray("node").get(0).getAsString());
        JsonArray elements = param.getAsJsonObject("search").getAsJsonArray("1_call");
        assertEquals("limit", elements.get(elements.size() - 1).getAsJsonObject().get("name").getAsString());
        assertEquals("50", elements.get(elements.size() - 1).getAsJsonObject().get("value").getAsString());
        assertEquals("+4940777", elements.get(0).getAsJsonObject().get("value").getAsString());
        assertEquals("||+4940777", elements.get(1).getAsJsonObject().get("value").getAsString());
    }

    @Test
    void aNumberMatchesCallerOrCalleeAndAWildcardWorksAsInHomersForm() throws Exception {
        homer();
        try (HomerClient client = client(admin())) {
            assertEquals(List.of("carrier-leg-1", "lk-leg-1"), ids(client.search(
                    new HomerQuery("+4940777", null, RANGE, 100))));
            assertEquals(List.of("carrier-leg-1", "lk-leg-1", "other-call"), ids(client.search(
                    new HomerQuery("+4930%", null, RANGE, 100))));
            assertEquals(List.of("carrier-leg-1", "lk-leg-1", "other-call"), ids(client.search(
                    new HomerQuery(null, null, RANGE, 100))));
        }
    }

    @Test
    void aCallIdSearchFindsThatCallAndANumberBesideItMustMatchToo() throws Exception {
        homer();
        try (HomerClient client = client(admin())) {
            assertEquals(List.of("lk-leg-1"), ids(client.search(new HomerQuery(null, "lk-leg-1", RANGE, 100))));
            assertEquals(List.of("lk-leg-1"), ids(client.search(new HomerQuery("+4930555", "lk-leg-1", RANGE, 100))));
            assertEquals(List.of(), ids(client.search(new HomerQuery("+4930999", "lk-leg-1", RANGE, 100))));
        }
    }

    @Test
    void theTimeRangeIsSentInMillisecondsAndLimitsTheCalls() throws Exception {
        homer();
        TimeRange lateOnly = new TimeRange(Instant.ofEpochSecond(T0 / 1_000_000 + 30),
                Instant.ofEpochSecond(T0 / 1_000_000 + 3600));
        try (HomerClient client = client(admin())) {
            assertEquals(List.of("other-call"), ids(client.search(new HomerQuery(null, null, lateOnly, 100))));
        }
    }

    @Test
    void legsAreTheCallAndWhatHomerCorrelatesToIt() throws Exception {
        homer();
        try (HomerClient client = client(admin())) {
            assertEquals(List.of("carrier-leg-1", "lk-leg-1"), client.legs(List.of("lk-leg-1"), RANGE));
            assertEquals(List.of(), client.legs(List.of("no-such-call"), RANGE));
        }
    }

    @Test
    void thePcapExportIsWrittenWholeWithTheCorrelatedLegs() throws Exception {
        homer();
        Path out = dir.resolve("homer.pcap");
        try (HomerClient client = client(admin())) {
            long bytes = client.exportPcap(List.of("carrier-leg-1"), RANGE, out);
            assertEquals(Files.size(out), bytes);
        }
        String text = new String(Files.readAllBytes(out), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("Call-ID: carrier-leg-1") && text.contains("Call-ID: lk-leg-1"));
        assertFalse(text.contains("other-call"));
        assertEquals(List.of(out), listing());
    }

    @Test
    void anExportWithNoMessagesSaysSoAndWritesNothing() throws Exception {
        homer();
        Path out = dir.resolve("none.pcap");
        try (HomerClient client = client(admin())) {
            HomerException e = assertThrows(HomerException.class,
                    () -> client.exportPcap(List.of("no-such-call"), RANGE, out));
            assertTrue(e.getMessage().contains("holds no messages"), e.getMessage());
        }
        assertEquals(List.of(), listing());
    }

    @Test
    void aWrongPasswordIsOneMessageWithoutThePassword() throws Exception {
        homer();
        try (HomerClient client = client(HomerLogin.user("admin", "s3cret-guess"))) {
            HomerException e = assertThrows(HomerException.class, client::signIn);
            assertTrue(e.getMessage().contains("refused user admin (incorrect password)"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret-guess"));
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void anExpiredJwtIsRenewedBySigningInAgainOnce() throws Exception {
        HomerStandIn homer = homer();
        try (HomerClient client = client(admin())) {
            assertEquals(2, client.search(new HomerQuery("+4930555", null, RANGE, 100)).calls().size());
            homer.expireTokens();
            assertEquals(2, client.search(new HomerQuery("+4930555", null, RANGE, 100)).calls().size());
        }
        assertEquals(2, homer.logins());
    }

    @Test
    void anApiTokenIsSentAsAuthTokenAndARefusedOneIsNamedWithoutItsValue() throws Exception {
        HomerStandIn homer = homer();
        try (HomerClient client = client(HomerLogin.apiToken(HomerStandIn.API_TOKEN))) {
            assertEquals(1, client.search(new HomerQuery("+4930999", null, RANGE, 100)).calls().size());
        }
        assertEquals(0, homer.logins());
        try (HomerClient client = client(HomerLogin.apiToken("expired-token-9876"))) {
            HomerException e = assertThrows(HomerException.class, client::signIn);
            assertTrue(e.getMessage().contains("refused the API token (invalid or expired jwt)"), e.getMessage());
            assertFalse(e.getMessage().contains("expired-token-9876"));
        }
    }

    @Test
    void anUnreachableServerIsOneMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HomerClient client = new HomerClient(HomerServer.at("http://127.0.0.1:" + port), admin());
        HomerException e = assertThrows(HomerException.class, client::signIn);
        assertEquals("Cannot connect to Homer at http://127.0.0.1:" + port + " (connection refused or unreachable); "
                + "check the URL and that Homer is running.", e.getMessage());
        client.close();
    }

    @Test
    void aSearchAnswerWhoseRowsNameNoCallIdIsNamedNotTakenForNoCalls() throws Exception {
        HomerStandIn homer = HomerStandIn.twoCalls(T0);
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return request.getUrl().encodedPath().equals("/api/v3/search/call/data")
                        ? new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                        .body("{\"total\":2,\"data\":[{\"id\":1,\"msg\":\"x\"},{\"id\":2}]}").build()
                        : homer.dispatch(request);
            }
        });
        server.start();
        try (HomerClient client = client(admin())) {
            HomerException e = assertThrows(HomerException.class,
                    () -> client.search(new HomerQuery(null, null, RANGE, 100)));
            assertTrue(e.getMessage().contains("answered the search with 2 rows but none names a Call-ID (callid or "
                    + "sid), not as Homer 7 does"), e.getMessage());
        }
        // an empty answer is no calls, as before
        assertEquals(List.of(), HomerCalls.of(new JsonArray(), null));
    }

    @Test
    void aServerThatIsNotHomerIsNamedAsSuch() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>router login</html>").build());
        server.start();
        try (HomerClient client = client(admin())) {
            HomerException e = assertThrows(HomerException.class, client::signIn);
            assertTrue(e.getMessage().contains("answered sign-in with text/html (HTTP 200), not as Homer 7 does"),
                    e.getMessage());
        }
    }

    @Test
    void aServerErrorAtSignInIsTheServersProblemNotAnotherProduct() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .body("{\"message\":\"database connection failed\"}").build());
        server.start();
        try (HomerClient client = client(admin())) {
            HomerException e = assertThrows(HomerException.class, client::signIn);
            assertTrue(e.getMessage().contains("failed to sign in user admin (HTTP 500: database connection failed)"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("not as Homer 7 does"), e.getMessage());
        }
    }

    @Test
    void terminalEscapeSequencesInHomersErrorTextGoWholeNotOnlyTheirEscByte() throws Exception {
        // a colour (CSI), a window title (OSC ended by BEL, then by ESC \\), an 8-bit CSI and a charset switch
        String message = "\u001b[1;31mdatabase\u001b[0m \u001b]0;owned\u0007connection\u001b]2;x\u001b\\ "
                + "\u009b2Jfailed\u001b(B";
        server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .body(errorObject(message)).build());
        server.start();
        try (HomerClient client = client(admin())) {
            HomerException e = assertThrows(HomerException.class, client::signIn);
            assertTrue(e.getMessage().contains("(HTTP 500: database connection failed)"), e.getMessage());
            assertFalse(e.getMessage().contains("owned"), e.getMessage());
        }
    }

    /** Homer's JSON error object, with gson's escaping of the text. */
    private static String errorObject(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("message", message);
        return o.toString();
    }

    @Test
    void anAnswerTrickledAByteAtATimeEndsAtTheDeadline() throws Exception {
        // each byte comes well within the 1 s allowed between bytes; the whole answer would take 20 s
        try (ServerSocket listener = new ServerSocket(0)) {
            Thread trickle = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 100; i++) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client hung up, as it should
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            HomerServer slow = HomerServer.at("http://127.0.0.1:" + listener.getLocalPort())
                    .withTimeout(Duration.ofSeconds(1));
            try (HomerClient client = new HomerClient(slow, admin())) {
                HomerException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> assertThrows(HomerException.class, client::signIn));
                assertTrue(e.getMessage().contains("did not finish its answer to sign-in within 3 s"), e.getMessage());
            }
        }
    }

    /**
     * The pcap export has no deadline for the whole (gigabytes may take long), only the time allowed between bytes:
     * a server sending a few bytes just within it held `homer open` for as long as it liked (tcp 1 byte every 2 s with
     * --timeout 3 ran until killed, leaving its temporary files). An export that brings less than 1 KB a second over
     * a whole timeout's worth of time ends with one message and no file, as curl's --speed-limit does.
     */
    @Test
    void aPcapExportTrickledSlowerThanAKilobyteASecondEndsAfterOneTimeout() throws Exception {
        HomerStandIn homer = HomerStandIn.twoCalls(T0);
        byte[] trickled = new byte[64 * 1024];
        System.arraycopy(Captures.pcap().toBytes(), 0, trickled, 0, 24);
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().endsWith("/pcap")) {
                    // 50 bytes every 100 ms: 500 bytes a second, each well within the second allowed between bytes
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                            .body(new okio.Buffer().write(trickled)).throttleBody(50, 100,
                                    java.util.concurrent.TimeUnit.MILLISECONDS).build();
                }
                return homer.dispatch(request);
            }
        });
        server.start();
        HomerServer slow = HomerServer.at(server.url("/").toString()).withTimeout(Duration.ofSeconds(1));
        Path out = dir.resolve("slow.pcap");
        try (HomerClient client = new HomerClient(slow, admin())) {
            HomerException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(HomerException.class, () -> client.exportPcap(List.of("lk-leg-1"), RANGE, out)));
            assertEquals("Homer at " + slow.display() + " sent the pcap export at less than 1 KB a second for 1 s; "
                    + "check your network to it, or choose fewer calls.", e.getMessage());
        }
        assertEquals(List.of(), listing());
    }

    @Test
    void aServerThatHangsUpMidAnswerNamesNoJavaClass() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"token\": \"abcdefgh").onResponseBody(new SocketEffect.CloseSocket()).build());
        server.start();
        try (HomerClient client = client(admin())) {
            HomerException e = assertThrows(HomerException.class, client::signIn);
            assertTrue(e.getMessage().contains("broke off sign-in"), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    @Test
    void aJsonAnswerLargerThanTheBoundIsRefusedWithoutReadingItWhole() throws Exception {
        homer();
        HomerServer small = HomerServer.at(server.url("/").toString()).withLimits(600, 1 << 20);
        try (HomerClient client = new HomerClient(small, admin())) {
            HomerException e = assertThrows(HomerException.class,
                    () -> client.search(new HomerQuery(null, null, RANGE, 100)));
            assertTrue(e.getMessage().startsWith("Homer's answer to the search from http://"), e.getMessage());
            assertTrue(e.getMessage().contains("is larger than 0 KB; narrow the time range"), e.getMessage());
        }
    }

    @Test
    void theSizeBoundMessageGivesAdviceThatFitsEachRequest() throws Exception {
        homer();
        HomerServer tiny = HomerServer.at(server.url("/").toString()).withLimits(10, 1 << 20);
        try (HomerClient client = new HomerClient(tiny, admin())) {
            // a sign-in answer is a token: no time range to narrow, a huge one is no Homer's
            HomerException e = assertThrows(HomerException.class, client::signIn);
            assertTrue(e.getMessage().startsWith("Homer's answer to sign-in from http://"), e.getMessage());
            assertFalse(e.getMessage().contains("time range"), e.getMessage());
            assertTrue(e.getMessage().contains("check the URL is Homer's web address"), e.getMessage());
        }
        HomerServer small = HomerServer.at(server.url("/").toString()).withLimits(600, 1 << 20);
        try (HomerClient client = new HomerClient(small, admin())) {
            HomerException e = assertThrows(HomerException.class, () -> client.legs(List.of("lk-leg-1"), RANGE));
            assertTrue(e.getMessage().startsWith("Homer's answer to the call's messages from http://"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("search by number"), e.getMessage());
            assertTrue(e.getMessage().contains("fewer calls"), e.getMessage());
        }
    }

    @Test
    void aPcapLargerThanTheBoundLeavesNoFile() throws Exception {
        homer();
        HomerServer small = HomerServer.at(server.url("/").toString()).withLimits(1 << 20, 100);
        Path out = dir.resolve("big.pcap");
        try (HomerClient client = new HomerClient(small, admin())) {
            HomerException e = assertThrows(HomerException.class,
                    () -> client.exportPcap(List.of("lk-leg-1"), RANGE, out));
            assertTrue(e.getMessage().contains("pcap export") && e.getMessage().contains("choose fewer calls"),
                    e.getMessage());
        }
        assertEquals(List.of(), listing());
    }

    @Test
    void aUrlWithCredentialsOrAnotherSchemeIsHandled() throws Exception {
        HomerServer s = HomerServer.at("https://bob:hunter2@homer.example.com:9443/homer?x=1");
        assertEquals("https://homer.example.com:9443/homer", s.display());
        assertEquals("/homer/api/v3/auth", s.api("auth").encodedPath());
        assertEquals("http://homer.example.com:9080", HomerServer.at("homer.example.com:9080").display());
        HomerException e = assertThrows(HomerException.class, () -> HomerServer.at("ftp://homer.example.com"));
        assertEquals("The Homer URL must start with http:// or https://, not ftp://", e.getMessage());
        assertTrue(HomerLogin.user("u", "pw-secret").toString().indexOf("pw-secret") < 0);
        assertEquals(Duration.ofSeconds(20), s.timeout());
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static List<String> ids(HomerFound found) {
        return found.calls().stream().map(HomerCall::callId).toList();
    }
}
