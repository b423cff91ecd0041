package org.sipladder.livekit;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how to reach the LiveKit API. The secret is held only in memory: {@link #toString()} shows
 * whether it is set, never its value.
 *
 * @param url       the project URL as LiveKit gives it (wss://, https://, ws:// or http://)
 * @param apiKey    the API key (an identifier, not secret)
 * @param apiSecret the API secret
 * @param timeout   how long one request may take in total
 */
public record ApiSettings(String url, String apiKey, String apiSecret, Duration timeout) {

    /** Used when no timeout is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ApiSettings {
        url = url == null ? "" : url.trim();
        apiKey = apiKey == null ? "" : apiKey.trim();
        apiSecret = apiSecret == null ? "" : apiSecret.trim();
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
    }

    /** From {@code LIVEKIT_URL}, {@code LIVEKIT_API_KEY} and {@code LIVEKIT_API_SECRET}; missing ones are "". */
    public static ApiSettings fromEnvironment(Map<String, String> env) {
        return new ApiSettings(env.get("LIVEKIT_URL"), env.get("LIVEKIT_API_KEY"), env.get("LIVEKIT_API_SECRET"),
                DEFAULT_TIMEOUT);
    }

    /** The same settings with another URL (e.g. from a command-line option). */
    public ApiSettings withUrl(String newUrl) {
        return new ApiSettings(newUrl, apiKey, apiSecret, timeout);
    }

    /** The same settings with another timeout. */
    public ApiSettings withTimeout(Duration newTimeout) {
        return new ApiSettings(url, apiKey, apiSecret, newTimeout);
    }

    /** True when URL, key and secret are all given. */
    public boolean isComplete() {
        return !url.isEmpty() && !apiKey.isEmpty() && !apiSecret.isEmpty();
    }

    @Override
    public String toString() {
        return "ApiSettings[url=" + url + ", apiKey=" + apiKey + ", apiSecret="
                + (apiSecret.isEmpty() ? "not set" : "set") + ", timeout=" + timeout + "]";
    }
}
