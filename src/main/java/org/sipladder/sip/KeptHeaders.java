package org.sipladder.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * Which headers a compact {@link SipMessage} keeps in memory, and the kept headers of one message being read: the
 * first value of each header with a field of its own (Call-ID, CSeq, From, To, User-Agent, Server) goes to that
 * field, the rest (RSeq, the B2BUA headers of {@link B2buaProfile}, any X-/P- ...Call-ID, the session keys of
 * {@link SessionKeyHeader}, a REFER's Refer-To, repeats) to name/value pairs in message order: only a message that
 * has one of them holds pairs. Deciding whether a header is kept needs no cache: known names are compared by reference
 * first, and the catch-all correlation rule looks at a name only when it starts with X- or P-.
 */
final class KeptHeaders {

    /** The kept headers with a field of their own, in slot order. */
    static final List<String> FIXED = List.of("Call-ID", "CSeq", "From", "To", "User-Agent", "Server");
    /**
     * Headers every message keeps in memory, by canonical name: {@link #FIXED}, RSeq, every B2BUA family's, the session
     * keys, Refer-To.
     */
    static final List<String> KEPT = kept();
    /** {@link #KEPT} as an array, {@link #FIXED} first in the same order. */
    static final String[] KEPT_NAMES = KEPT.toArray(new String[0]);
    /** For each of {@link #KEPT_NAMES}: whether it carries another leg's Call-ID. */
    private static final boolean[] KEPT_CORRELATION = correlation(KEPT_NAMES);
    private static final String[] NONE = new String[0];
    /**
     * Names a diagnosis asks of nearly every message, as the constants it asks by, which no message keeps: such a
     * name is known not kept by reference, without {@link #isKept}'s comparisons (the name is ASCII too).
     */
    static final String[] ASKED_UNKEPT = unkept("Contact", "Via", "Content-Type", "Content-Length",
            "Proxy-Authorization", "Session-Expires", "Reason", "Record-Route", "Route");

    String callId;
    String cseq;
    String from;
    String to;
    String userAgent;
    String server;
    private List<String> more;
    /** True when the scan found no {@code received} in the first Via line ({@link SipMessage#viaWithoutReceived}). */
    boolean viaWithoutReceived;
    /**
     * Which of Contact, Reason, Session-Expires and Proxy-Authorization the scan found no line of (in any spelling,
     * compact forms included): the {@code *_ABSENT} bits, as {@link SipMessage} packs them. 0 says nothing.
     */
    int absentAsked;

    /** {@link #absentAsked}'s bits: the high four of a byte, as {@link SipMessage}'s method code leaves them free. */
    static final int CONTACT_ABSENT = 0x10;
    static final int REASON_ABSENT = 0x20;
    static final int SESSION_EXPIRES_ABSENT = 0x40;
    static final int PROXY_AUTHORIZATION_ABSENT = 0x80;

    /** The kept headers of {@code pairs} (name, value, name, value...). */
    static KeptHeaders of(String[] pairs) {
        KeptHeaders kept = new KeptHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            kept.add(pairs[i], pairs[i + 1]);
        }
        return kept;
    }

    /** Adds the next kept header; {@code name} is its canonical name. */
    void add(String name, String value) {
        add(fixedSlot(name), name, value);
    }

    /** As {@link #add(String, String)} where the caller knows {@code slot}, the name's {@link #fixedSlot}. */
    void add(int slot, String name, String value) {
        switch (slot) {
            case 0 -> callId = callId == null ? value : extra(name, value, callId);
            case 1 -> cseq = cseq == null ? value : extra(name, value, cseq);
            case 2 -> from = from == null ? value : extra(name, value, from);
            case 3 -> to = to == null ? value : extra(name, value, to);
            case 4 -> userAgent = userAgent == null ? value : extra(name, value, userAgent);
            case 5 -> server = server == null ? value : extra(name, value, server);
            default -> extra(name, value, null);
        }
    }

    /** Records a pair beyond the fields and returns {@code kept}, the field's value, unchanged. */
    private String extra(String name, String value, String kept) {
        if (more == null) {
            more = new ArrayList<>(4);
        }
        more.add(name);
        more.add(value);
        return kept;
    }

    /** Forgets every header added, for the next message (a scan reuses one per thread: see ScanSession). */
    void clear() {
        callId = cseq = from = to = userAgent = server = null;
        more = null;
        viaWithoutReceived = false;
        absentAsked = 0;
    }

    /** The pairs beyond the fields, or null when there are none. */
    String[] extras() {
        return more == null ? null : more.toArray(NONE);
    }

    /** True for the headers a compact message keeps in memory (canonical or as-sent spelling, any case). */
    static boolean isKept(String name) {
        return known(name) >= 0 || B2buaProfile.isCorrelationHeader(name);
    }

    /**
     * True for a kept header that carries another leg's Call-ID. {@code name} must be kept ({@link #isKept}): one
     * that is not a known name was kept only for being a correlation header.
     */
    static boolean isKeptCorrelation(String name) {
        int i = known(name);
        return i < 0 || KEPT_CORRELATION[i];
    }

    /** The index of {@code name} in {@link #KEPT_NAMES} (same object first, then any case), or -1. */
    private static int known(String name) {
        for (int i = 0; i < KEPT_NAMES.length; i++) {
            if (KEPT_NAMES[i] == name) {
                return i;
            }
        }
        // the length first: a diagnosis asks unkept names (Contact, Via...) of most messages
        int length = name.length();
        for (int i = 0; i < KEPT_NAMES.length; i++) {
            if (KEPT_NAMES[i].length() == length && KEPT_NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The name/value pairs of the kept headers among {@code headers}, values shared through {@code pool}. */
    static String[] keptOf(List<SipHeader> headers, StringPool pool) {
        List<String> pairs = new ArrayList<>();
        for (SipHeader h : headers) {
            if (isKept(h.name())) {
                pairs.add(h.name());
                pairs.add(pool == null ? h.value() : pool.share(h.value()));
            }
        }
        return pairs.isEmpty() ? NONE : pairs.toArray(NONE);
    }

    /** The slot of a header with a field of its own, or -1. */
    static int fixedSlot(String name) {
        for (int i = 0; i < FIXED.size(); i++) {
            if (FIXED.get(i) == name) {
                return i;
            }
        }
        for (int i = 0; i < FIXED.size(); i++) {
            if (FIXED.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> kept() {
        List<String> kept = new ArrayList<>(FIXED);
        kept.add("RSeq");
        kept.addAll(B2buaProfile.keptHeaders());
        kept.addAll(SessionKeyHeader.keptHeaders());
        // the target of a transfer: the flows join the leg dialled to it to the call that asked for it
        kept.add("Refer-To");
        return List.copyOf(kept);
    }

    /** True when {@code name} is one of {@link #ASKED_UNKEPT} (the same object). */
    static boolean askedUnkept(String name) {
        return askedIndex(name) >= 0;
    }

    /** The index of {@code name} in {@link #ASKED_UNKEPT} (the same object), or -1. */
    static int askedIndex(String name) {
        int i = byReference(name);
        return i >= KEPT_NAMES.length ? i - KEPT_NAMES.length : -1;
    }

    /**
     * Where {@code name} is, by reference: {@code i} for {@link #KEPT_NAMES}{@code [i]}, {@link #KEPT_NAMES}'s length
     * plus {@code k} for {@link #ASKED_UNKEPT}{@code [k]}, -1 for any other object (an equal name spelt elsewhere
     * too). One look in a table by the name's hash (kept in the string), where comparing with each of the ~30 names
     * took longer than the rest of a question about a kept header or an unkept one already read back.
     */
    static int byReference(String name) {
        String[] names = BY_REFERENCE;
        for (int slot = name.hashCode() * 0x9E3779B9 >>> BY_REFERENCE_SHIFT; names[slot] != null;
                slot = (slot + 1) & (names.length - 1)) {
            if (names[slot] == name) {
                return BY_REFERENCE_INDEX[slot];
            }
        }
        return -1;
    }

    /** {@link #KEPT_NAMES} then {@link #ASKED_UNKEPT}, hashed for {@link #byReference} (at most a quarter full). */
    private static final int BY_REFERENCE_BITS = 32 - Integer.numberOfLeadingZeros(4 * (KEPT_NAMES.length
            + ASKED_UNKEPT.length) - 1);
    private static final int BY_REFERENCE_SHIFT = 32 - BY_REFERENCE_BITS;
    private static final String[] BY_REFERENCE = new String[1 << BY_REFERENCE_BITS];
    private static final int[] BY_REFERENCE_INDEX = new int[1 << BY_REFERENCE_BITS];

    static {
        for (int i = 0; i < KEPT_NAMES.length + ASKED_UNKEPT.length; i++) {
            String name = i < KEPT_NAMES.length ? KEPT_NAMES[i] : ASKED_UNKEPT[i - KEPT_NAMES.length];
            int slot = name.hashCode() * 0x9E3779B9 >>> BY_REFERENCE_SHIFT;
            while (BY_REFERENCE[slot] != null && BY_REFERENCE[slot] != name) {
                slot = (slot + 1) & (BY_REFERENCE.length - 1);
            }
            if (BY_REFERENCE[slot] == null) { // a name twice: its first place, as a loop over the names finds
                BY_REFERENCE[slot] = name;
                BY_REFERENCE_INDEX[slot] = i;
            }
        }
    }

    /**
     * For each of {@link #ASKED_UNKEPT}: its bit in {@link #absentAsked}, 0 for the names whose absence is not
     * noted.
     */
    static final int[] ABSENT_BIT = absentBits();

    private static int[] absentBits() {
        int[] bits = new int[ASKED_UNKEPT.length];
        bits[askedIndex("Contact")] = CONTACT_ABSENT;
        bits[askedIndex("Reason")] = REASON_ABSENT;
        bits[askedIndex("Session-Expires")] = SESSION_EXPIRES_ABSENT;
        bits[askedIndex("Proxy-Authorization")] = PROXY_AUTHORIZATION_ABSENT;
        return bits;
    }

    private static String[] unkept(String... names) {
        for (String name : names) {
            if (isKept(name)) {
                throw new IllegalStateException(name + " is kept");
            }
        }
        return names;
    }

    private static boolean[] correlation(String[] names) {
        boolean[] correlation = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            correlation[i] = B2buaProfile.isCorrelationHeader(names[i]);
        }
        return correlation;
    }
}
