package org.sipladder.diagnose;

import java.net.URI;
import org.sipladder.livekit.Deployment;
import org.sipladder.livekit.RoutingOptions;

/**
 * What the user told the analyzer about the LiveKit side.
 *
 * @param deployment the LiveKit deployment the user stated, or null to decide it from the evidence
 * @param liveKitUrl the LiveKit URL the config was read from ({@code --livekit-url}), or null
 */
public record DiagnosisSettings(Deployment deployment, String liveKitUrl) {

    /** Nothing stated: the deployment is decided from the capture. */
    public static final DiagnosisSettings FROM_EVIDENCE = new DiagnosisSettings(null, null);

    /**
     * The deployment to simulate for an INVITE sent to {@code requestUriHost}: as stated, else a LiveKit Cloud
     * Request-URI host, else the LiveKit URL's host, else any other Request-URI name (self-hosted), else Cloud
     * assumed.
     */
    RoutingOptions routingOptions(String requestUriHost) {
        return routingOptions(requestUriHost, null);
    }

    /**
     * As {@link #routingOptions(String)} for an INVITE sent to LiveKit at {@code privateAddress}, a private address
     * (null when it is not): where neither the Request-URI nor the LiveKit URL names the deployment, self-hosted.
     */
    RoutingOptions routingOptions(String requestUriHost, String privateAddress) {
        if (deployment != null) {
            return RoutingOptions.stated(deployment);
        }
        if (RoutingOptions.isCloudHost(requestUriHost)) {
            return RoutingOptions.forLiveKitHost(requestUriHost);
        }
        String urlHost = urlHost();
        if (!RoutingOptions.tellsNothing(urlHost)) {
            return RoutingOptions.forLiveKitUrlHost(urlHost);
        }
        if (privateAddress != null && RoutingOptions.tellsNothing(requestUriHost)) {
            return RoutingOptions.privateAddress(privateAddress);
        }
        return RoutingOptions.forLiveKitHost(requestUriHost);
    }

    /** The host of the LiveKit URL, or null when there is none or it cannot be read. */
    String urlHost() {
        if (liveKitUrl == null || liveKitUrl.isBlank()) {
            return null;
        }
        String url = liveKitUrl.trim();
        try {
            return URI.create(url.contains("://") ? url : "https://" + url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
