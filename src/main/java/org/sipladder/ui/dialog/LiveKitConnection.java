package org.sipladder.ui.dialog;

/**
 * What is needed to reach a LiveKit project's API. The secret lives only in memory: {@link #toString()}
 * hides it so it cannot leak into a log or a message by accident.
 *
 * @param url    project URL, e.g. https://my-project.livekit.cloud
 * @param apiKey API key
 * @param secret API secret
 */
public record LiveKitConnection(String url, String apiKey, String secret) {

    public boolean secretSet() {
        return secret != null && !secret.isEmpty();
    }

    @Override
    public String toString() {
        return "LiveKitConnection[url=" + url + ", apiKey=" + apiKey + ", secret=" + (secretSet() ? "set" : "not set") + "]";
    }
}
