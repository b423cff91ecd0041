package org.sipladder.livekit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import livekit.LivekitSip.SIPOutboundTrunkInfo;

/**
 * Which outbound trunk LiveKit dialled through, told from the INVITE it sent: outbound trunks carry no ID into SIP,
 * but LiveKit builds the Request-URI host from the trunk's {@code address} and the From user from one of its
 * {@code numbers} (protocol {@code rpc/sip.go} {@code NewCreateSIPParticipantRequestResult}: {@code Address:
 * trunk.Address}, {@code outboundNumber = req.SipNumber} or a random {@code trunk.Numbers} entry, a '+' added for
 * hosts ending in twilio.com; sip {@code pkg/sip/client.go} {@code buildLegacyURI}: host and port split from the
 * address).
 *
 * @param trunk  the trunk, or null when none fits
 * @param reason one sentence saying how it was chosen (or why none was)
 */
public record OutboundTrunkMatch(SIPOutboundTrunkInfo trunk, String reason) {

    /**
     * The trunk for an INVITE LiveKit sent.
     *
     * @param trunks         the outbound trunks of the config
     * @param requestHost    the Request-URI host
     * @param requestPort    the Request-URI port, 0 when it has none
     * @param destinationIp  the IP address the INVITE was sent to (a trunk address may be an IP)
     * @param fromUser       the From header's user (LiveKit's caller number)
     */
    public static OutboundTrunkMatch find(List<SIPOutboundTrunkInfo> trunks, String requestHost, int requestPort,
                                          String destinationIp, String fromUser) {
        if (trunks.isEmpty()) {
            return new OutboundTrunkMatch(null, "No outbound trunk is loaded (export them with 'lk sip outbound list "
                    + "--json' and load the file with the others).");
        }
        List<SIPOutboundTrunkInfo> byAddress = new ArrayList<>();
        for (SIPOutboundTrunkInfo t : trunks) {
            if (addressMatches(t.getAddress(), requestHost, requestPort, destinationIp)) {
                byAddress.add(t);
            }
        }
        List<SIPOutboundTrunkInfo> byNumber = byAddress.stream().filter(t -> listsNumber(t, fromUser)).toList();
        if (byNumber.size() == 1) {
            return new OutboundTrunkMatch(byNumber.get(0), "Its address " + byNumber.get(0).getAddress()
                    + " is the Request-URI host and it lists the From number " + fromUser + ".");
        }
        if (byAddress.size() == 1) {
            return new OutboundTrunkMatch(byAddress.get(0), "Its address " + byAddress.get(0).getAddress()
                    + " is the Request-URI host (it does not list the From number " + fromUser
                    + ": the call gave its own sip_number).");
        }
        if (byAddress.size() > 1) {
            List<SIPOutboundTrunkInfo> candidates = byNumber.isEmpty() ? byAddress : byNumber;
            return new OutboundTrunkMatch(candidates.get(0), candidates.size() + " outbound trunks have address "
                    + candidates.get(0).getAddress() + " (" + String.join(", ", candidates.stream()
                    .map(SIPOutboundTrunkInfo::getSipTrunkId).toList()) + "); the first is assumed.");
        }
        if (trunks.size() == 1) {
            return new OutboundTrunkMatch(null, "The only outbound trunk, " + trunks.get(0).getSipTrunkId()
                    + ", has address " + trunks.get(0).getAddress() + ", not the Request-URI host " + requestHost
                    + ": the call was placed with another trunk, or with a sip_request_uri of its own.");
        }
        return new OutboundTrunkMatch(null, "None of the " + trunks.size() + " outbound trunks has address "
                + requestHost + (requestPort > 0 ? ":" + requestPort : "") + ".");
    }

    /** True when the trunk's address (host or host:port, as {@code buildLegacyURI} splits it) names this request. */
    static boolean addressMatches(String address, String host, int port, String destinationIp) {
        String a = address.trim().toLowerCase(Locale.ROOT);
        int trunkPort = 0;
        int colon = a.lastIndexOf(':');
        if (colon > 0 && a.indexOf(':') == colon && a.substring(colon + 1).chars().allMatch(Character::isDigit)
                && colon < a.length() - 1) {
            trunkPort = Integer.parseInt(a.substring(colon + 1));
            a = a.substring(0, colon);
        }
        boolean hostMatches = a.equals(host.toLowerCase(Locale.ROOT)) || a.equals(destinationIp);
        return hostMatches && (trunkPort == 0 || port == 0 || trunkPort == port);
    }

    /** True when the trunk lists the From user, also with the '+' LiveKit adds for Twilio. */
    static boolean listsNumber(SIPOutboundTrunkInfo trunk, String fromUser) {
        return trunk.getNumbersList().stream().anyMatch(n -> n.equals(fromUser) || ("+" + n).equals(fromUser));
    }

    /** The trunk's transport as {@code lk sip outbound update --transport} takes it: udp, tcp, tls or "auto". */
    public static String transportName(SIPOutboundTrunkInfo trunk) {
        return switch (trunk.getTransport()) {
            case SIP_TRANSPORT_UDP -> "udp";
            case SIP_TRANSPORT_TCP -> "tcp";
            case SIP_TRANSPORT_TLS -> "tls";
            default -> "auto";
        };
    }
}
