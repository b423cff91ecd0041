package org.sipladder.sip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the analyzer knows about each B2BUA, proxy and carrier family, in one table: the headers whose value is
 * another leg's Call-ID (they join legs into one call), and the tells that name a hop's role: headers only that
 * family adds, User-Agent/Server words, the prefix its own Call-IDs carry, the SIP domains it is reached at. The
 * scanner keeps these headers ({@link SipMessage}), the flows join legs by the correlation headers, the hop roles
 * read the tells. Adding a family is one entry here and one case in {@code B2buaProfileTest} and
 * {@code B2buaHopsTest}, from its public documentation or source (each entry says which).
 */
public enum B2buaProfile {
    /**
     * Jambonz (on drachtio): X-CID names the inbound leg's Call-ID on the outbound leg; X-Call-Sid and
     * X-Account-Sid are its own (jambonz-feature-server).
     */
    JAMBONZ("Jambonz", Kind.B2BUA, List.of("X-CID"), List.of("X-Call-Sid", "X-Account-Sid"),
            List.of("drachtio", "jambonz"), List.of(), List.of()),
    /**
     * FreeSWITCH (mod_sofia): sets no header naming the other leg's Call-ID; a bridge's B-leg is a dialog of its own,
     * joined by timing and numbers (or by an X- ...Call-ID header a dial plan exports, see below). mod_sofia adds
     * X-FS-Support to its INVITEs and answers, and its default User-Agent is "FreeSWITCH-mod_sofia/...".
     */
    FREESWITCH("FreeSWITCH", Kind.B2BUA, List.of(), List.of("X-FS-Support"), List.of("FreeSWITCH"), List.of(),
            List.of()),
    /**
     * Asterisk (chan_sip and chan_pjsip): sets no header naming the other leg's Call-ID either. It reports hang-up
     * causes in X-Asterisk-HangupCause and X-Asterisk-HangupCauseCode, and its default User-Agent/Server is
     * "Asterisk PBX version".
     */
    ASTERISK("Asterisk", Kind.B2BUA, List.of(), List.of("X-Asterisk-HangupCause", "X-Asterisk-HangupCauseCode"),
            List.of("Asterisk PBX"), List.of(), List.of()),
    /**
     * Kamailio: a proxy. With topos (topology stripping) it keeps the Call-ID, so both sides are one dialog and need
     * no correlation header; topos hides itself in Via/Record-Route/Contact, which the scanner does not keep. Its
     * default Server/User-Agent says "kamailio"; topoh with mask_callid gives Call-IDs the prefix "!!:".
     */
    KAMAILIO("Kamailio", Kind.PROXY, List.of(), List.of(), List.of("kamailio"), List.of("!!:"), List.of()),
    /**
     * OpenSIPS: a proxy. topology_hiding with Call-ID mangling gives the far side an encoded Call-ID with the prefix
     * "DLGCH_" (th_callid_prefix's default); the original cannot be read back without th_callid_passwd, so no
     * header joins the legs. Its default Server/User-Agent says "OpenSIPS".
     */
    OPENSIPS("OpenSIPS", Kind.PROXY, List.of(), List.of(), List.of("OpenSIPS"), List.of("DLGCH_"), List.of()),
    /**
     * SER (SIP Express Router, iptel.org), the proxy and registrar Kamailio and OpenSIPS grew from, with its heirs
     * before those names: its Server/User-Agent is "Sip EXpress router (VERSION (ARCH/OS))", the merged sip-router
     * 3.x says "ser (VERSION ...)" (the first word only: "ser (" ends many a word), OpenSER 1.x "OpenSER (...)".
     */
    SER("SER", Kind.PROXY, List.of(), List.of(), List.of("Sip EXpress router", "^ser (", "OpenSER"), List.of(),
            List.of()),
    /**
     * Twilio (Elastic SIP Trunking, Programmable Voice SIP) as a carrier: X-Twilio-CallSid and X-Twilio-AccountSid
     * name its own call and account (not a SIP Call-ID); User-Agent "Twilio Gateway"; trunks are reached at
     * NAME.pstn.twilio.com, SIP domains at NAME.sip.twilio.com.
     */
    TWILIO("Twilio", Kind.CARRIER, List.of(), List.of("X-Twilio-CallSid", "X-Twilio-AccountSid"), List.of("Twilio"),
            List.of(), List.of(".pstn.twilio.com", ".sip.twilio.com")),
    /**
     * Telnyx as a carrier: X-call_leg_id and X-call_session_id carry its Call Control IDs (not a SIP Call-ID);
     * reached at sip.telnyx.com. No User-Agent word is documented, so none is listed.
     */
    TELNYX("Telnyx", Kind.CARRIER, List.of(), List.of("X-call_leg_id", "X-call_session_id"), List.of(), List.of(),
            List.of("sip.telnyx.com")),
    /**
     * Vonage as a carrier: reached at NAME.sip-us.vonage.com (also -eu, -ap); it documents no header of its own and
     * no User-Agent, so only the domain tells.
     */
    VONAGE("Vonage", Kind.CARRIER, List.of(), List.of(), List.of(), List.of(), List.of(".vonage.com"));

