package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import livekit.LivekitSip.ListSIPDispatchRuleResponse;
import livekit.LivekitSip.ListSIPInboundTrunkResponse;
import livekit.LivekitSip.ListSIPOutboundTrunkResponse;
import livekit.LivekitSip.SIPMediaEncryption;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live path against a local server speaking LiveKit's Twirp protocol (protobuf bodies). */
class LiveKitApiSourceTest {

    private static final String SECRET = "s3cr3t-api-secret-that-must-not-leak-0123456789";

    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsTrunksRulesAndOutboundTrunksWithASignedToken() throws Exception {
        server.enqueue(protobuf(ListSIPInboundTrunkResponse.newBuilder()
                .addItems(LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_a\",\"numbers\":[\"+1555\"],"
                        + "\"authUsername\":\"u\",\"authPassword\":\"p\"}")).build().toByteArray()));
        server.enqueue(protobuf(ListSIPDispatchRuleResponse.newBuilder()
                .addItems(LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_a\",\"trunkIds\":[\"ST_a\"]}"))
                .build().toByteArray()));
        server.enqueue(protobuf(ListSIPOutboundTrunkResponse.newBuilder()
                .addItems(LiveKitFixtures.outboundTrunk("{\"sipTrunkId\":\"ST_out\",\"address\":\"sip.example.net\","
                        + "\"numbers\":[\"+1555\"],\"authUsername\":\"o\",\"authPassword\":\"q\"}"))
                .build().toByteArray()));

        LiveKitConfig config = new LiveKitApiSource(settings(Duration.ofSeconds(5))).fetch();

        assertEquals("ST_a", config.trunks().get(0).getSipTrunkId());
        assertEquals("sip.example.net", config.outboundTrunks().get(0).getAddress());
        assertEquals("p", config.trunks().get(0).getAuthPassword(), "kept in memory for digest checks");
        assertEquals("SDR_a", config.rules().get(0).getSipDispatchRuleId());
        RecordedRequest trunks = server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest rules = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", trunks.getMethod());
        assertEquals("/twirp/livekit.SIP/ListSIPInboundTrunk", trunks.getUrl().encodedPath());
        assertEquals("/twirp/livekit.SIP/ListSIPDispatchRule", rules.getUrl().encodedPath());
        assertEquals("/twirp/livekit.SIP/ListSIPOutboundTrunk",
                server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath());
        assertTrue(trunks.getHeaders().get("Content-Type").startsWith("application/protobuf"));
        JsonObject claims = jwtClaims(trunks.getHeaders().get("Authorization"));
        assertEquals("APIkey123", claims.get("iss").getAsString());
        assertTrue(claims.getAsJsonObject("sip").get("admin").getAsBoolean());
        assertFalse(trunks.getHeaders().toString().contains(SECRET));
    }

    /** A SIPMediaConfig on the wire, written field by field (the SDK has no such message). */
    private static ByteString media(boolean onlyListed, String codec, int rate, int encryption, long timeoutSeconds)
            throws IOException {
        ByteString.Output out = ByteString.newOutput();
        CodedOutputStream wire = CodedOutputStream.newInstance(out);
        wire.writeBool(1, onlyListed);
        ByteString.Output c = ByteString.newOutput();
        CodedOutputStream codecWire = CodedOutputStream.newInstance(c);
        codecWire.writeString(1, codec);
        codecWire.writeUInt32(2, rate);
        codecWire.flush();
        wire.writeBytes(2, c.toByteString());
        wire.writeEnum(3, encryption);
        ByteString.Output d = ByteString.newOutput();
        CodedOutputStream durationWire = CodedOutputStream.newInstance(d);
        durationWire.writeInt64(1, timeoutSeconds);
        durationWire.flush();
        wire.writeBytes(4, d.toByteString());
        wire.flush();
        return out.toByteString();
    }

    private static UnknownFieldSet withField(int number, ByteString value) {
        return UnknownFieldSet.newBuilder().addField(number, UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(value).build()).build();
    }

    @Test
    void trunksAndRulesMediaFromTheApiReachTheCallsMediaConfig() throws Exception {
        // media is field 20 of SIPInboundTrunkInfo and 16 of SIPDispatchRuleInfo (livekit_sip.proto), unknown to the SDK
        server.enqueue(protobuf(ListSIPInboundTrunkResponse.newBuilder()
                .addItems(LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_a\",\"numbers\":[\"+1555\"]}").toBuilder()
                        .setUnknownFields(withField(20, media(true, "G722", 8000, 2, 0)))).build().toByteArray()));
        server.enqueue(protobuf(ListSIPDispatchRuleResponse.newBuilder()
                .addItems(LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_a\",\"trunkIds\":[\"ST_a\"],"
                        + "\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"r\"}}}").toBuilder()
                        .setUnknownFields(withField(16, media(false, "PCMU", 8000, 0, 42)))).build().toByteArray()));
        // and field 18 of SIPOutboundTrunkInfo, which LiveKit builds its outbound offer from
        server.enqueue(protobuf(ListSIPOutboundTrunkResponse.newBuilder()
                .addItems(LiveKitFixtures.outboundTrunk("{\"sipTrunkId\":\"ST_out\",\"address\":\"sip.example.net\"}")
                        .toBuilder().setUnknownFields(withField(18, media(true, "PCMA", 8000, 1, 20))))
                .build().toByteArray()));

        LiveKitConfig config = new LiveKitApiSource(settings(Duration.ofSeconds(5))).fetch();

        MediaConfig trunk = config.media().ofTrunk(config.trunk("ST_a"));
        assertEquals(new MediaConfig(true, java.util.List.of(new MediaConfig.Codec("G722", 8000)),
                SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE, 0), trunk);
        CallMedia call = CallMedia.of(config, config.trunk("ST_a"), config.rule("SDR_a"));
        // the rule's codecs (with its only_listed_codecs, false) over the trunk's; its 42 s timeout; the trunk's
        // encryption, as the rule's DISABLE does not override it
        assertEquals(java.util.List.of("PCMU/8000", "PCMA/8000", "G722/8000"), call.acceptedCodecs());
        assertEquals(42_000_000L, call.laterTimeoutMicros());
        assertTrue(call.encryption().required(), call.encryption().describe());
        assertEquals("dispatch rule SDR_a", call.timeoutBy());
        CallMedia out = CallMedia.ofOutbound(config, config.outboundTrunk("ST_out"));
        assertEquals(java.util.List.of("PCMA/8000"), out.acceptedCodecs());
        assertEquals(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_ALLOW, out.encryption().value());
        assertEquals("outbound trunk ST_out", out.timeoutBy());
    }

    @Test
    void aProjectWithoutTrunksOrRulesIsListedAsHavingNone() throws Exception {
        server.enqueue(protobuf(new byte[0]));
        server.enqueue(protobuf(new byte[0]));
        server.enqueue(protobuf(new byte[0]));

        LiveKitConfig config = new LiveKitApiSource(settings(Duration.ofSeconds(5))).fetch();

        assertTrue(config.trunks().isEmpty() && config.rules().isEmpty() && config.outboundTrunks().isEmpty());
        // the API listed the project whole: no inbound trunk means LiveKit finds none for any call
        assertTrue(config.inboundListed());
        assertTrue(config.hasInbound());
        assertFalse(config.isEmpty());
    }

    @Test
    void unauthorizedNamesTheKeyButNotTheSecret() {
        server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"code\":\"unauthenticated\",\"msg\":\"invalid token\"}").build());

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> new LiveKitApiSource(settings(Duration.ofSeconds(5))).fetch());

        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertTrue(e.getMessage().contains("LIVEKIT_API_SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("APIkey123"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void notFoundSaysTheUrlIsWrong() {
        server.enqueue(new MockResponse.Builder().code(404).body("404 page not found").build());

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> new LiveKitApiSource(settings(Duration.ofSeconds(5))).fetch());

        assertTrue(e.getMessage().contains("404") && e.getMessage().contains("LIVEKIT_URL"), e.getMessage());
    }

    @Test
    void aServerThatTakesNoPostIsNoLiveKitApiNotAnOutage() {
        // a plain web server answers LiveKit's POST with 501 (or 405): no point in trying again later
        for (int code : new int[] {501, 405}) {
            server.enqueue(new MockResponse.Builder().code(code).body("Unsupported method ('POST')").build());

            LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                    () -> new LiveKitApiSource(settings(Duration.ofSeconds(5))).fetch());

            assertTrue(e.getMessage().startsWith("No LiveKit SIP API at "), e.getMessage());
            assertTrue(e.getMessage().contains("(" + code + " for ListSIPInboundTrunk)"), e.getMessage());
            assertFalse(e.getMessage().contains("try again later"), e.getMessage());
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        long start = System.nanoTime();

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> new LiveKitApiSource(settings(Duration.ofMillis(400))).fetch());

        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        // no setting, in the CLI or the app, changes the timeout: the message must not send the user looking for one
        assertFalse(e.getMessage().contains("timeout"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void anHtmlPageIsNotTheSipApi() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html><body>Welcome</body></html>").build());

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> new LiveKitApiSource(settings(Duration.ofSeconds(5))).fetch());

        assertTrue(e.getMessage().contains("LIVEKIT_URL"), e.getMessage());
    }

    @Test
    void aServerThatHangsUpWithoutAnsweringSaysSoInPlainWords() {
        for (int i = 0; i < 3; i++) { // OkHttp may retry a request whose connection was dropped
            server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        }
        long start = System.nanoTime();

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> new LiveKitApiSource(settings(Duration.ofSeconds(5))).fetch());

        assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
        assertFalse(e.getMessage().contains("not found: limit"), e.getMessage());
        assertFalse(e.getMessage().contains("Cannot connect"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
    }

    @Test
    void anAnswerThatIsNotProtobufNamesNoJavaClass() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/protobuf")
                .body(new Buffer().write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})).build());

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> new LiveKitApiSource(settings(Duration.ofSeconds(5))).fetch());

        assertTrue(e.getMessage().contains("not LiveKit's SIP API"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void anAnswerLargerThanTheBoundIsRefusedWhileItIsRead() {
        byte[] big = ListSIPInboundTrunkResponse.newBuilder()
                .addItems(LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_" + "a".repeat(4000) + "\"}")).build().toByteArray();
        // once with its length said up front, once sent in chunks without one
        server.enqueue(protobuf(big));
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/protobuf")
                .chunkedBody(new Buffer().write(big), 512).build());

        for (int i = 0; i < 2; i++) {
            LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                    () -> new LiveKitApiSource(settings(Duration.ofSeconds(5)), SocketFactory.getDefault(), 1024).fetch());

            assertEquals("LiveKit at " + server.url("/") + " answered ListSIPInboundTrunk with more than 1024 bytes; "
                    + "check LIVEKIT_URL points to your LiveKit project.", e.getMessage());
        }
    }

    @Test
    void unreachableHostIsAClearError() throws Exception {
        int port = server.getPort();
        server.close(); // nothing listens there any more
        ApiSettings closed = new ApiSettings("http://127.0.0.1:" + port, "APIkey123", SECRET, Duration.ofSeconds(2));

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> new LiveKitApiSource(closed).fetch());

        assertTrue(e.getMessage().contains("Cannot connect"), e.getMessage());
    }

    /** A host without a route (no network, no IPv6 route) fails in connect(), as Linux's ENETUNREACH does. */
    @Test
    void anUnreachableNetworkSaysSoAndNotThatTheAnswerIsWrong() {
        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> new LiveKitApiSource(settings(Duration.ofSeconds(2)), failingConnect(new SocketException("Network is unreachable"))).fetch());

        assertTrue(e.getMessage().contains("Network is unreachable"), e.getMessage());
        assertTrue(e.getMessage().contains("Cannot connect"), e.getMessage());
        assertFalse(e.getMessage().contains("not LiveKit's SIP API"), e.getMessage());
    }

    @Test
    void anUnknownHostSaysTheNameCannotBeFound() {
        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> new LiveKitApiSource(settings(Duration.ofSeconds(2)), failingConnect(new UnknownHostException("lk.invalid"))).fetch());

        assertTrue(e.getMessage().contains("cannot be found"), e.getMessage());
    }

    private static SocketFactory failingConnect(IOException failure) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public void connect(SocketAddress endpoint, int timeout) throws IOException {
                        throw failure;
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void urlsBecomeHttpBaseUrls() throws Exception {
        assertEquals("https://p.livekit.cloud/", LiveKitApiSource.httpUrl(withUrl("wss://p.livekit.cloud")));
        assertEquals("http://localhost:7880/", LiveKitApiSource.httpUrl(withUrl("ws://localhost:7880")));
        assertEquals("https://p.livekit.cloud/", LiveKitApiSource.httpUrl(withUrl("p.livekit.cloud")));
        assertEquals("https://h/lk/", LiveKitApiSource.httpUrl(withUrl("https://h/lk")));
        LiveKitConfigException ftp = assertThrows(LiveKitConfigException.class,
                () -> LiveKitApiSource.httpUrl(withUrl("ftp://h")));
        assertTrue(ftp.getMessage().contains("wss://"), ftp.getMessage());
        // the URL may come from --livekit-url or the Connect dialog, not only from LIVEKIT_URL
        assertTrue(ftp.getMessage().startsWith("The LiveKit URL \"ftp://h\""), ftp.getMessage());
        LiveKitConfigException bad = assertThrows(LiveKitConfigException.class,
                () -> LiveKitApiSource.httpUrl(withUrl("wss://a b")));
        assertTrue(bad.getMessage().startsWith("The LiveKit URL \"wss://a b\" is not a valid URL"), bad.getMessage());
        assertThrows(LiveKitConfigException.class, () -> LiveKitApiSource.httpUrl(withUrl("")));
    }

    @Test
    void missingKeyOrSecretIsNamed() {
        ApiSettings env = ApiSettings.fromEnvironment(Map.of("LIVEKIT_URL", "wss://p.livekit.cloud",
                "LIVEKIT_API_KEY", "APIkey123"));

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> new LiveKitApiSource(env).fetch());

        assertTrue(e.getMessage().contains("LIVEKIT_API_SECRET"), e.getMessage());
        assertFalse(env.isComplete());
    }

    @Test
    void settingsNeverShowTheSecret() {
        ApiSettings s = ApiSettings.fromEnvironment(Map.of("LIVEKIT_URL", "wss://p.livekit.cloud",
                "LIVEKIT_API_KEY", "APIkey123", "LIVEKIT_API_SECRET", SECRET));

        assertTrue(s.isComplete());
        assertEquals(ApiSettings.DEFAULT_TIMEOUT, s.timeout());
        assertFalse(s.toString().contains(SECRET));
        assertTrue(s.toString().contains("apiSecret=set"));
    }

    private ApiSettings settings(Duration timeout) {
        return new ApiSettings(server.url("/").toString(), "APIkey123", SECRET, timeout);
    }

    private static ApiSettings withUrl(String url) {
        return new ApiSettings(url, "k", "s", null);
    }

    private static MockResponse protobuf(byte[] body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/protobuf")
                .body(new Buffer().write(body)).build();
    }

    private static JsonObject jwtClaims(String authorization) {
        assertTrue(authorization.startsWith("Bearer "), authorization);
        String[] parts = authorization.substring(7).split("\\.");
        assertEquals(3, parts.length);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return JsonParser.parseString(payload).getAsJsonObject();
    }
}
