package org.sipladder.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A Homer 7 stand-in for MockWebServer, modelled on sipcapture/homer-app's handlers: {@code POST /api/v3/auth}
 * (201 with a JWT, 401 "incorrect password"), JWT or {@code Auth-Token} checks on every other route (401 "invalid
 * or expired jwt"), {@code GET /api/v3/database/node/list}, {@code POST /api/v3/search/call/data} (201; elements
 * joined by AND, a value starting with "||" by OR, {@code %} a wildcard, the {@code limit} element read where it
 * stands and any element after it breaking the query, as homer-app's SQL builder does; only the listed nodes are
 * searched; times in Unix ms), {@code POST /api/v3/call/transaction} (201, the calls plus the legs correlated to
 * them) and {@code POST /api/v3/export/call/messages/pcap} (200, a pcap of the same messages as UDP over Ethernet).
 */
public final class HomerStandIn extends Dispatcher {

    public static final String USER = "admin";
    public static final String PASSWORD = "sipcapture";
    public static final String API_TOKEN = "homer-api-token-1234";
    public static final String NODE = "localnode";

    /** One stored SIP message with the fields heplify-server puts in data_header and protocol_header. */
    private record Stored(long micros, String src, String dst, String text, String callId, String method,
            String fromUser, String toUser, String ruriUser) {
    }

    private final List<Stored> stored = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> correlated = new HashMap<>();
    private final Set<String> validTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile int exportPacketsBeforeDamage = -1;
    private final List<JsonElement> brokenRows = new CopyOnWriteArrayList<>();

    /**
     * Two calls: at {@code t0} (microseconds) +4930555 calls +4940777 through a B2BUA at 10.0.0.1, whose carrier
     * leg {@code carrier-leg-1} and LiveKit leg {@code lk-leg-1} Homer correlates, answered 200; at t0 + 60 s
     * +4930999 calls +4940888 (Call-ID {@code other-call}), refused 486 after a 407 challenge.
     */
    public static HomerStandIn twoCalls(long t0) {
        String carrier = "192.0.2.9:5060";
        String b2bua = "10.0.0.1:5060";
        String liveKit = "10.0.0.2:5060";
        return new HomerStandIn()
                .message(t0, carrier, b2bua, call("INVITE", "+4930555", "+4940777", "carrier-leg-1", 1))
                .message(t0 + 20_000, b2bua, liveKit, call("INVITE", "+4930555", "+4940777", "lk-leg-1", 1))
                .message(t0 + 30_000, liveKit, b2bua, answer(100, "Trying", "+4930555", "+4940777", "lk-leg-1"))
                .message(t0 + 900_000, liveKit, b2bua, answer(200, "OK", "+4930555", "+4940777", "lk-leg-1"))
                .message(t0 + 910_000, b2bua, carrier, answer(200, "OK", "+4930555", "+4940777", "carrier-leg-1"))
                .correlate("carrier-leg-1", "lk-leg-1")
                .message(t0 + 60_000_000, carrier, b2bua, call("INVITE", "+4930999", "+4940888", "other-call", 1))
                .message(t0 + 60_010_000, b2bua, carrier, answer(407, "Proxy Authentication Required", "+4930999",
                        "+4940888", "other-call"))
                .message(t0 + 60_050_000, carrier, b2bua, call("INVITE", "+4930999", "+4940888", "other-call", 2))
                .message(t0 + 60_090_000, b2bua, carrier, answer(486, "Busy Here", "+4930999", "+4940888",
                        "other-call"));
    }

