package org.sipladder.livekit;

import java.util.List;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/**
 * One outbound trunk as a table shows it; the password appears only as "set" or "not set", and headers by name
 * only (their values may be tokens).
 *
 * @param id           sip_trunk_id
 * @param name         name ("" when none)
 * @param address      address LiveKit sends the INVITE to (host or host:port)
 * @param transport    udp, tcp, tls or auto
 * @param numbers      numbers LiveKit may put in From
 * @param authUsername auth_username ("" when none)
 * @param authPassword "set" or "not set"
 * @param headerNames  names of the headers LiveKit adds to the INVITE
 */
public record OutboundTrunkRow(String id, String name, String address, String transport, List<String> numbers,
                               String authUsername, String authPassword, List<String> headerNames) {

    public OutboundTrunkRow {
        numbers = List.copyOf(numbers);
        headerNames = List.copyOf(headerNames);
    }

    /** The row for a trunk, every text passed through {@code secrets} (a name or user name may be a password). */
    public static OutboundTrunkRow of(SIPOutboundTrunkInfo trunk, SecretScrubber secrets) {
        return new OutboundTrunkRow(secrets.scrub(trunk.getSipTrunkId()), secrets.scrub(trunk.getName()),
                secrets.scrub(trunk.getAddress()), OutboundTrunkMatch.transportName(trunk),
                secrets.scrub(trunk.getNumbersList()), secrets.scrub(trunk.getAuthUsername()),
                trunk.getAuthPassword().isEmpty() ? "not set" : "set",
                secrets.scrub(trunk.getHeadersMap().keySet().stream().sorted().toList()));
    }
}
