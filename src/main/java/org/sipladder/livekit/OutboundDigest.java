package org.sipladder.livekit;

import java.util.List;
import java.util.Map;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/**
 * Whether the digest answer LiveKit sent to a provider's 401/407 was computed with an outbound trunk's credentials.
 * LiveKit answers with the trunk's {@code auth_username} and {@code auth_password} and, as the digest {@code uri},
 * the To URI of the challenge (sip {@code pkg/sip/outbound.go} {@code sipOutbound.Invite}: {@code digest.Options{
 * Method: req.Method, URI: toHeader.Address.String(), Username: user, Password: pass}} with {@code toHeader :=
 * resp.To()}). The password is only used to recompute the digest and never leaves this class.
 */
public final class OutboundDigest {

    /** What recomputing the digest says. */
    public enum Verdict {
        /** The answer is the trunk's username and password: the provider expects other credentials. */
        TRUNK_CREDENTIALS,
        /** The username is not the trunk's auth_username. */
        OTHER_USERNAME,
        /** The username is the trunk's, the digest is not its password's. */
        OTHER_PASSWORD,
        /** No password in the config, an algorithm other than MD5, or credentials that cannot be parsed. */
        NOT_CHECKABLE
    }

    private OutboundDigest() {
    }

    /** Digest parameters of a WWW-/Proxy-Authenticate or (Proxy-)Authorization value, lower-case names; null if none. */
    public static Map<String, String> params(String header) {
        return header == null ? null : DigestCheck.parse(header);
    }

    /** Checks the credentials a request carried against the trunk. */
    public static Verdict check(SIPOutboundTrunkInfo trunk, String credentials, String method) {
        Map<String, String> p = params(credentials);
        if (p == null || !p.keySet().containsAll(List.of("username", "nonce", "uri", "response"))) {
            return Verdict.NOT_CHECKABLE;
        }
        if (!p.get("username").equals(trunk.getAuthUsername())) {
            return Verdict.OTHER_USERNAME;
        }
        if (trunk.getAuthPassword().isEmpty() || !p.getOrDefault("algorithm", "MD5").equalsIgnoreCase("MD5")) {
            return Verdict.NOT_CHECKABLE;
        }
        return DigestCheck.expectedResponse(trunk.getAuthPassword(), method, p).equalsIgnoreCase(p.get("response"))
                ? Verdict.TRUNK_CREDENTIALS : Verdict.OTHER_PASSWORD;
    }
}