    private static String call(String method, String from, String to, String callId, int cseq) {
        return method + " sip:" + to + "@sip.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-" + callId + "-" + cseq + "\r\n"
                + "From: <sip:" + from + "@example.com>;tag=a1\r\n"
                + "To: <sip:" + to + "@sip.example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String answer(int status, String reason, String from, String to, String callId) {
        return "SIP/2.0 " + status + " " + reason + "\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-" + callId + "-1\r\n"
                + "From: <sip:" + from + "@example.com>;tag=a1\r\n"
                + "To: <sip:" + to + "@sip.example.com>;tag=b1\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** Stores a message sent at {@code micros} from {@code src} to {@code dst} ("ip:port"). */
    public HomerStandIn message(long micros, String src, String dst, String text) {
        String firstLine = text.substring(0, text.indexOf("\r\n"));
        String[] parts = firstLine.split(" ");
        boolean response = firstLine.startsWith("SIP/2.0 ");
        String method = response ? parts[1] : parts[0];
        String ruri = response ? "" : user(parts[1]);
        stored.add(new Stored(micros, src, dst, text, header(text, "Call-ID"), method, user(header(text, "From")),
                user(header(text, "To")), ruri));
        return this;
    }

    /** Homer's correlation mapping joins these Call-IDs (as a B2BUA's X-CID header would). */
    public HomerStandIn correlate(String a, String b) {
        correlated.computeIfAbsent(a, k -> new HashSet<>()).add(b);
        correlated.computeIfAbsent(b, k -> new HashSet<>()).add(a);
        return this;
    }

    /**
     * Every search answer also holds, after its rows, rows no Homer message row can be (no Call-ID, an unreadable
     * time, no object): as a Homer with a damaged table or of another version might send.
     */
    public HomerStandIn brokenRows() {
        brokenRows.add(JsonParser.parseString("{\"method\":\"INVITE\",\"create_date\":1764680000000}"));
        brokenRows.add(JsonParser.parseString("{\"callid\":\"no-time\",\"method\":\"INVITE\",\"create_date\":\"soon\"}"));
        brokenRows.add(JsonParser.parseString("{\"sid\":\"\",\"timeSeconds\":1764680000}"));
        brokenRows.add(JsonParser.parseString("\"row\""));
        return this;
    }

    /** Pcap exports hold only their first {@code packets} packets, then a record header no pcap can have. */
    public void damageExports(int packets) {
        exportPacketsBeforeDamage = packets;
    }

    /** Every JWT handed out so far expires. */
    public void expireTokens() {
        validTokens.clear();
    }

    public int logins() {
        return logins.get();
    }

    /** The paths requested, in order. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        paths.add(path);
        if (path.equals("/api/v3/auth") && request.getMethod().equals("POST")) {
            return login(body(request));
        }
        if (!path.startsWith("/api/v3/")) {
            return json(404, "{\"message\":\"Not Found\"}");
        }
        if (!authorized(request)) {
            return json(401, "{\"message\":\"invalid or expired jwt\"}");
        }
        return switch (path) {
            case "/api/v3/database/node/list" -> json(200, "{\"count\":1,\"data\":[{\"value\":\"" + NODE
                    + "\",\"name\":\"LocalNode\"}]}");
            case "/api/v3/search/call/data" -> search(body(request));
            case "/api/v3/call/transaction" -> transaction(body(request));
            case "/api/v3/export/call/messages/pcap" -> pcap(body(request));
            default -> json(404, "{\"message\":\"Not Found\"}");
        };
    }

    private MockResponse login(JsonObject body) {
        String user = text(body, "username");
        String password = text(body, "password");
        if (user.isEmpty() || password.isEmpty()) {
            return json(400, "{\"data\":{},\"message\":\"Key: 'UserloginDetails.Username' Error:Field validation\"}");
        }
        if (!user.equals(USER) || !password.equals(PASSWORD)) {
            return json(401, "{\"statuscode\":401,\"error\":\"Unauthorized\",\"message\":\"incorrect password\"}");
        }
        String token = "eyJhbGciOiJIUzI1NiJ9.jwt-" + logins.incrementAndGet();
        validTokens.add(token);
        return json(201, "{\"token\":\"" + token + "\",\"scope\":\"b9f6q23a-0bde\",\"user\":{\"admin\":true}}");
    }

    private boolean authorized(RecordedRequest request) {
        String bearer = request.getHeaders().get("Authorization");
        if (bearer != null && bearer.startsWith("Bearer ") && validTokens.contains(bearer.substring(7))) {
            return true;
        }
        return API_TOKEN.equals(request.getHeaders().get("Auth-Token"));
    }

    private MockResponse search(JsonObject body) {
        JsonObject param = body.getAsJsonObject("param");
        long from = body.getAsJsonObject("timestamp").get("from").getAsLong() / 1000 * 1_000_000;
        long to = body.getAsJsonObject("timestamp").get("to").getAsLong() / 1000 * 1_000_000;
        boolean nodeListed = nodes(param).contains(NODE);
        JsonArray elements = param.getAsJsonObject("search").getAsJsonArray("1_call");
        int limit = 200;
        boolean afterLimit = false;
        boolean broken = false;
        for (JsonElement e : elements) {
            if (afterLimit) {
                broken = true; // homer-app: the first element after "limit" starts its SQL with AND: a query error
            }
            if (text(e.getAsJsonObject(), "name").equals("limit")) {
                limit = Integer.parseInt(text(e.getAsJsonObject(), "value"));
                afterLimit = true;
            }
        }
        JsonArray data = new JsonArray();
        if (nodeListed && !broken) {
            for (Stored s : sorted()) {
                if (s.micros >= from && s.micros <= to && matches(s, elements) && data.size() < limit) {
                    data.add(row(s));
                }
            }
        }
        if (nodeListed && !broken) {
            brokenRows.forEach(data::add);
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("total", data.size());
        reply.add("data", data);
        reply.add("keys", new JsonArray());
        return json(201, reply.toString());
    }

    private static boolean matches(Stored s, JsonArray elements) {
        Boolean result = null;
        for (JsonElement e : elements) {
            JsonObject o = e.getAsJsonObject();
            String name = text(o, "name");
            if (name.equals("limit")) {
                continue;
            }
            String value = text(o, "value");
            boolean or = value.startsWith("||");
            value = or ? value.substring(2) : value;
            String field = switch (name) {
                case "data_header.callid" -> s.callId;
                case "data_header.from_user" -> s.fromUser;
                case "data_header.to_user" -> s.toUser;
                case "data_header.ruri_user" -> s.ruriUser;
                case "data_header.method" -> s.method;
                default -> throw new IllegalArgumentException("Rejected search field name: " + name);
            };
            boolean hit = like(field, value);
            result = result == null ? hit : or ? result || hit : result && hit;
        }
        return result == null || result;
    }

    private static boolean like(String field, String value) {
        StringBuilder regex = new StringBuilder();
        for (String part : value.split("%", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return field.matches(regex.toString());
    }

    private MockResponse transaction(JsonObject body) {
        JsonArray messages = new JsonArray();
        for (Stored s : selected(body)) {
            messages.add(row(s));
        }
        JsonObject data = new JsonObject();
        data.add("messages", messages);
        data.add("hosts", new JsonObject());
        data.add("calldata", new JsonArray());
        data.add("alias", new JsonObject());
        JsonObject reply = new JsonObject();
        reply.addProperty("total", messages.size());
        reply.add("data", data);
        reply.add("keys", new JsonArray());
        return json(201, reply.toString());
    }

    private MockResponse pcap(JsonObject body) {
        Captures pcap = Captures.pcap();
        List<Stored> messages = selected(body);
        int damageAt = exportPacketsBeforeDamage;
        for (Stored s : damageAt < 0 ? messages : messages.subList(0, Math.min(damageAt, messages.size()))) {
            pcap.udp(s.micros, s.src, s.dst, s.text);
        }
        Buffer bytes = new Buffer().write(pcap.toBytes());
        if (damageAt >= 0) {
            bytes.write(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                .addHeader("Content-Disposition", "attachment; filename=export-2026-12-02T15:00:00Z.pcap")
                .body(bytes).build();
    }

    /** The messages of the requested Call-IDs and of the legs correlated to them, in the time range, in time order. */
    private List<Stored> selected(JsonObject body) {
        long from = body.getAsJsonObject("timestamp").get("from").getAsLong() / 1000 * 1_000_000;
        long to = body.getAsJsonObject("timestamp").get("to").getAsLong() / 1000 * 1_000_000;
        JsonObject param = body.getAsJsonObject("param");
        Set<String> ids = new HashSet<>();
        if (nodes(param).contains(NODE)) {
            for (JsonElement id : param.getAsJsonObject("search").getAsJsonObject("1_call").getAsJsonArray("callid")) {
                ids.add(id.getAsString());
                ids.addAll(correlated.getOrDefault(id.getAsString(), Set.of()));
            }
        }
        List<Stored> selected = new ArrayList<>();
        for (Stored s : sorted()) {
            if (ids.contains(s.callId) && s.micros >= from && s.micros <= to) {
                selected.add(s);
            }
        }
        return selected;
    }

    private List<Stored> sorted() {
        List<Stored> all = new ArrayList<>(stored);
        all.sort(Comparator.comparingLong(Stored::micros));
        return all;
    }

    /** A row as homer-app's SearchData writes it: data_header and protocol_header merged, create_date in ms. */
    private JsonObject row(Stored s) {
        JsonObject o = new JsonObject();
        o.addProperty("id", stored.indexOf(s) + 1);
        o.addProperty("sid", s.callId);
        o.addProperty("callid", s.callId);
        o.addProperty("method", s.method);
        o.addProperty("from_user", s.fromUser);
        o.addProperty("to_user", s.toUser);
        o.addProperty("ruri_user", s.ruriUser);
        o.addProperty("user_agent", "stand-in");
        o.addProperty("srcIp", s.src.substring(0, s.src.lastIndexOf(':')));
        o.addProperty("dstIp", s.dst.substring(0, s.dst.lastIndexOf(':')));
        o.addProperty("srcPort", Integer.parseInt(s.src.substring(s.src.lastIndexOf(':') + 1)));
        o.addProperty("dstPort", Integer.parseInt(s.dst.substring(s.dst.lastIndexOf(':') + 1)));
        o.addProperty("protocol", 17);
        o.addProperty("protocolFamily", 2);
        o.addProperty("payloadType", 1);
        o.addProperty("captureId", 2001);
        o.addProperty("timeSeconds", s.micros / 1_000_000);
        o.addProperty("timeUseconds", s.micros % 1_000_000);
        o.addProperty("create_date", s.micros / 1000);
        o.addProperty("node", NODE);
        o.addProperty("dbnode", NODE);
        o.addProperty("table", "hep_proto_1_default");
        return o;
    }

    private static Set<String> nodes(JsonObject param) {
        Set<String> nodes = new HashSet<>();
        JsonObject location = param.getAsJsonObject("location");
        if (location != null && location.has("node")) {
            location.getAsJsonArray("node").forEach(n -> nodes.add(n.getAsString()));
        }
        return nodes;
    }

    private static JsonObject body(RecordedRequest request) {
        return JsonParser.parseString(request.getBody().utf8()).getAsJsonObject();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(body).build();
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private static String header(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s*(.*?)\\r?$").matcher(text);
        return m.find() ? m.group(1).strip() : "";
    }

    private static String user(String uriOrHeader) {
        Matcher m = Pattern.compile("sips?:([^@;>]+)@").matcher(uriOrHeader);
        return m.find() ? m.group(1) : "";
    }
}
