package org.sipladder.livekit;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.livekit.server.SipServiceClient;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Reads inbound trunks, dispatch rules and outbound trunks from a LiveKit server or LiveKit Cloud through the server SDK
 * ({@code SipServiceClient}, Twirp over HTTPS with a signed JWT). The secret is only handed to the SDK to sign
 * tokens: it is never logged and never part of a message.
 */
public final class LiveKitApiSource {

    /** Far more than the trunks and rules of any project: LiveKit's own limits keep a list to a few megabytes. */
    static final long MAX_ANSWER = 64L << 20;

    private final ApiSettings settings;
    private final SocketFactory sockets;
    private final AnswerLimit limit;

    public LiveKitApiSource(ApiSettings settings) {
        this(settings, SocketFactory.getDefault());
    }

    /** With the sockets to connect through: tests make a network fail the way a real one does. */
    LiveKitApiSource(ApiSettings settings, SocketFactory sockets) {
        this(settings, sockets, MAX_ANSWER);
    }

    /** With a bound on the size of each answer: tests need not send 64 MB. */
    LiveKitApiSource(ApiSettings settings, SocketFactory sockets, long maxAnswerBytes) {
        this.settings = settings;
        this.sockets = sockets;
        this.limit = new AnswerLimit(maxAnswerBytes);
    }

