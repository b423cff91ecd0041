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
 * address). Its {@code transport} shows too: for one other than auto, LiveKit puts {@code ;transport=udp|tcp|tls} on the
 * Request-URI, To and From (sip {@code pkg/sip/client.go} {@code setUriTransport}) and sends over that transport
 * ({@code TransportFrom} in {@code outbound.go}'s {@code newCall}); for auto it adds no parameter. Where the address
 * leaves several trunks, the transport that fits the INVITE decides; a chosen trunk it contradicts is said to be so.
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
     * @param uriTransport   the Request-URI's transport parameter in lower case, "" when it has none
     * @param sentOver       the transport the INVITE went over in lower case (udp, tcp, tls, or another the capture
     *                       names, such as hep, which tells nothing)
     */
    public static OutboundTrunkMatch find(List<SIPOutboundTrunkInfo> trunks, String requestHost, int requestPort,
                                          String destinationIp, String fromUser, String uriTransport, String sentOver) {
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
            return withTransport(byNumber.get(0), "Its address " + byNumber.get(0).getAddress()
                    + " is the Request-URI host and it lists the From number " + fromUser + ".", uriTransport, sentOver);
        }
        if (byAddress.size() == 1) {
            return withTransport(byAddress.get(0), "Its address " + byAddress.get(0).getAddress()
                    + " is the Request-URI host (it does not list the From number " + fromUser
                    + ": the call gave its own sip_number).", uriTransport, sentOver);
        }
        if (byAddress.size() > 1) {
            List<SIPOutboundTrunkInfo> candidates = byNumber.isEmpty() ? byAddress : byNumber;
            String several = candidates.size() + " outbound trunks have address " + candidates.get(0).getAddress()
                    + " (" + String.join(", ", candidates.stream().map(SIPOutboundTrunkInfo::getSipTrunkId).toList())
                    + ")";
            List<SIPOutboundTrunkInfo> best = bestFits(candidates, uriTransport, sentOver);
            if (best.size() == 1) {
                return withTransport(best.get(0), several + "; only " + best.get(0).getSipTrunkId() + "'s transport, "
                        + transportName(best.get(0)) + ", fits how the INVITE was sent.", uriTransport, sentOver);
            }
            return withTransport(best.get(0), several + "; the first is assumed.", uriTransport, sentOver);
        }
        if (trunks.size() == 1) {
            return new OutboundTrunkMatch(null, "The only outbound trunk, " + trunks.get(0).getSipTrunkId()
                    + ", has address " + trunks.get(0).getAddress() + ", not the Request-URI host " + requestHost
                    + ": the call was placed with another trunk, or with a sip_request_uri of its own.");
        }
        return new OutboundTrunkMatch(null, "None of the " + trunks.size() + " outbound trunks has address "
                + requestHost + (requestPort > 0 ? ":" + requestPort : "") + ".");
    }

    /** How well a trunk's transport explains an INVITE with nothing said about it. */
    private static final int EXACT = 2;
    /** A transport that explains how the INVITE was sent but not its Request-URI's transport parameter. */
    private static final int SENT_OVER = 1;

    /**
     * How well {@code trunk}'s transport explains the INVITE: {@link #EXACT}, {@link #SENT_OVER}, or 0 when LiveKit
     * would have sent it over another transport. An auto trunk never contradicts: a per-call Request-URI may carry a
     * parameter of its own, and without one sipgo picks the transport.
     */
    static int transportFit(SIPOutboundTrunkInfo trunk, String uriTransport, String sentOver) {
        String name = transportName(trunk);
        if (name.equals("auto")) {
            return uriTransport.isEmpty() ? EXACT : SENT_OVER;
        }
        boolean known = sentOver.equals("udp") || sentOver.equals("tcp") || sentOver.equals("tls");
        if (known && !sentOver.equals(name)) {
            return 0;
        }
        return uriTransport.equals(name) ? EXACT : SENT_OVER;
    }

    /** The trunks whose transport fits the INVITE best, in config order. */
    private static List<SIPOutboundTrunkInfo> bestFits(List<SIPOutboundTrunkInfo> trunks, String uriTransport,
                                                       String sentOver) {
        int best = 0;
        List<SIPOutboundTrunkInfo> fits = new ArrayList<>();
        for (SIPOutboundTrunkInfo t : trunks) {
            int fit = transportFit(t, uriTransport, sentOver);
            if (fit > best) {
                best = fit;
                fits.clear();
            }
            if (fit == best) {
                fits.add(t);
            }
        }
        return fits;
    }

    /**
     * The match of {@code trunk} for {@code reason}, which says so when the trunk's transport contradicts the INVITE,
     * as a From number the trunk does not list is said to be the call's own: the call did not come from this trunk as
     * configured now.
     */
    private static OutboundTrunkMatch withTransport(SIPOutboundTrunkInfo trunk, String reason, String uriTransport,
                                                    String sentOver) {
        String name = transportName(trunk);
        if (name.equals("auto") || transportFit(trunk, uriTransport, sentOver) == EXACT) {
            return new OutboundTrunkMatch(trunk, reason);
        }
        return new OutboundTrunkMatch(trunk, reason + " The INVITE went over " + sentOver.toUpperCase(Locale.ROOT)
                + (uriTransport.isEmpty() ? " with no ;transport= on its Request-URI" : " with ;transport="
                + uriTransport + " on its Request-URI") + ", but for this trunk's transport, " + name + ", LiveKit puts "
                + ";transport=" + name + " on the Request-URI, To and From and sends over " + name.toUpperCase(Locale.ROOT)
                + ": the call did not come from this trunk as configured now (its transport was changed since, or "
                + "another trunk, project or per-call sip_request_uri placed it).");
    }

    /** True when the trunk's address (host or host:port, as {@code buildLegacyURI} splits it) names this request. */
    static boolean addressMatches(String address, String host, int port, String destinationIp) {
        String a = address.trim().toLowerCase(Locale.ROOT);
        int trunkPort = 0;
        int colon = a.lastIndexOf(':');
        if (colon > 0 && a.indexOf(':') == colon && a.substring(colon + 1).chars().allMatch(Character::isDigit)
                && colon < a.length() - 1) {
            String digits = a.substring(colon + 1);
            if (digits.length() > 5 || Integer.parseInt(digits) > 65_535) {
                return false; // a port no packet can carry: LiveKit sent no request captured here to it
            }
            trunkPort = Integer.parseInt(digits);
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
