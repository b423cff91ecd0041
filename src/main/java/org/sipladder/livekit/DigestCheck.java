package org.sipladder.livekit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * LiveKit's digest authentication of an INVITE against the matched trunk (routing notes, section 3). The
 * trunk password is used only to recompute the digest and never leaves this class.
 */
final class DigestCheck {

    /** The outcome, the responses it leads to (null to go on), and a sentence for the reasoning. */
    record Result(AuthOutcome outcome, LiveKitResponses responses, String explanation) {
    }

    private DigestCheck() {
    }

    static Result check(SIPInboundTrunkInfo trunk, InboundInvite invite) {
        if (trunk == null) {
            return new Result(AuthOutcome.NOT_REQUIRED, null, "No trunk, so no authentication.");
        }
        String id = trunk.getSipTrunkId();
        if (!ConfigView.requiresAuth(trunk)) {
            return new Result(AuthOutcome.NOT_REQUIRED, null, "Trunk " + id
                    + " does not have both auth_username and auth_password, so LiveKit does not authenticate.");
        }
        String header = invite.proxyAuthorization();
        if (header == null) {
            return new Result(AuthOutcome.CHALLENGE, LiveKitResponses.AUTH_CHALLENGE, "Trunk " + id
                    + " requires digest authentication (user \"" + trunk.getAuthUsername()
                    + "\") and the INVITE has no Proxy-Authorization header (an Authorization header is ignored), "
                    + "so LiveKit answers 407 and waits for a new INVITE with credentials; a caller that never "
                    + "sends one leaves the call failed after about 30 s.");
        }
        Map<String, String> params = parse(header);
        if (params == null || !params.keySet().containsAll(List.of("username", "nonce", "uri", "response"))) {
            return new Result(AuthOutcome.BAD_CREDENTIALS, LiveKitResponses.AUTH_BAD_CREDENTIALS,
                    "The Proxy-Authorization header cannot be parsed as digest credentials, so LiveKit answers "
                            + "401 Bad credentials.");
        }
        if (!params.get("username").equals(trunk.getAuthUsername())) {
            return new Result(AuthOutcome.BAD_CREDENTIALS, LiveKitResponses.AUTH_WRONG_CREDENTIALS,
                    "The INVITE authenticates as \"" + params.get("username") + "\" but trunk " + id
                            + " expects \"" + trunk.getAuthUsername() + "\", so LiveKit answers 401 Unauthorized.");
        }
        if (Boolean.FALSE.equals(invite.challengeStored())) {
            return new Result(AuthOutcome.BAD_CREDENTIALS, LiveKitResponses.AUTH_BAD_CREDENTIALS,
                    "The capture shows no 407 from this LiveKit node for Call-ID " + invite.callId() + " before this "
                            + "INVITE, so LiveKit has no stored challenge to check the credentials against (a new "
                            + "Call-ID, or a challenge from another LiveKit node) and answers 401 Bad credentials, "
                            + "whatever the digest (unless it challenged the call before the capture began).");
        }
        String algorithm = params.getOrDefault("algorithm", "MD5");
        if (!algorithm.equalsIgnoreCase("MD5")) {
            return new Result(AuthOutcome.CREDENTIALS_PRESENT, null, "The INVITE carries credentials for \""
                    + trunk.getAuthUsername() + "\" with algorithm " + algorithm
                    + ", which this analysis cannot check; LiveKit challenges with MD5, so it may reject them.");
        }
        if (!expectedResponse(trunk.getAuthPassword(), "INVITE", params).equalsIgnoreCase(params.get("response"))) {
            return new Result(AuthOutcome.BAD_CREDENTIALS, LiveKitResponses.AUTH_WRONG_CREDENTIALS,
                    "The digest in Proxy-Authorization does not match trunk " + id
                            + "'s password, so LiveKit answers 401 Unauthorized.");
        }
        return new Result(AuthOutcome.CREDENTIALS_PRESENT, null, "The digest in Proxy-Authorization matches trunk "
                + id + "'s password" + (Boolean.TRUE.equals(invite.challengeStored())
                ? " and this LiveKit node challenged the Call-ID earlier in the capture."
                : "; LiveKit also requires its own 407 for this Call-ID to come first (a new Call-ID or another "
                + "LiveKit node gives 401 Bad credentials), which is not known here."));
    }

    /** The digest response (RFC 2617, MD5, with or without qop) the credentials' own parameters give with this password. */
    static String expectedResponse(String password, String method, Map<String, String> p) {
        String ha1 = md5(p.get("username") + ":" + p.getOrDefault("realm", "") + ":" + password);
        String ha2 = md5(method + ":" + p.get("uri"));
        String qop = p.get("qop");
        if (qop == null || qop.isEmpty()) {
            return md5(ha1 + ":" + p.get("nonce") + ":" + ha2);
        }
        return md5(ha1 + ":" + p.get("nonce") + ":" + p.getOrDefault("nc", "") + ":"
                + p.getOrDefault("cnonce", "") + ":" + qop + ":" + ha2);
    }

    /** Digest parameters with lower-case names, or null when the header is not digest credentials. */
    static Map<String, String> parse(String header) {
        String text = header.trim();
        if (!text.regionMatches(true, 0, "Digest ", 0, 7)) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = 7;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (i >= text.length()) {
                break;
            }
            if (eq < 0) {
                return null;
            }
            String name = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < text.length() && text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    return null;
                }
                value = text.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? text.length() : comma;
                value = text.substring(i, end).trim();
                i = end;
            }
            params.put(name, value);
        }
        return params;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