    /** What a family's hop is in a call path. */
    public enum Kind {
        /** A back-to-back user agent: each side is a dialog of its own, with its own Call-ID. */
        B2BUA,
        /** A proxy: it relays the dialog (possibly hiding the topology), not a party to it. */
        PROXY,
        /** A carrier's edge towards the phone network. */
        CARRIER
    }

    /** Every known family, in table order. */
    public static final List<B2buaProfile> ALL = List.of(values());
    /** Every family's correlation headers, once each. */
    private static final String[] CORRELATION_HEADERS = ALL.stream().flatMap(p -> p.correlationHeaders.stream())
            .distinct().toArray(String[]::new);

    /** Every family's Call-ID prefixes and domains, for the one look per INVITE that rules them all out. */
    private static final String[] ALL_CALL_ID_PREFIXES = ALL.stream().flatMap(p -> Arrays.stream(p.callIdPrefixes))
            .toArray(String[]::new);
    private static final String[] ALL_DOMAINS = ALL.stream().flatMap(p -> Arrays.stream(p.domains))
            .toArray(String[]::new);

    /**
     * Correlation headers any B2BUA may use, beyond the families' own: an X- or P- header whose name ends in
     * Call-ID or CallID (X-Call-ID, X-Original-Call-ID, P-Orig-CallID...).
     */
    private static final Pattern ANY_CALL_ID_HEADER = Pattern.compile("(?i)[xp]-([a-z0-9]+-)*call-?id");

    private final String family;
    private final Kind kind;
    private final List<String> correlationHeaders;
    private final List<String> headers;
    private final List<String> agentWords;
    /** Arrays: a list's get in the per-message loops would be dispatched through a stub by the quick JIT. */
    private final String[] callIdPrefixes;
    private final String[] domains;

    /**
     * @param family             the name shown in evidence ("a header Jambonz adds")
     * @param kind               what its hop is
     * @param correlationHeaders headers carrying the Call-ID of another leg of the same call
     * @param tellHeaders        other headers that only this family adds
     * @param agentWords         words of a User-Agent or Server value (any case) that name this family; one
     *                           starting with ^ names it only at the start of the value
     * @param callIdPrefixes     prefixes of the Call-IDs it makes
     * @param domains            ends of the host names it is reached at (a Request-URI host)
     */
    B2buaProfile(String family, Kind kind, List<String> correlationHeaders, List<String> tellHeaders,
                 List<String> agentWords, List<String> callIdPrefixes, List<String> domains) {
        this.family = family;
        this.kind = kind;
        this.correlationHeaders = List.copyOf(correlationHeaders);
        List<String> all = new ArrayList<>(correlationHeaders);
        all.addAll(tellHeaders);
        this.headers = List.copyOf(all);
        this.agentWords = List.copyOf(agentWords);
        this.callIdPrefixes = callIdPrefixes.toArray(new String[0]);
        this.domains = domains.toArray(new String[0]);
    }

    /** The name shown in evidence, e.g. "Jambonz". */
    public String family() {
        return family;
    }

    /** What this family's hop is. */
    public Kind kind() {
        return kind;
    }

    /** The correlation headers, then the tell headers: every header this family adds. */
    public List<String> headers() {
        return headers;
    }

    /** Every family's headers by canonical name, in table order: the scanner keeps them. */
    static List<String> keptHeaders() {
        List<String> kept = new ArrayList<>();
        ALL.forEach(p -> kept.addAll(p.headers));
        return List.copyOf(kept);
    }

