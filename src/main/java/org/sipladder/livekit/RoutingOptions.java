package org.sipladder.livekit;

import java.util.Locale;

/**
 * Settings of a routing simulation.
 *
 * @param cloud true for LiveKit Cloud, whose answer to an INVITE no trunk accepts is "404 No trunk found";
 *              false for a self-hosted LiveKit SIP server
 */
public record RoutingOptions(boolean cloud) {

    /**
     * LiveKit Cloud: most LiveKit SIP users are on Cloud, and a capture alone rarely tells; callers that know
     * the LiveKit host use {@link #forLiveKitHost(String)}.
     */
    public static final RoutingOptions DEFAULT = new RoutingOptions(true);

    /**
     * Cloud when the host the INVITE was sent to is under {@code livekit.cloud} (e.g. {@code x.sip.livekit.cloud}),
     * self-hosted for any other name, {@link #DEFAULT} for an IP address or nothing.
     */
    public static RoutingOptions forLiveKitHost(String host) {
        if (host == null || host.isBlank()) {
            return DEFAULT;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (AllowedAddresses.parseIp(h) != null) {
            return DEFAULT; // an address says nothing about who runs the server
        }
        return new RoutingOptions(h.endsWith(".livekit.cloud") || h.equals("livekit.cloud"));
    }
}
