package org.sipladder.livekit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/** LiveKit's inbound trunk selection (routing notes, section 2), with the reason each trunk was left out. */
final class TrunkSelector {

    private final List<SIPInboundTrunkInfo> trunks;
    /** Each trunk's numbers normalized, worked out once: a simulator serves every INVITE of a capture. */
    private final String[][] normalized;
    /**
     * Each trunk's numbers as configured: an array, as the protobuf lists are of several kinds, whose size and get the
     * quick JIT calls through a dispatch stub for each trunk and INVITE.
     */
    private final String[][] numbers;
    /** Each trunk's "label skipped: its numbers [...] do not include the called number " (config-only text). */
    private final String[] missPrefix;
    /** True when a trunk has a usable allowed_addresses entry: only then does the source address change a selection. */
    private final boolean readsSource;

    TrunkSelector(List<SIPInboundTrunkInfo> trunks) {
        this.trunks = trunks;
        this.normalized = new String[trunks.size()][];
        this.numbers = new String[trunks.size()][];
        this.missPrefix = new String[trunks.size()];
        boolean readsSource = false;
        for (int i = 0; i < trunks.size(); i++) {
            SIPInboundTrunkInfo trunk = trunks.get(i);
            readsSource |= !new AllowedAddresses(trunk.getAllowedAddressesList()).usable().isEmpty();
            List<String> numbers = trunk.getNumbersList();
            normalized[i] = new String[numbers.size()];
            this.numbers[i] = numbers.toArray(new String[0]);
            for (int k = 0; k < numbers.size(); k++) {
                normalized[i][k] = PhoneNumbers.normalize(numbers.get(k));
            }
            missPrefix[i] = ConfigView.label(trunk) + " skipped: its numbers " + numbers
                    + " do not include the called number ";
        }
        this.readsSource = readsSource;
    }

    /**
     * True when the source address LiveKit saw (captured, or behind a NAT) may change a selection, its notes or its
     * sentences: a trunk has a usable allowed_addresses entry ({@link #exclusion} reads the source only then).
     */
    boolean readsSource() {
        return readsSource;
    }

    /**
     * Selects the trunk for the invite, whose called number the caller gives normalized ({@link
     * PhoneNumbers#normalize}) and quoted ({@link #quote}); adds sentences about uncertain inputs to {@code notes}.
     */
    TrunkMatch select(InboundInvite invite, String calledNorm, String quotedCalled, List<String> notes) {
        String called = invite.calledNumber();
        if (trunks.isEmpty()) {
            return new TrunkMatch(TrunkMatch.Kind.NO_TRUNKS, null, List.of(), null, List.of());
        }
        // made when first needed: most calls leave every trunk out for its numbers, or take one
        List<SIPInboundTrunkInfo> specific = null;
        List<SIPInboundTrunkInfo> defaults = null;
        List<String> excluded = null;
        String[] misses = null;
        int[] missed = null;
        int missCount = 0;
        String missEnd = null;
        for (int i = 0; i < trunks.size(); i++) {
            SIPInboundTrunkInfo trunk = trunks.get(i);
            // The number check comes first because it is cheap and removes most trunks of a large project; the
            // outcome is the same in LiveKit's order, only the reason given for skipping a trunk differs.
            String[] numbers = this.numbers[i];
            int hits = 0;
            for (int k = 0; k < numbers.length; k++) {
                if (numbers[k].equals(called) || normalized[i][k].equals(calledNorm)) {
                    hits++;
                }
            }
            if (numbers.length > 0 && hits == 0) {
                if (missEnd == null) {
                    missEnd = quotedCalled.concat("."); // the same end for every trunk's sentence
                    misses = new String[trunks.size() - i];
                    missed = new int[misses.length];
                }
                misses[missCount] = missPrefix[i].concat(missEnd);
                missed[missCount++] = i;
                continue;
            }
            String why = exclusion(trunk, invite, notes);
            if (why != null) {
                excluded = excluded == null ? new ArrayList<>() : excluded;
                excluded.add(ConfigView.label(trunk) + " skipped: " + why + ".");
                notes.add(excluded.get(excluded.size() - 1));
            } else if (hits == 0) {
                defaults = defaults == null ? new ArrayList<>() : defaults;
                defaults.add(trunk);
            } else {
                specific = specific == null ? new ArrayList<>() : specific;
                specific.add(trunk); // protocol sip.MatchTrunkDetailed: a trunk matches at most once per call
            }
        }
        if (missCount <= 5) {
            for (int k = 0; k < missCount; k++) {
                notes.add(misses[k]);
            }
        } else {
            notes.add(missCount + " trunks do not list the called number (" + String.join(", ", idsOf(missed, 5))
                    + " and " + (missCount - 5) + " more).");
        }
        return outcome(called, specific, defaults, skipped(excluded, misses, missCount, specific, defaults));
    }

