package org.sipladder.livekit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.Destination;
import livekit.LivekitSip.SIPOutboundConfig;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/**
 * Whether LiveKit accepts a CreateSIPParticipant request before it dials: the checks of protocol {@code livekit/sip.go}
 * {@code CreateSIPParticipantRequest.ValidateResult} (which {@code lk sip participant create} also runs), then those
 * of {@code rpc/sip.go NewCreateSIPParticipantRequestResult} and livekit {@code pkg/service/sip.go
 * CreateSIPParticipantRequest} that need the outbound trunk. Each error is LiveKit's own text; a refused request
 * places no call, so the capture holds no INVITE for it.
 */
public final class ParticipantRequestValidation {

    /** SIP token characters (RFC 3261 25.1), protocol {@code sip_validation.go tokenCharacters}. */
    private static final String TOKEN_EXTRA = "-.!%*_+`'~";
    /** Header names a request may not set (protocol {@code sip_validation.go ForbiddenSipHeaderNames}). */
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("accept", "accept-encoding", "accept-language", "allow",
            "allow-events", "call-id", "contact", "content-encoding", "content-length", "content-type", "cseq", "event",
            "expires", "from", "max-forwards", "record-route", "refer-to", "reply-to", "k", "l", "m", "o", "r", "t",
            "u", "v");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Protocol's {@code MaxSIPMediaTimeout}. */
    private static final long MAX_MEDIA_TIMEOUT_MICROS = 600_000_000L;

    private ParticipantRequestValidation() {
    }

    /**
     * LiveKit's error for the request, or null when LiveKit would dial it. {@code config}'s outbound trunks are asked
     * only when some are loaded: without them an unknown trunk ID cannot be told from one not exported.
     */
    public static String error(ParticipantRequest participant, LiveKitConfig config) {
        String invalid = invalid(participant);
        if (invalid != null) {
            return invalid;
        }
        CreateSIPParticipantRequest r = participant.request();
        SIPOutboundTrunkInfo trunk = r.getSipTrunkId().isEmpty() ? null : config.outboundTrunk(r.getSipTrunkId());
        if (trunk == null && !r.getSipTrunkId().isEmpty() && !config.outboundTrunks().isEmpty()) {
            return "requested sip trunk does not exist";
        }
        if (r.getSipNumber().isEmpty() && (r.getSipTrunkId().isEmpty() || trunk != null && trunk.getNumbersCount() == 0)) {
            return "no numbers on outbound trunk";
        }
        return null;
    }

