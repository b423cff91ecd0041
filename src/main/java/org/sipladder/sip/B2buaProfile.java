package org.sipladder.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the analyzer knows about each B2BUA family, in one table: the headers whose value is another leg's
 * Call-ID (they join legs into one call), the headers only that family adds, and the User-Agent/Server words
 * that name it. The scanner keeps these headers ({@link SipMessage}), the flows join legs by the correlation
 * headers, the hop roles read the tells. Adding a family (FreeSWITCH, Asterisk, Kamailio with topos, OpenSIPS,
 * a carrier such as Twilio) is one entry here and one case in {@code B2buaProfileTest}, once its headers are
 * known from a capture.
 */
public enum B2buaProfile {
    /** Jambonz (on drachtio): X-CID names the inbound leg's Call-ID on the outbound leg. */
    JAMBONZ("Jambonz", List.of("X-CID"), List.of("X-Call-Sid", "X-Account-Sid"), List.of("drachtio", "jambonz"));

    /** Every known family, in table order. */
    public static final List<B2buaProfile> ALL = List.of(values());

    /**
     * Correlation headers any B2BUA may use, beyond the families' own: an X- or P- header whose name ends in
     * Call-ID or CallID (X-Call-ID, X-Original-Call-ID, P-Orig-CallID...).
     */
    private static final Pattern ANY_CALL_ID_HEADER = Pattern.compile("(?i)[xp]-([a-z0-9]+-)*call-?id");

    private final String family;
    private final List<String> correlationHeaders;
    private final List<String> headers;
    private final List<String> agentWords;

    /**
     * @param family             the name shown in evidence ("a header Jambonz adds")
     * @param correlationHeaders headers carrying the Call-ID of another leg of the same call
     * @param tellHeaders        other headers that only this family adds
     * @param agentWords         words of a User-Agent or Server value (any case) that name this family
     */
    B2buaProfile(String family, List<String> correlationHeaders, List<String> tellHeaders, List<String> agentWords) {
        this.family = family;
        this.correlationHeaders = List.copyOf(correlationHeaders);
        List<String> all = new ArrayList<>(correlationHeaders);
        all.addAll(tellHeaders);
        this.headers = List.copyOf(all);
        this.agentWords = List.copyOf(agentWords);
    }

    /** The name shown in evidence, e.g. "Jambonz". */
    public String family() {
        return family;
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
        for (B2buaProfile p : ALL) {
            for (String h : p.correlationHeaders) {
                if (h.equalsIgnoreCase(name)) {
                    return true;
                }
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
            if (lower.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
