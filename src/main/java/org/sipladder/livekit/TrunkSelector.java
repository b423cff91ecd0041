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

    TrunkSelector(List<SIPInboundTrunkInfo> trunks) {
        this.trunks = trunks;
        this.normalized = new String[trunks.size()][];
        this.numbers = new String[trunks.size()][];
        this.missPrefix = new String[trunks.size()];
        for (int i = 0; i < trunks.size(); i++) {
            SIPInboundTrunkInfo trunk = trunks.get(i);
            List<String> numbers = trunk.getNumbersList();
            normalized[i] = new String[numbers.size()];
            this.numbers[i] = numbers.toArray(new String[0]);
            for (int k = 0; k < numbers.size(); k++) {
                normalized[i][k] = PhoneNumbers.normalize(numbers.get(k));
            }
            missPrefix[i] = ConfigView.label(trunk) + " skipped: its numbers " + numbers
                    + " do not include the called number ";
        }
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
        List<SIPInboundTrunkInfo> specific = new ArrayList<>();
        List<SIPInboundTrunkInfo> defaults = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> numberMisses = new ArrayList<>();
        List<String> missIds = new ArrayList<>();
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
                }
                numberMisses.add(missPrefix[i].concat(missEnd));
                missIds.add(trunk.getSipTrunkId());
                continue;
            }
            String why = exclusion(trunk, invite, notes);
            if (why != null) {
                skipped.add(ConfigView.label(trunk) + " skipped: " + why + ".");
                notes.add(skipped.get(skipped.size() - 1));
            } else if (hits == 0) {
                defaults.add(trunk);
            } else {
                specific.add(trunk); // protocol sip.MatchTrunkDetailed: a trunk matches at most once per call
            }
        }
        skipped.addAll(numberMisses);
        notes.addAll(numberMisses.size() <= 5 ? numberMisses : List.of(missIds.size()
                + " trunks do not list the called number (" + String.join(", ", missIds.subList(0, 5)) + " and "
                + (missIds.size() - 5) + " more)."));
        return outcome(called, specific, defaults, skipped, notes);
    }

    private static TrunkMatch outcome(String called, List<SIPInboundTrunkInfo> specific,
                                      List<SIPInboundTrunkInfo> defaults, List<String> skipped, List<String> notes) {
        if (specific.size() > 1) {
            List<String> ids = ids(specific);
            return new TrunkMatch(TrunkMatch.Kind.CONFLICT, null, ids,
                    "Multiple SIP Trunks matched for " + quote(called), skipped);
        }
        if (specific.size() == 1) {
            for (SIPInboundTrunkInfo unused : defaults) {
                skipped.add(ConfigView.label(unused) + " not used: it is a default trunk and "
                        + specific.get(0).getSipTrunkId() + " lists the number.");
            }
            return new TrunkMatch(TrunkMatch.Kind.MATCHED, specific.get(0), ids(specific), null, skipped);
        }
        if (defaults.size() > 1) {
            return new TrunkMatch(TrunkMatch.Kind.DEFAULT_CONFLICT, null, ids(defaults),
                    "Multiple default SIP Trunks matched for " + quote(called), skipped);
        }
        if (defaults.size() == 1) {
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