    /** Lists all inbound trunks, dispatch rules and outbound trunks of the project. */
    public LiveKitConfig fetch() throws LiveKitConfigException {
        String baseUrl = httpUrl(settings);
        requireCredentials();
        // Our own client: the SDK's default one has no overall timeout, and no logging interceptor may see the JWT.
        OkHttpClient http = new OkHttpClient.Builder().socketFactory(sockets).callTimeout(settings.timeout())
                .connectTimeout(settings.timeout()).readTimeout(settings.timeout()).addInterceptor(limit).build();
        try {
            SipServiceClient client = SipServiceClient.createClient(baseUrl, settings.apiKey(), settings.apiSecret(),
                    () -> http);
            List<SIPInboundTrunkInfo> trunks = execute(client.listSipInboundTrunk(), "ListSIPInboundTrunk");
            List<SIPDispatchRuleInfo> rules = execute(client.listSipDispatchRule(), "ListSIPDispatchRule");
            List<SIPOutboundTrunkInfo> outbound = execute(client.listSipOutboundTrunk(), "ListSIPOutboundTrunk");
            // listed whole: a project without inbound trunks has none, and LiveKit routes its calls accordingly
            return new LiveKitConfig(trunks, rules, List.of("LiveKit API " + settings.url()), Map.of(),
                    outbound, true);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /**
     * The base URL the SDK needs: http(s) with a trailing slash. LiveKit hands out wss:// project URLs, which
     * the SDK (Retrofit) rejects, so ws/wss become http/https as LiveKit's own SDKs do.
     */
    static String httpUrl(ApiSettings settings) throws LiveKitConfigException {
        String url = settings.url();
        if (url.isEmpty()) {
            throw new LiveKitConfigException("LIVEKIT_URL is not set: give your project URL, e.g. "
                    + "wss://my-project.livekit.cloud (the LiveKit URL setting or --livekit-url).");
        }
        String withScheme = url.contains("://") ? url : "https://" + url;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new LiveKitConfigException("The LiveKit URL \"" + url + "\" is not a valid URL: give the project URL, "
                    + "e.g. wss://my-project.livekit.cloud.", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String httpScheme = switch (scheme) {
            case "https", "wss" -> "https";
            case "http", "ws" -> "http";
            default -> throw new LiveKitConfigException("The LiveKit URL \"" + url + "\" uses " + scheme
                    + "://; it must start with wss://, https://, ws:// or http://.");
        };
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new LiveKitConfigException("The LiveKit URL \"" + url + "\" has no host name: give the project URL, "
                    + "e.g. wss://my-project.livekit.cloud.");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return httpScheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/");
    }

    private void requireCredentials() throws LiveKitConfigException {
        if (settings.apiKey().isEmpty()) {
            throw new LiveKitConfigException("LIVEKIT_API_KEY is not set: give the API key of your LiveKit project "
                    + "(lk project list shows it; LiveKit Cloud: Settings > Keys).");
        }
        if (settings.apiSecret().isEmpty()) {
            throw new LiveKitConfigException("LIVEKIT_API_SECRET is not set: give the API secret that belongs to key "
                    + settings.apiKey() + ".");
        }
    }

    private <T> T execute(Call<T> call, String method) throws LiveKitConfigException {
        Response<T> response;
        try {
            response = call.execute();
        } catch (IOException | RuntimeException e) {
            throw failure(e, method);
        }
        if (!response.isSuccessful()) {
            throw httpError(response, method);
        }
        T body = response.body();
        if (body == null) {
            throw new LiveKitConfigException("LiveKit at " + settings.url() + " returned an empty answer to "
                    + method + "; check LIVEKIT_URL points to your LiveKit project.");
        }
        return body;
    }

    /**
     * What went wrong before an answer came: the network (in the system's own words, such as "Network is
     * unreachable"), the name, TLS, or an answer that is not LiveKit's protobuf.
     */
    private LiveKitConfigException failure(Exception e, String method) {
        String url = settings.url();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AnswerLimit.TooLarge) {
                return new LiveKitConfigException("LiveKit at " + url + " answered " + method + " with more than "
                        + size(limit.maxBytes()) + "; check LIVEKIT_URL points to your LiveKit project.", e);
            }
            if (t instanceof InterruptedIOException) {
                long millis = settings.timeout().toMillis();
                return new LiveKitConfigException("LiveKit at " + url + " did not answer within "
                        + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms")
                        + "; check LIVEKIT_URL, that the server is up, and your network.", e);
            }
            if (t instanceof UnknownHostException) {
                return new LiveKitConfigException("The host of LIVEKIT_URL " + url + " cannot be found; "
                        + "check the URL and your DNS or network.", e);
            }
            if (t instanceof SSLException) {
                return new LiveKitConfigException("TLS with LiveKit at " + url + " failed (" + t.getMessage()
                        + "); check LIVEKIT_URL uses the right scheme and host.", e);
            }
            if (t instanceof EOFException) {
                // okio's own words here ("\n not found: limit=0") mean nothing to a user: the server hung up.
                return new LiveKitConfigException("LiveKit at " + url + " closed the connection without answering; "
                        + "check LIVEKIT_URL points to your LiveKit project (and https:// or http:// as it serves).", e);
            }
            if (t instanceof SocketException) {
                return new LiveKitConfigException("Cannot connect to LiveKit at " + url + " (" + reason(t)
                        + "); check your network connection, LIVEKIT_URL and that the server is running.", e);
            }
        }
        if (e instanceof IOException && !(e instanceof InvalidProtocolBufferException)) {
            return new LiveKitConfigException("The connection to LiveKit at " + url + " failed (" + reason(e)
                    + "); check your network connection and LIVEKIT_URL.", e);
        }
        return new LiveKitConfigException("LiveKit at " + url + " gave an answer that is not LiveKit's SIP API; "
                + "check LIVEKIT_URL points to your LiveKit project.", e);
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    /** The system's reason for a network failure, e.g. "Connection refused" or "Network is unreachable". */
    private static String reason(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private LiveKitConfigException httpError(Response<?> response, String method) {
        int code = response.code();
        String detail = twirpMessage(response);
        String url = settings.url();
        return new LiveKitConfigException(switch (code) {
            case 401 -> "LiveKit at " + url + " rejected API key " + settings.apiKey() + " (401" + detail
                    + "); check LIVEKIT_API_KEY and LIVEKIT_API_SECRET belong to this project.";
            case 403 -> "API key " + settings.apiKey() + " may not read SIP settings at " + url + " (403" + detail
                    + "); use a key with the SIP admin permission.";
            // 405 and 501: a server that takes no POST there (a web server, a proxy's page), which LiveKit's API is
            case 404, 405, 501 -> "No LiveKit SIP API at " + url + " (" + code + " for " + method + "); check LIVEKIT_URL "
                    + "is your LiveKit project URL, not a SIP or web address.";
            default -> "LiveKit at " + url + " answered " + code + detail + " to " + method
                    + "; check LIVEKIT_URL and try again later.";
        });
    }

    /** Twirp's error message (its JSON "msg"), shortened, or "". */
    private static String twirpMessage(Response<?> response) {
        try (var errorBody = response.errorBody()) {
            if (errorBody == null) {
                return "";
            }
            String text = errorBody.string();
            JsonElement json = JsonParser.parseString(text);
            if (json.isJsonObject() && json.getAsJsonObject().has("msg")) {
                String msg = json.getAsJsonObject().get("msg").getAsString();
                return ": " + (msg.length() > 120 ? msg.substring(0, 120) + "..." : msg);
            }
        } catch (IOException | RuntimeException e) {
            // Not Twirp JSON: the status code alone says enough.
        }
        return "";
    }
}
