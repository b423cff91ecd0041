package org.sipladder.livekit;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * Whether a trunk's {@code allowed_numbers} and {@code allowed_addresses} let a call through, read exactly as
 * LiveKit reads them (routing notes, section 2 steps 1 and 2), for checks that need the answer per trunk.
 */
public final class TrunkAdmission {

    private TrunkAdmission() {
    }

    /** True when {@code allowed_numbers} is empty or holds the calling number (exact or normalized). */
    public static boolean callerAllowed(SIPInboundTrunkInfo trunk, String callingNumber) {
        return trunk.getAllowedNumbersList().isEmpty()
                || trunk.getAllowedNumbersList().stream().anyMatch(n -> PhoneNumbers.sameNumber(callingNumber, n));
    }

    /**
     * True when no usable {@code allowed_addresses} entry is left, an IP/CIDR entry contains the source IP, or an
     * entry equals the From host. A source IP that is unknown or not an IP literal is accepted, as LiveKit does.
     */
    public static boolean sourceAllowed(SIPInboundTrunkInfo trunk, String sourceIp, String fromHost) {
        return new AllowedAddresses(trunk.getAllowedAddressesList()).allows(sourceIp, fromHost);
    }

    /**
     * As {@link #sourceAllowed(SIPInboundTrunkInfo, String, String)} for the invite's source and From host; a source
     * behind NAT ({@link InboundInvite#sourceBehindNat}) is checked as the unknown public address LiveKit saw.
     */
    public static boolean sourceAllowed(SIPInboundTrunkInfo trunk, InboundInvite invite) {
        AllowedAddresses allowed = new AllowedAddresses(trunk.getAllowedAddressesList());
        return invite.sourceBehindNat() ? allowed.allowsBehindNat(invite.fromHost(), invite.natAddressUnlisted())
                : allowed.allows(invite.sourceIp(), invite.fromHost());
    }

    /** The {@code allowed_addresses} entries LiveKit uses: those without {@code ()+*;,}, whitespace or {@code ://}. */
    public static List<String> usableAddresses(SIPInboundTrunkInfo trunk) {
        return new AllowedAddresses(trunk.getAllowedAddressesList()).usable();
    }

    /** True for private, loopback, link-local and carrier-grade NAT addresses, which LiveKit never sees as source. */
    public static boolean isPrivateAddress(String ip) {
        return AllowedAddresses.isPrivate(ip);
    }

    /** True when the allowed_addresses entry (an IP or CIDR) contains the IP literal {@code ip}; names never match. */
    public static boolean entryContains(String entry, String ip) {
        byte[] address = ip == null ? null : AllowedAddresses.parseIp(ip.trim());
        return address != null && AllowedAddresses.contains(entry, address);
    }

    /** True for an IPv4 or IPv6 literal, parsed as LiveKit parses source addresses; never a DNS lookup. */
    public static boolean isIpLiteral(String text) {
        return text != null && AllowedAddresses.parseIp(text.trim()) != null;
    }
}
