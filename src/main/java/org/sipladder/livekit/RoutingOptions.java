package org.sipladder.livekit;

import java.util.Locale;

/**
 * Settings of a routing simulation.
 *
 * @param deployment LiveKit Cloud or a self-hosted server: they answer an INVITE no trunk accepts differently
 * @param basis      why the simulation assumes that deployment, as a clause for people, e.g.
 *                   "the Request-URI host p.sip.livekit.cloud is LiveKit Cloud's"
 * @param guessed    true when the deployment is only guessed (assumed, or read from a host name that anyone may
 *                   point anywhere), so that answers only the other deployment gives may overrule it
 */
public record RoutingOptions(Deployment deployment, String basis, boolean guessed) {

    /** Settings the evidence decided or the user stated: LiveKit's answers do not overrule them. */
    public RoutingOptions(Deployment deployment, String basis) {
        this(deployment, basis, false);
    }

    /**
     * LiveKit Cloud, assumed: most LiveKit SIP users are on Cloud, and a capture alone rarely tells; callers that
     * know the LiveKit host use {@link #forLiveKitHost(String)}.
     */
    public static final RoutingOptions DEFAULT = new RoutingOptions(Deployment.CLOUD,
            "nothing tells the deployment, so LiveKit Cloud is assumed (set --livekit-deployment to change it)", true);

    /**
     * Self-hosted, for an INVITE sent to LiveKit at the private {@code address}: LiveKit Cloud is reached at public
     * addresses, so LiveKit inside a private network runs there.
     */
    public static RoutingOptions privateAddress(String address) {
        return new RoutingOptions(Deployment.SELF_HOSTED, "LiveKit's address " + address
                + " is private, where LiveKit Cloud never is");
    }

    /**
     * Self-hosted, when nothing told the deployment and LiveKit's answers to a call no trunk accepts are a self-hosted
     * server's (it goes on to the wildcard dispatch rules) and not LiveKit Cloud's 404 No trunk found.
     */
    public static final RoutingOptions SELF_HOSTED_BY_ANSWERS = new RoutingOptions(Deployment.SELF_HOSTED,
            "nothing else tells the deployment, and LiveKit's answers are a self-hosted server's: LiveKit Cloud answers "
                    + "404 No trunk found when no trunk accepts a call");

    /**
     * LiveKit Cloud, told by LiveKit's answers where a host name guessed a self-hosted server: only Cloud's trunk
     * lookup reports "no trunk found" (the open-source server's never does, livekit/livekit
     * pkg/service/ioservice_sip.go GetSIPTrunkAuthentication), and a custom name may point at a Cloud project.
     */
    public RoutingOptions cloudByAnswers() {
        return new RoutingOptions(Deployment.CLOUD, basis + ", yet LiveKit's answers are LiveKit Cloud's: only Cloud "
                + "answers 404 No trunk found when no trunk accepts a call");
    }

    /** The same settings with {@code basis} reworded (e.g. with secrets scrubbed). */
    public RoutingOptions withBasis(String basis) {
        return new RoutingOptions(deployment, basis, guessed);
    }

    private static final String REQUEST_URI_HOST = "the Request-URI host";

    /** True for LiveKit Cloud. */
    public boolean cloud() {
        return deployment == Deployment.CLOUD;
    }

    /** The deployment the user stated. */
    public static RoutingOptions stated(Deployment deployment) {
        return new RoutingOptions(deployment, "the deployment was set to " + deployment.optionName());
    }

    /**
     * Cloud when the host the INVITE was sent to is under {@code livekit.cloud} (e.g. {@code x.sip.livekit.cloud}),
     * self-hosted for any other name, {@link #DEFAULT} for an IP address or nothing.
     */
    public static RoutingOptions forLiveKitHost(String host) {
        return forHost(host, REQUEST_URI_HOST);
    }

    /** Like {@link #forLiveKitHost} for the host of the configured LiveKit URL ({@code --livekit-url}). */
    public static RoutingOptions forLiveKitUrlHost(String host) {
        return forHost(host, "the LiveKit URL host");
    }

    /** True when {@code host} is a LiveKit Cloud name. */
    public static boolean isCloudHost(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        return h.endsWith(".livekit.cloud") || h.equals("livekit.cloud");
    }

    /** True when {@code host} says nothing about the deployment: empty or an IP address. */
    public static boolean tellsNothing(String host) {
        return host == null || host.isBlank() || AllowedAddresses.parseIp(host.trim()) != null;
    }

    private static RoutingOptions forHost(String host, String what) {
        if (tellsNothing(host)) {
            return DEFAULT; // an address says nothing about who runs the server
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        return isCloudHost(h)
                ? new RoutingOptions(Deployment.CLOUD, what + " " + h + " is LiveKit Cloud's")
                : new RoutingOptions(Deployment.SELF_HOSTED, what + " " + h + " is not under livekit.cloud",
                        what.equals(REQUEST_URI_HOST));
    }
}