    /**
     * The sentences about the trunks left out: those excluded, those whose numbers miss, and when one trunk lists the
     * number, the default trunks not used; as List.of's list, which TrunkMatch keeps without a copy.
     */
    private static List<String> skipped(List<String> excluded, String[] misses, int missCount,
                                        List<SIPInboundTrunkInfo> specific, List<SIPInboundTrunkInfo> defaults) {
        int excludedCount = excluded == null ? 0 : excluded.size();
        int unusedCount = specific != null && specific.size() == 1 && defaults != null ? defaults.size() : 0;
        if (excludedCount + missCount + unusedCount == 0) {
            return List.of();
        }
        String[] all = new String[excludedCount + missCount + unusedCount];
        for (int k = 0; k < excludedCount; k++) {
            all[k] = excluded.get(k);
        }
        System.arraycopy(misses == null ? all : misses, 0, all, excludedCount, missCount);
        for (int k = 0; k < unusedCount; k++) {
            all[excludedCount + missCount + k] = ConfigView.label(defaults.get(k)) + " not used: it is a default trunk and "
                    + specific.get(0).getSipTrunkId() + " lists the number.";
        }
        return List.of(all);
    }

    /** The IDs of the first {@code count} trunks at {@code indexes}. */
    private List<String> idsOf(int[] indexes, int count) {
        String[] ids = new String[count];
        for (int k = 0; k < count; k++) {
            ids[k] = trunks.get(indexes[k]).getSipTrunkId();
        }
        return List.of(ids);
    }

    private static TrunkMatch outcome(String called, List<SIPInboundTrunkInfo> specific,
                                      List<SIPInboundTrunkInfo> defaults, List<String> skipped) {
        int specificCount = specific == null ? 0 : specific.size();
        int defaultCount = defaults == null ? 0 : defaults.size();
        if (specificCount > 1) {
            List<String> ids = ids(specific);
            return new TrunkMatch(TrunkMatch.Kind.CONFLICT, null, ids,
                    "Multiple SIP Trunks matched for " + quote(called), skipped);
        }
        if (specificCount == 1) {
            return new TrunkMatch(TrunkMatch.Kind.MATCHED, specific.get(0), ids(specific), null, skipped);
        }
        if (defaultCount > 1) {
            return new TrunkMatch(TrunkMatch.Kind.DEFAULT_CONFLICT, null, ids(defaults),
                    "Multiple default SIP Trunks matched for " + quote(called), skipped);
        }
        if (defaultCount == 1) {
            return new TrunkMatch(TrunkMatch.Kind.DEFAULT, defaults.get(0), ids(defaults), null, skipped);
        }
        return new TrunkMatch(TrunkMatch.Kind.NOT_FOUND, null, List.of(), null, skipped);
    }

