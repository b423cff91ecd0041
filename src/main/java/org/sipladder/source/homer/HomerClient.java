package org.sipladder.source.homer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import org.sipladder.OutputFile;

/**
 * Homer 7's API (sipcapture/homer-app, routes under {@code /api/v3}): sign in, search calls, find the legs its
 * correlation joins to them, export their messages as pcap. Answers are read with a size bound and every failure
 * is one {@link HomerException} naming the server, never the password or token. A JWT that expires between two
 * requests is renewed once by signing in again. {@link #close()} cancels what is in flight.
 */
public final class HomerClient implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Set<ByteString> PCAP_MAGIC = Set.of(ByteString.decodeHex("d4c3b2a1"),
            ByteString.decodeHex("a1b2c3d4"), ByteString.decodeHex("4d3cb2a1"), ByteString.decodeHex("a1b23c4d"));
    private static final int PCAP_HEADER = 24;
    /**
     * What to do when an answer of a few kilobytes at most in Homer 7 (the sign-in's token, the list of database
     * nodes) is beyond the size bound: no search narrows it; the server is not Homer.
     */
    private static final String NOT_HOMER_SIZE = "Homer 7 answers it in a few kilobytes: check the URL is Homer's web "
            + "address.";

    /** The slowest pace of a pcap export taken, over any stretch of {@link HomerServer#timeout()}. */
    static final long MIN_EXPORT_BYTES_PER_SECOND = 1024;

    private final HomerServer server;
    private final HomerLogin login;
    private final OkHttpClient http;
    private String jwt;
    private List<String> nodes;

    public HomerClient(HomerServer server, HomerLogin login) {
        this.server = server;
        this.login = login;
        this.http = new OkHttpClient.Builder().connectTimeout(server.timeout()).readTimeout(server.timeout())
                .writeTimeout(server.timeout()).followRedirects(false).build();
    }

    /** Signs in (with a user; an API token is checked by the first request): wrong credentials fail here. */
    public void signIn() throws HomerException {
        if (login.usesApiToken()) {
            nodes();
        } else {
            jwt = requestToken();
        }
    }

    /** The calls that match {@code query}, earliest first, with a notice of the rows of Homer's answer left out. */
    public HomerFound search(HomerQuery query) throws HomerException {
        JsonObject answer = postJson("search/call/data", HomerRequests.search(query, nodes()), "the search",
                "narrow the time range or search by number or Call-ID.");
        JsonArray rows = array(answer, "data", "the search");
        HomerFound found = HomerCalls.found(rows, query.number(), "Homer at " + server.display());
        if (found.calls().isEmpty() && !rows.isEmpty() && !HomerCalls.anyCallId(rows)) {
            // rows of another shape: "no calls" would hide that the answer is not what Homer 7 sends
            throw new HomerException(server.display() + " answered the search with " + rows.size() + " row"
                    + (rows.size() == 1 ? "" : "s") + " but none names a Call-ID (callid or sid), not as Homer 7 "
                    + "does; check the URL is Homer's web address.");
        }
        return found;
    }

    /**
     * The Call-IDs of the calls {@code callIds} and of the legs Homer's correlation mapping joins to them (e.g.
     * the other side of a B2BUA), in the order Homer lists their messages.
     */
    public List<String> legs(List<String> callIds, TimeRange range) throws HomerException {
        JsonObject answer = postJson("call/transaction", HomerRequests.transaction(callIds, range, nodes()),
                "the call's messages", "open fewer calls at a time, or narrow the time range to the calls.");
        JsonElement data = answer.get("data");
        JsonArray messages = data != null && data.isJsonObject() ? array(data.getAsJsonObject(), "messages",
                "the call's messages") : new JsonArray();
        Set<String> legs = new LinkedHashSet<>();
        for (JsonElement m : messages) {
            if (m.isJsonObject()) {
                String id = HomerCalls.text(m.getAsJsonObject(), "callid");
                legs.add(id.isEmpty() ? HomerCalls.text(m.getAsJsonObject(), "sid") : id);
            }
        }
        legs.remove("");
        return new ArrayList<>(legs);
    }

    /**
     * Writes the messages of the calls {@code callIds} and of their correlated legs, as Homer exports them
     * (a pcap of UDP packets between the capture agents' addresses at their times), to {@code out}. The file
     * appears whole or not at all.
     *
     * @return the bytes written
     */
    public long exportPcap(List<String> callIds, TimeRange range, Path out) throws HomerException {
        Request request = post("export/call/messages/pcap", HomerRequests.transaction(callIds, range, nodes()));
        Path temp = null;
        try (Response response = execute(request, "the pcap export", Duration.ZERO)) {
            BufferedSource source = response.body().source();
            if (!source.request(PCAP_HEADER) || !PCAP_MAGIC.contains(source.getBuffer().snapshot(4))) {
                throw notHomer(response, "the pcap export", "not a pcap file");
            }
            if (!source.request(PCAP_HEADER + 1)) {
                throw new HomerException("Homer at " + server.display() + " holds no messages of " + callIds.size()
                        + (callIds.size() == 1 ? " call" : " calls") + " between " + range.from() + " and "
                        + range.to() + "; widen the time range.");
            }
            Path dir = out.toAbsolutePath().getParent();
            temp = Files.createTempFile(dir, ".sipladder-homer-", ".part");
            // the JVM's shutdown sequence (normal exit, Ctrl+C, SIGTERM) removes it if the copy is cut short
            temp.toFile().deleteOnExit();
            long written = copy(source, temp);
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (IOException e) {
            throw transferFailed(e, "the pcap export", out);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Cancels requests in flight and frees the connections. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /**
     * Copies the export to {@code temp}. Its size is bounded, and so is its pace: the export has no deadline for the
     * whole, and a server sending a byte just within the time allowed between bytes would hold the copy for as long as
     * it liked, so fewer than {@link #MIN_EXPORT_BYTES_PER_SECOND} a second over a timeout's worth of time ends it (as
     * curl's --speed-limit does).
     */
    private long copy(BufferedSource source, Path temp) throws IOException, HomerException {
        long total = 0;
        long window = server.timeout().toNanos();
        long needed = MIN_EXPORT_BYTES_PER_SECOND * server.timeout().toMillis() / 1000;
        long windowStart = System.nanoTime();
        long windowBytes = 0;
        try (BufferedSink sink = Okio.buffer(Okio.sink(temp))) {
            long n;
            while ((n = source.read(sink.getBuffer(), 64 * 1024)) != -1) {
                total += n;
                windowBytes += n;
                if (total > server.maxPcapBytes()) {
                    throw new HomerException("Homer's pcap export from " + server.display() + " is larger than "
                            + megabytes(server.maxPcapBytes()) + "; choose fewer calls.");
                }
                sink.emitCompleteSegments();
                long now = System.nanoTime();
                if (now - windowStart >= window) {
                    if (windowBytes < needed) {
                        throw new HomerException("Homer at " + server.display() + " sent the pcap export at less "
                                + "than " + megabytes(MIN_EXPORT_BYTES_PER_SECOND) + " a second for "
                                + server.timeout().toSeconds() + " s; check your network to it, or choose fewer "
                                + "calls.");
                    }
                    windowStart = now;
                    windowBytes = 0;
                }
            }
        }
        return total;
    }

    private List<String> nodes() throws HomerException {
        if (nodes == null) {
            JsonObject answer = readJson(new Request.Builder().url(server.api("database/node/list")).get(),
                    "the list of database nodes", NOT_HOMER_SIZE);
            List<String> values = new ArrayList<>();
            for (JsonElement n : array(answer, "data", "the list of database nodes")) {
                if (n.isJsonObject() && !HomerCalls.text(n.getAsJsonObject(), "value").isEmpty()) {
                    values.add(HomerCalls.text(n.getAsJsonObject(), "value"));
                }
            }
            if (values.isEmpty()) {
                throw new HomerException("Homer at " + server.display() + " lists no database nodes to search; "
                        + "check its data database settings.");
            }
            nodes = values;
        }
        return nodes;
    }

    private String requestToken() throws HomerException {
        Request request = new Request.Builder().url(server.api("auth"))
                .post(RequestBody.create(HomerRequests.login(login).toString(), JSON)).build();
        try (Response response = call(request, "sign-in", server.answerDeadline())) {
            if (response.code() == 401 || response.code() == 403) {
                throw new HomerException("Homer at " + server.display() + " refused " + login.who() + " ("
                        + serverMessage(response, "incorrect password") + "); check the user name and password.");
            }
            if (response.code() >= 500) {
                // the server failed (its database, a proxy in front of it): not a sign that this is no Homer
                String message = serverMessage(response, "");
                throw new HomerException("Homer at " + server.display() + " failed to sign in " + login.who()
                        + " (HTTP " + response.code() + (message.isEmpty() ? "" : ": " + message) + "); the server "
                        + "has a problem: look at homer-app's log and its database, then try again.");
            }
            JsonObject answer = json(response, "sign-in", NOT_HOMER_SIZE);
            String token = HomerCalls.text(answer, "token");
            if (token.isEmpty()) {
                throw new HomerException(server.display() + " answered the sign-in without a token: it does not "
                        + "look like Homer 7; check the URL is Homer's web address.");
            }
            return token;
        }
    }

    private JsonObject postJson(String route, JsonObject body, String what, String whenTooLarge)
            throws HomerException {
        return readJson(new Request.Builder().url(server.api(route))
                .post(RequestBody.create(body.toString(), JSON)), what, whenTooLarge);
    }

    private Request post(String route, JsonObject body) {
        return new Request.Builder().url(server.api(route)).post(RequestBody.create(body.toString(), JSON)).build();
    }

    private JsonObject readJson(Request.Builder request, String what, String whenTooLarge) throws HomerException {
        try (Response response = execute(request.build(), what)) {
            return json(response, what, whenTooLarge);
        }
    }

    private Response execute(Request request, String what) throws HomerException {
        return execute(request, what, server.answerDeadline());
    }

    /** Sends {@code request} signed in, signing in again once if Homer says the JWT expired. */
    private Response execute(Request request, String what, Duration deadline) throws HomerException {
        if (!login.usesApiToken() && jwt == null) {
            jwt = requestToken();
        }
        Response response = call(authorized(request), what, deadline);
        if (response.code() == 401 && !login.usesApiToken()) {
            response.close();
            jwt = requestToken();
            response = call(authorized(request), what, deadline);
        }
        if (response.code() == 401 || response.code() == 403) {
            String message = serverMessage(response, "unauthorized");
            response.close();
            throw new HomerException(login.usesApiToken()
                    ? "Homer at " + server.display() + " refused the API token (" + message + "): it may have "
                            + "expired or been revoked, or token access is off (api_settings.enable_token_access)."
                    : "Homer at " + server.display() + " refused the session of " + login.who() + " (" + message
                            + ") after signing in again; check the user's rights.");
        }
        if (!response.isSuccessful()) {
            String message = serverMessage(response, "");
            int code = response.code();
            response.close();
            throw new HomerException(code == 404
                    ? "No Homer 7 API at " + server.display() + " (404 for " + request.url().encodedPath()
                            + "); check the URL is Homer's web address (port 9080 by default)."
                    : "Homer at " + server.display() + " answered " + code + (message.isEmpty() ? "" : " (" + message
                            + ")") + " to " + what + "; check the search and try again.");
        }
        return response;
    }

    private Request authorized(Request request) {
        return login.usesApiToken()
                ? request.newBuilder().header("Auth-Token", login.apiToken()).build()
                : request.newBuilder().header("Authorization", "Bearer " + jwt).build();
    }

    /**
     * Sends {@code request}; {@code deadline} bounds the whole exchange, body included ({@link Duration#ZERO}: none),
     * so a server that trickles its answer a byte at a time cannot hold a JSON read for ever.
     */
    private Response call(Request request, String what, Duration deadline) throws HomerException {
        try {
            Call call = http.newCall(request);
            call.timeout().timeout(deadline.toNanos(), TimeUnit.NANOSECONDS);
            Response response = call.execute();
            if (response.isRedirect()) {
                response.close();
                throw new HomerException(server.display() + " redirects " + what + " to another address; give that "
                        + "address (e.g. https:// instead of http://) as the Homer URL.");
            }
            return response;
        } catch (IOException e) {
            throw transferFailed(e, what, null);
        }
    }

    private HomerException transferFailed(IOException e, String what, Path out) {
        String s = server.display();
        if (e instanceof UnknownHostException) {
            return new HomerException("The host of the Homer URL " + s + " cannot be found; check the URL and your "
                    + "DNS or network.", e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new HomerException("Cannot connect to Homer at " + s + " (connection refused or unreachable); "
                    + "check the URL and that Homer is running.", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new HomerException("Homer at " + s + " did not answer " + what + " within "
                    + server.timeout().toSeconds() + " s; check the URL and your network.", e);
        }
        if (e instanceof InterruptedIOException) {
            return new HomerException("Homer at " + s + " did not finish its answer to " + what + " within "
                    + server.answerDeadline().toSeconds() + " s (or it was cancelled); check the URL and your "
                    + "network.", e);
        }
        if (e instanceof SSLException) {
            return new HomerException("TLS with Homer at " + s + " failed (" + e.getMessage() + "); check the URL "
                    + "uses the right scheme (http:// or https://) and host.", e);
        }
        if (out != null && e.getClass().getName().startsWith("java.nio.file")) {
            return new HomerException(out + ": cannot be written (" + OutputFile.reason(e, out) + ")", e);
        }
        // the exception's class would mean nothing to a user; its words ("unexpected end of stream") do
        return new HomerException("Homer at " + s + " broke off " + what + " ("
                + (e.getMessage() == null ? "the connection closed" : clean(e.getMessage())) + "); try again.", e);
    }

    /** The answer's JSON object, read up to the size bound; beyond it, {@code whenTooLarge} says what to do. */
    private JsonObject json(Response response, String what, String whenTooLarge) throws HomerException {
        ResponseBody body = response.body();
        MediaType type = body.contentType();
        if (type == null || !"json".equals(type.subtype())) {
            throw notHomer(response, what, type == null ? "no content type" : type.type() + "/" + type.subtype());
        }
        String text;
        try {
            BufferedSource source = body.source();
            if (source.request(server.maxJsonBytes() + 1)) {
                throw new HomerException("Homer's answer to " + what + " from " + server.display()
                        + " is larger than " + megabytes(server.maxJsonBytes()) + "; " + whenTooLarge);
            }
            text = source.getBuffer().readString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw transferFailed(e, what, null);
        }
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw notHomer(response, what, "JSON that is not an object");
            }
            return parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw notHomer(response, what, "JSON that cannot be read");
        }
    }

    private HomerException notHomer(Response response, String what, String got) {
        return new HomerException(server.display() + " answered " + what + " with " + got + " (HTTP "
                + response.code() + "), not as Homer 7 does; check the URL is Homer's web address.");
    }

    private JsonArray array(JsonObject answer, String name, String what) throws HomerException {
        JsonElement e = answer.get(name);
        if (e == null || e.isJsonNull()) {
            return new JsonArray();
        }
        if (!e.isJsonArray()) {
            throw new HomerException(server.display() + " answered " + what + " without a list of " + name
                    + ", not as Homer 7 does; check the URL is Homer's web address.");
        }
        return e.getAsJsonArray();
    }

    /** Homer's own explanation ("message" of its JSON error), cleaned and shortened, or {@code fallback}. */
    private static String serverMessage(Response response, String fallback) {
        try {
            String text = response.peekBody(4096).string();
            JsonElement json = JsonParser.parseString(text);
            if (json.isJsonObject()) {
                String message = HomerCalls.text(json.getAsJsonObject(), "message");
                if (!message.isEmpty()) {
                    return clean(message);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Homer's JSON: the status code says enough
        }
        return fallback;
    }

    private static String clean(String text) {
        return ServerText.oneLine(text, 160);
    }

    private static String megabytes(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover hidden part file is harmless
            }
        }
    }
}
