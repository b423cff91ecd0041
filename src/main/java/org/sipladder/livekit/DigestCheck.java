package org.sipladder.livekit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * LiveKit's digest authentication of an INVITE against the matched trunk (routing notes, section 3), step by step as
 * livekit/sip does it (pkg/sip/inbound.go, handleInviteAuth, with github.com/icholy/digest): credentials only from
 * Proxy-Authorization, the user name compared first, then the digest recomputed from the challenge LiveKit stored for
 * the Call-ID (its realm and nonce, MD5, no qop), never from the realm, nonce or algorithm the credentials name,
 * and compared as written. The trunk password is used only to recompute the digest and never leaves this class.
 */
public final class DigestCheck {

    /**
     * The outcome, the responses it leads to (null to go on), a sentence for the reasoning, and why the credentials
     * were refused (null when they were not).
     */
    public record Result(AuthOutcome outcome, LiveKitResponses responses, String explanation, AuthFailure failure) {

        Result(AuthOutcome outcome, LiveKitResponses responses, String explanation) {
            this(outcome, responses, explanation, null);
        }

        static Result refused(AuthFailure failure, String explanation) {
            return new Result(AuthOutcome.BAD_CREDENTIALS, failure.responses(), explanation, failure);
        }
    }

    private DigestCheck() {
    }

    /** What LiveKit does with {@code invite}'s credentials when {@code trunk} (null: none) matched it. */
    public static Result check(SIPInboundTrunkInfo trunk, InboundInvite invite) {
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
        // LiveKit's parser wants the scheme as written here: "digest ..." is unreadable to it
        Map<String, String> params = header.startsWith("Digest ") ? parse(header) : null;
        if (params == null) {
            return Result.refused(AuthFailure.UNREADABLE, "The Proxy-Authorization header cannot be parsed as "
                    + "digest credentials (LiveKit expects 'Digest ' and then name=value pairs), so LiveKit answers "
                    + "401 Bad credentials.");
        }
        String user = params.getOrDefault("username", "");
        if (!user.equals(trunk.getAuthUsername())) {
            return Result.refused(AuthFailure.WRONG_USER, "The INVITE authenticates as \"" + user + "\" but trunk "
                    + id + " expects \"" + trunk.getAuthUsername() + "\", so LiveKit answers 401 Unauthorized.");
        }
        if (Boolean.FALSE.equals(invite.challengeStored())) {
            return Result.refused(AuthFailure.NO_CHALLENGE, "The capture shows no 407 from this LiveKit node for "
                    + "Call-ID " + invite.callId() + " before this INVITE, so LiveKit has no stored challenge to check "
                    + "the credentials against (a new Call-ID, or a challenge from another LiveKit node) and answers "
                    + "401 Bad credentials, whatever the digest (unless it challenged the call before the capture "
                    + "began).");
        }
        Map<String, String> stored = invite.challenge() == null ? null : parse(invite.challenge());
        String storedNonce = stored == null ? null : stored.get("nonce");
        String sentNonce = params.getOrDefault("nonce", "");
        if (storedNonce != null && !storedNonce.equals(sentNonce)) {
            return Result.refused(AuthFailure.OTHER_NONCE, "The credentials answer nonce \"" + sentNonce + "\", but "
                    + "this LiveKit node's latest challenge for the Call-ID has nonce \"" + storedNonce + "\": LiveKit "
                    + "keeps one challenge per Call-ID, replaced by every 407, and computes the expected digest from "
                    + "it, never from the nonce the credentials name (it never marks a nonce stale), so it answers "
                    + "401 Unauthorized whatever the password.");
        }
        // LiveKit's challenge has realm, nonce and MD5, no qop: the digest it expects follows from those alone
        String realm = stored != null && stored.get("realm") != null ? stored.get("realm") : params.getOrDefault("realm", "");
        String expected = liveKitResponse(trunk.getAuthPassword(), "INVITE", user, realm, sentNonce,
                params.getOrDefault("uri", ""));
        if (!expected.equals(params.getOrDefault("response", ""))) {
            String algorithm = params.getOrDefault("algorithm", "MD5");
            return Result.refused(AuthFailure.WRONG_DIGEST, "The digest in Proxy-Authorization is not the one trunk "
                    + id + "'s password gives for user \"" + user + "\"" + (stored == null ? ""
                    : " with this node's challenge (realm \"" + realm + "\", the same nonce)")
                    + (algorithm.equalsIgnoreCase("MD5") ? "" : "; the credentials say algorithm " + algorithm
                    + ", but LiveKit computes MD5 as its challenge says")
                    + (params.containsKey("qop") ? "; they use qop, which LiveKit's challenge does not offer" : "")
                    + ": the passwords differ, so LiveKit answers 401 Unauthorized.");
        }
        return new Result(AuthOutcome.CREDENTIALS_PRESENT, null, "The digest in Proxy-Authorization matches trunk "
                + id + "'s password" + (Boolean.TRUE.equals(invite.challengeStored())
                ? " and this LiveKit node challenged the Call-ID earlier in the capture."
                : "; LiveKit also requires its own 407 for this Call-ID to come first (a new Call-ID or another "
                + "LiveKit node gives 401 Bad credentials), which is not known here."));
    }

    /** The digest LiveKit expects (RFC 2617, MD5, no qop, as its challenge has none), from these values. */
    static String liveKitResponse(String password, String method, String user, String realm, String nonce, String uri) {
        return md5(md5(user + ":" + realm + ":" + password) + ":" + nonce + ":" + md5(method + ":" + uri));
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
    public static Map<String, String> parse(String header) {
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