    /** Why the trunk cannot take this call at all (caller or source not allowed), or null. */
    private static String exclusion(SIPInboundTrunkInfo trunk, InboundInvite invite, List<String> notes) {
        String calling = invite.callingNumber();
        if (!TrunkAdmission.callerAllowed(trunk, calling)) {
            return "the calling number " + quote(calling) + " is not in its allowed_numbers "
                    + trunk.getAllowedNumbersList();
        }
        AllowedAddresses allowed = new AllowedAddresses(trunk.getAllowedAddressesList());
        if (!trunk.getAllowedAddressesList().isEmpty() && allowed.usable().isEmpty()) {
            notes.add("Trunk " + trunk.getSipTrunkId() + ": every allowed_addresses entry "
                    + trunk.getAllowedAddressesList() + " is malformed and ignored by LiveKit, so it accepts any address.");
        }
        if (allowed.usable().isEmpty()) {
            return null;
        }
        if (invite.sourceIp() == null || AllowedAddresses.parseSource(invite.sourceIp().trim()) == null) {
            notes.add("Trunk " + trunk.getSipTrunkId() + " restricts addresses to " + allowed.usable()
                    + " but the INVITE's source IP is unknown; LiveKit accepts an address it cannot parse, and "
                    + "so does this simulation.");
            return null;
        }
        if (invite.sourceBehindNat()) {
            return natExclusion(trunk, allowed, invite, notes);
        }
        if (allowed.allows(invite.sourceIp(), invite.fromHost())) {
            return null;
        }
        if (AllowedAddresses.isPrivate(invite.sourceIp())) {
            notes.add("The source " + invite.sourceIp() + " is a private address: behind NAT LiveKit sees the "
                    + "public address instead, so whether trunk " + trunk.getSipTrunkId()
                    + " accepts the call is not certain.");
        }
        return "neither the source IP " + invite.sourceIp() + " nor the From host " + quote(invite.fromHost())
                + " is in its allowed_addresses " + allowed.usable() + mappedHint(allowed.usable());
    }

    /**
     * Why a trunk refuses a source LiveKit saw only as a NAT's public address, or null when it may accept it: the
     * private address in the capture never reaches LiveKit, so a private entry holding it does not let the call in.
     */
    private static String natExclusion(SIPInboundTrunkInfo trunk, AllowedAddresses allowed, InboundInvite invite,
                                       List<String> notes) {
        if (!allowed.allowsBehindNat(invite.fromHost(), invite.natAddressUnlisted())) {
            return "the INVITE left the private address " + invite.sourceIp() + " through NAT, so LiveKit saw the "
                    + "NAT's public address, and neither that nor the From host " + quote(invite.fromHost())
                    + " is in its allowed_addresses " + allowed.usable() + (invite.natAddressUnlisted()
                    ? " (LiveKit's answer shows that its public entries hold other addresses)" : " (private addresses only)");
        }
        if (!allowed.usable().contains(invite.fromHost())) {
            notes.add("The source " + invite.sourceIp() + " is a private address sent to a public one: LiveKit saw "
                    + "the NAT's public address, which the capture does not show, so whether trunk "
                    + trunk.getSipTrunkId() + "'s allowed_addresses " + allowed.usable() + " hold it is not certain.");
        }
        return null;
    }

    /**
     * Says when an entry is written as an IPv4-mapped IPv6 address: LiveKit reads it with Go's netip, which never
     * matches it against the IPv4 source LiveKit sees, although the JDK and many tools treat both as the same.
     */
    private static String mappedHint(List<String> usable) {
        for (String entry : usable) {
            if (entry.regionMatches(true, 0, "::ffff:", 0, 7) && entry.indexOf('.') > 0) {
                return " (" + entry + " is an IPv4-mapped IPv6 address, which LiveKit never matches against an IPv4 "
                        + "source: write the IPv4 address or prefix instead)";
            }
        }
        return "";
    }

    private static List<String> ids(List<SIPInboundTrunkInfo> trunks) {
        if (trunks.size() == 1) {
            return List.of(trunks.get(0).getSipTrunkId()); // the one trunk matched: no set
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        trunks.forEach(t -> ids.add(t.getSipTrunkId()));
        return List.copyOf(ids);
    }

    /** Go's %q for the strings seen here: double quotes with backslash and quote escaped. */
    static String quote(String s) {
        if (s == null) {
            return "\"\"";
        }
        if (s.indexOf('\\') < 0 && s.indexOf('"') < 0) {
            // nearly every number: nothing to escape (a builder of the right size: the concatenation's grew)
            return new StringBuilder(s.length() + 2).append('"').append(s).append('"').toString();
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