    /** The first error of protocol's {@code ValidateResult}, in its order; null when the request is valid. */
    static String invalid(ParticipantRequest participant) {
        CreateSIPParticipantRequest r = participant.request();
        if (r.getSipTrunkId().isEmpty() && !r.hasTrunk() && r.getSipNumber().isEmpty()) {
            return "missing sip trunk id and sip number";
        }
        if (r.hasTrunk()) {
            String trunk = inlineTrunk(r.getTrunk());
            if (trunk != null) {
                return trunk;
            }
        }
        if (r.getSipCallTo().isEmpty()) {
            return "missing sip callee number";
        } else if (r.getSipCallTo().contains("@")) {
            return "SipCallTo should be a phone number or SIP user, not a full SIP URI";
        }
        String override = participant.toUserOverride();
        if (!override.isEmpty()) {
            if (override.contains("@")) {
                return "ToUserOverride should be a phone number or SIP user, not a full SIP URI";
            }
            String bad = badChar(override, false);
            if (bad != null) {
                return "ToUserOverride contains invalid characters: " + bad;
            }
        }
        if (r.getRoomName().isEmpty()) {
            return "missing room name";
        }
        if (r.hasDisplayName()) {
            String name = r.getDisplayName();
            if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 128) {
                return "DisplayName too long (max 128 characters)";
            }
            if (!goQuotable(name)) {
                return "DisplayName must be a valid quoted string: invalid syntax";
            }
        }
        if (r.hasDestination()) {
            String destination = destination(r.getDestination());
            if (destination != null) {
                return destination;
            }
        }
        String headers = headers(r.getHeadersMap());
        return headers != null ? headers : media(participant.media());
    }

    /** Protocol's {@code SIPMediaConfig.Validate}: each codec's name, and media_timeout at most 10 minutes. */
    private static String media(MediaConfig media) {
        for (MediaConfig.Codec c : media.codecs()) {
            if (c.name().isEmpty()) {
                return "missing codec name";
            }
            if (c.name().chars().anyMatch(ch -> ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) {
                return "invalid codec name";
            }
            if (c.name().contains("/")) {
                return "codec name must not contain '/'";
            }
        }
        if (media.mediaTimeoutMicros() < -1) {
            return "media_timeout must not be negative";
        }
        return media.mediaTimeoutMicros() > MAX_MEDIA_TIMEOUT_MICROS ? "media_timeout must not exceed 10m0s" : null;
    }

    private static String inlineTrunk(SIPOutboundConfig trunk) {
        if (trunk.getHostname().isEmpty()) {
            return "no outbound hostname specified";
        }
        for (String name : trunk.getAttributesToHeadersMap().values()) {
            String e = headerName(name, false);
            if (e != null) {
                return "invalid header name: " + e;
            }
        }
        for (String name : trunk.getHeadersToAttributesMap().keySet()) {
            String e = headerName(name, false);
            if (e != null) {
                return "invalid header name: " + e;
            }
        }
        return null;
    }

    private static String destination(Destination d) {
        if (!d.getCity().isEmpty() && d.getCountry().isEmpty() && d.getRegion().isEmpty()) {
            return "if city is specified, country or region must also be specified";
        }
        if (!d.getCountry().isEmpty() && !COUNTRIES.contains(d.getCountry())) {
            return "country must be a valid ISO 3166-1 alpha-2 code (2-letter like 'US', 'IN', 'UK')";
        }
        return null;
    }

    /**
     * Protocol's {@code validateHeaders}: names restricted, values printable ASCII. Go ranges over a map in random
     * order, so with several bad headers LiveKit names any one of them; here the first by name.
     */
    private static String headers(Map<String, String> headers) {
        for (Map.Entry<String, String> h : new TreeMap<>(headers).entrySet()) {
            String name = h.getKey();
            String e = headerName(name, true);
            if (e != null) {
                return "invalid header name: " + e;
            }
            String value = h.getValue();
            if (value.length() > 1024) {
                return "invalid header value for " + name + ": header " + name + ": value too long (max 1024 characters)";
            }
            String bad = badChar(value, true);
            if (bad != null) {
                return "invalid header value for " + name + ": header " + name + ": value: " + bad;
            }
        }
        return null;
    }

    private static String headerName(String name, boolean restricted) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (name.length() > 255) {
            return "header name too long (max 255 characters)";
        }
        String bad = badChar(name, false);
        if (bad != null) {
            return "header name " + name + " contains invalid characters: " + bad;
        }
        if (restricted && FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return "header name " + name + " not supported";
        }
        return null;
    }

    /**
     * Protocol's {@code allowedCharacters.Validate}: the first character not allowed, as "char N not allowed" (N the
     * code point); a header value allows printable ASCII, tab and any non-ASCII, a token only its characters.
     */
    private static String badChar(String text, boolean headerValue) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean ok = headerValue ? c >= 0x80 || c == 0x09 || c >= 0x20 && c <= 0x7E
                    : c < 0x80 && (Character.isLetterOrDigit(c) || TOKEN_EXTRA.indexOf(c) >= 0);
            if (!ok) {
                return c >= 0x80 && !headerValue
                        ? "char " + c + " out of range, consider explicilty adding utf8 characters"
                        : "char " + c + " not allowed";
            }
        }
        return null;
    }

    /** True when Go's {@code strconv.Unquote} reads {@code "} + text + {@code "}: no bare quote or newline, valid escapes. */
    static boolean goQuotable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\n') {
                return false;
            }
            if (c != '\\') {
                continue;
            }
            if (++i >= text.length()) {
                return false;
            }
            char e = text.charAt(i);
            int hex = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
            if (hex > 0) {
                if (i + hex >= text.length()) {
                    return false;
                }
                for (int k = 1; k <= hex; k++) {
                    if (Character.digit(text.charAt(i + k), 16) < 0) {
                        return false;
                    }
                }
                i += hex;
            } else if (e >= '0' && e <= '7') {
                if (i + 2 >= text.length() || !octal(text.charAt(i + 1)) || !octal(text.charAt(i + 2))
                        || Integer.parseInt(text.substring(i, i + 3), 8) > 255) {
                    return false;
                }
                i += 2;
            } else if (Arrays.binarySearch(new char[] {'"', '\\', 'a', 'b', 'f', 'n', 'r', 't', 'v'}, e) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean octal(char c) {
        return c >= '0' && c <= '7';
    }
}
