package org.sipladder.diagnose;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts of a {@link PrivateAddressCheck} finding that follow from its hosts alone (title, the facts about the
 * sender and its NAT, the fix steps), made once per diagnosis: a capture's calls pass the same few hosts, and each
 * finding built its two long fix steps anew. The same step list for the same hosts is also written to JSON once
 * and copied. So are the facts of what leaked ({@link #fact}): the calls through a host leak the same Contact, Via
 * and c= values. Bounded; safe on several threads.
 */
final class PrivateAddressTexts {

    /** Host combinations remembered at most; beyond, their texts are made for each finding. */
    static final int MAX = 256;

    /**
     * @param title the finding's title
     * @param sends the fact that the sender sends to the public peer
     * @param nat   the fact that the sender is behind NAT, or null when no peer reported its public address
     * @param steps the fix steps (an unmodifiable list)
     */
    record Texts(String title, String sends, String nat, List<String> steps) {
    }

    /** Leak facts remembered at most; beyond, a fact is made for each finding. */
    static final int MAX_FACTS = 1024;

    private final Map<Hosts, Texts> known = new ConcurrentHashMap<>();
    private final Map<Parts, String> facts = new ConcurrentHashMap<>();

    /** The texts for a finding about {@code sender} (a Jambonz hop or not) leaking to {@code peer}. */
    Texts of(String sender, String peer, String publicIp, boolean jambonz) {
        Hosts hosts = new Hosts(sender, peer, publicIp, jambonz);
        Texts kept = known.get(hosts);
        if (kept != null) {
            return kept;
        }
        Texts made = PrivateAddressCheck.texts(sender, peer, publicIp, jambonz);
        if (known.size() < MAX) {
            known.putIfAbsent(hosts, made);
        }
        return made;
    }

    /**
     * The fact that is the four texts joined, as the very string every call leaking the same gets: the JSON writes
     * a string it wrote before by copying its bytes, but only the same object (big_sip's 100,000 private-address
     * findings each made and escaped their three facts anew, 7 MB of JSON).
     */
    String fact(String a, String b, String c, String d) {
        Parts parts = new Parts(a, b, c, d);
        String kept = facts.get(parts);
        if (kept != null) {
            return kept;
        }
        // one buffer of the right size: the concatenation's builder grew three times for a fact of ~60 characters
        String made = new StringBuilder(a.length() + b.length() + c.length() + d.length()).append(a).append(b)
                .append(c).append(d).toString();
        if (facts.size() < MAX_FACTS) {
            kept = facts.putIfAbsent(parts, made);
        }
        return kept == null ? made : kept;
    }

    /** The texts a fact is joined from, hashed and compared as written here. */
    private record Parts(String a, String b, String c, String d) {
        @Override
        public int hashCode() {
            return 31 * (31 * (31 * a.hashCode() + b.hashCode()) + c.hashCode()) + d.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Parts p && p.a.equals(a) && p.b.equals(b) && p.c.equals(c) && p.d.equals(d);
        }
    }

    /** What the texts follow from, hashed and compared as written here (a record's own go through method handles). */
    private record Hosts(String sender, String peer, String publicIp, boolean jambonz) {
        @Override
        public int hashCode() {
            int h = 31 * (31 * sender.hashCode() + peer.hashCode()) + Objects.hashCode(publicIp);
            return 2 * h + (jambonz ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hosts h && h.jambonz == jambonz && h.sender.equals(sender) && h.peer.equals(peer)
                    && Objects.equals(h.publicIp, publicIp);
        }
    }
}