    /** True for a header that names another leg's Call-ID: a family's correlation header, or any X-/P- ...Call-ID. */
    static boolean isCorrelationHeader(String name) {
        // an index loop over one array: a diagnosis asks this of almost every header name it looks up, and the
        // quick JIT allocates an iterator per for-each
        int length = name.length();
        for (int i = 0; i < CORRELATION_HEADERS.length; i++) {
            if (CORRELATION_HEADERS[i].length() == length && CORRELATION_HEADERS[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        // the catch-all needs "X-" or "P-" first: most names are ruled out without the pattern
        return name.length() >= 8 && name.charAt(1) == '-' && "xXpP".indexOf(name.charAt(0)) >= 0
                && ANY_CALL_ID_HEADER.matcher(name).matches();
    }

    /** True when a User-Agent or Server value names this family. */
    public boolean namedBy(String agent) {
        String lower = agent.toLowerCase(Locale.ROOT);
        for (String word : agentWords) {
            boolean first = word.startsWith("^");
            String w = (first ? word.substring(1) : word).toLowerCase(Locale.ROOT);
            if (first ? lower.startsWith(w) : lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The prefix of this family's Call-IDs that {@code callId} starts with, or null. */
    public String callIdPrefixOf(String callId) {
        // an index loop: an iterator per call and family showed in the allocation profile of a large capture
        for (int i = 0; callId != null && i < callIdPrefixes.length; i++) {
            String prefix = callIdPrefixes[i];
            if (callId.startsWith(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    /** The domain of this family that the host of {@code uri} ends with (any case), or null. */
    public String domainOf(String uri) {
        return uri == null ? null : domainOfHost(hostOf(uri));
    }

    /** The domain of this family that {@code host} (lower case, as {@link #hostOf} gives it) ends with, or null. */
    public String domainOfHost(String host) {
        for (int i = 0; i < domains.length; i++) {
            String domain = domains[i];
            if (host.endsWith(domain)) {
                return domain;
            }
        }
        return null;
    }

    /** The host of a SIP URI, lower case: after the user part's "@", before a port or parameters. */
    public static String hostOf(String uri) {
        int start = hostStart(uri);
        return uri.substring(start, hostEnd(uri, start)).toLowerCase(Locale.ROOT);
    }

    private static int hostStart(String uri) {
        int at = uri.indexOf('@');
        return at >= 0 ? at + 1 : uri.indexOf(':') + 1;
    }

    private static int hostEnd(String uri, int start) {
        int end = start;
        // the host's end is one of : ; > ?, which lie in ':'..'?' with < and = between: a letter is ruled out by one
        // comparison, a digit or dot by two (every dialog-opening INVITE's host is walked)
        for (char c; end < uri.length() && ((c = uri.charAt(end)) > '?' || c < ':' || c == '<' || c == '='); ) {
            end++;
        }
        return end;
    }

    /**
     * False when no family's Call-ID prefix starts {@code callId} and no family's domain ends the host of
     * {@code requestUri} (either may be null), as {@link #callIdPrefixOf} and {@link #domainOfHost} of
     * {@link #hostOf} would find for every family; true when one may. Without the host's string or its lower case:
     * every dialog-opening INVITE of a capture asks, and hardly any names a family.
     */
    public static boolean mayTell(String callId, String requestUri) {
        for (int i = 0; callId != null && i < ALL_CALL_ID_PREFIXES.length; i++) {
            if (callId.startsWith(ALL_CALL_ID_PREFIXES[i])) {
                return true;
            }
        }
        if (requestUri == null) {
            return false;
        }
        int start = hostStart(requestUri);
        int end = hostEnd(requestUri, start);
        for (int i = 0; i < ALL_DOMAINS.length; i++) {
            if (mayEndWith(requestUri, start, end, ALL_DOMAINS[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code s[start, end)} in lower case may end with {@code suffix} (lower-case ASCII): compared a character
     * at a time from the end, ASCII letters folded; a character beyond ASCII (whose lower case may be longer, or
     * ASCII) answers true, for the exact look to decide.
     */
    private static boolean mayEndWith(String s, int start, int end, String suffix) {
        int n = suffix.length();
        if (end - start < n) {
            // a character beyond ASCII may lower-case to two
            for (int i = start; i < end; i++) {
                if (s.charAt(i) >= 128) {
                    return true;
                }
            }
            return false;
        }
        for (int k = 1; k <= n; k++) {
            char c = s.charAt(end - k);
            if (c >= 128) {
                return true;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != suffix.charAt(n - k)) {
                return false;
            }
        }
        return true;
    }
}
