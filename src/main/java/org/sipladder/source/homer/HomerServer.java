package org.sipladder.source.homer;

import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Where Homer's API is and how much of it to accept: the base URL of homer-app (its web address, with the API
 * prefix when one is configured), the time to wait, and the largest JSON answer and pcap export read.
 *
 * @param base          the base URL; the API lives under {@code base/api/v3}
 * @param timeout       how long to wait to connect and between bytes of an answer
 * @param maxJsonBytes  largest JSON answer read (a search answer is held in memory while it is read)
 * @param maxPcapBytes  largest pcap export written to disk
 */
public record HomerServer(HttpUrl base, Duration timeout, long maxJsonBytes, long maxPcapBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final long DEFAULT_MAX_JSON_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_PCAP_BYTES = 2L << 30;

    /**
     * The server at {@code url} ({@code http://} is assumed without a scheme) with the default limits.
     *
     * @throws HomerException when {@code url} is not an http(s) URL
     */
    public static HomerServer at(String url) throws HomerException {
        String text = url == null ? "" : url.strip();
        if (text.isEmpty()) {
            throw new HomerException("No Homer URL: give the address of your Homer web interface, e.g. "
                    + "http://homer.example.com:9080");
        }
        String withScheme = text.contains("://") ? text : "http://" + text;
        HttpUrl parsed = HttpUrl.parse(withScheme);
        if (parsed == null) {
            String scheme = withScheme.substring(0, withScheme.indexOf("://")).toLowerCase(Locale.ROOT);
            throw new HomerException(scheme.equals("http") || scheme.equals("https")
                    ? "The Homer URL is not a valid URL: give e.g. http://homer.example.com:9080"
                    : "The Homer URL must start with http:// or https://, not " + scheme + "://");
        }
        // credentials in the URL would travel to every request and into messages: they are dropped
        HttpUrl base = parsed.newBuilder().username("").password("").query(null).fragment(null).build();
        return new HomerServer(base, DEFAULT_TIMEOUT, DEFAULT_MAX_JSON_BYTES, DEFAULT_MAX_PCAP_BYTES);
    }

    public HomerServer withLimits(long maxJson, long maxPcap) {
        return new HomerServer(base, timeout, maxJson, maxPcap);
    }

    public HomerServer withTimeout(Duration wait) {
        return new HomerServer(base, wait, maxJsonBytes, maxPcapBytes);
    }

    /**
     * The longest a JSON answer (sign-in, search, a call's messages: at most {@code maxJsonBytes}) may take from
     * request to last byte; the pcap export, up to gigabytes, is bounded by {@code timeout} between bytes only.
     */
    public Duration answerDeadline() {
        return timeout.multipliedBy(3);
    }

    /** The server as messages name it: scheme, host and port, never a user, password or query. */
    public String display() {
        String path = base.encodedPath();
        String host = base.host().contains(":") ? "[" + base.host() + "]" : base.host();
        return base.scheme() + "://" + host + ":" + base.port() + (path.equals("/") ? "" : path);
    }

    /** The URL of an API route, e.g. {@code "search/call/data"}. */
    HttpUrl api(String route) {
        return base.newBuilder().addPathSegments("api/v3/" + route).build();
    }
}
