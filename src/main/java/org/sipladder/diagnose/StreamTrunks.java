package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import livekit.LivekitSip.SIPTransport;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Unreachable;
import org.sipladder.livekit.TrunkAdmission;

/** The outbound trunks a TCP or TLS connection to an address may have been dialled for, read from their addresses. */
final class StreamTrunks {

    private StreamTrunks() {
    }

    /**
     * The connection failures of the capture that {@code kind} picks, grouped by {@code key} in order of the first of
     * each group: one finding per group. Empty without a config, as these findings are about the capture, not one
     * call, and come once, with the config's own findings.
     */
    static Collection<List<Unreachable>> failures(DiagnosisContext context, Predicate<Unreachable> kind,
                                                  Function<Unreachable, String> key) {
        if (!context.checksConfig() || context.media().unreachables().isEmpty()) {
            return List.of();
        }
        Map<String, List<Unreachable>> groups = new LinkedHashMap<>();
        for (Unreachable u : context.media().unreachables()) {
            if (kind.test(u)) {
                groups.computeIfAbsent(key.apply(u), k -> new ArrayList<>()).add(u);
            }
        }
        return groups.values();
    }

    /**
     * The connection failures {@code kind} picks that went to a SIP port ({@link #sipPort}) with no SIP between the two
     * hosts after them, grouped by client and destination: what the SIP the client meant to send met instead.
     */
    static Collection<List<Unreachable>> beforeAnySip(DiagnosisContext context, Predicate<Unreachable> kind) {
        return failures(context, u -> kind.test(u) && sipPort(context, u.dst()) && !context.media().sipFollowed(u),
                u -> u.src().address() + " " + u.dst());
    }

    /**
     * While one call is diagnosed: the connection failures {@code kind} picks to a port that is no SIP port by
     * {@link #sipPort} but that the call's own messages name as where SIP goes ({@code targets}: a Route, a
     * Request-URI, a Contact, a Via), with no SIP between the two hosts after them, grouped as {@link #beforeAnySip}.
     */
    static Collection<List<Unreachable>> namedByTheCall(DiagnosisContext context, Predicate<Unreachable> kind,
                                                        SipTargets targets) {
        if (context.checksConfig() || context.flows().size() != 1 || context.media().unreachables().isEmpty()) {
            return List.of();
        }
        Map<String, List<Unreachable>> groups = new LinkedHashMap<>();
        for (Unreachable u : context.media().unreachables()) {
            if (kind.test(u) && !sipPort(context, u.dst()) && !context.media().sipFollowed(u) && targets.names(u.dst())) {
                groups.computeIfAbsent(u.src().address() + " " + u.dst(), k -> new ArrayList<>()).add(u);
            }
        }
        return groups.values();
    }

    /**
     * True for the SIP ports (5060, 5061), the port of an outbound trunk's address at {@code dst}'s host, and the port
     * of a TCP or TLS trunk addressed by hostname (the capture cannot tell which address that name has).
     */
    static boolean sipPort(DiagnosisContext context, Endpoint dst) {
        if (dst.port() == 5060 || dst.port() == 5061) {
            return true;
        }
        for (SIPOutboundTrunkInfo t : context.config().outboundTrunks()) {
            if (host(t.getAddress()).equals(dst.address()) && port(t) == dst.port()) {
                return true;
            }
        }
        return !named(context, dst).isEmpty();
    }

    /**
     * Outbound trunks with a stream transport whose address is a hostname with {@code dst}'s port: they may be what
     * the connections were for, but the capture has only addresses (no DNS answer is read), so none is tied to them.
     */
    static List<SIPOutboundTrunkInfo> named(DiagnosisContext context, Endpoint dst) {
        List<SIPOutboundTrunkInfo> found = new ArrayList<>();
        for (SIPOutboundTrunkInfo t : context.config().outboundTrunks()) {
            if (streamed(t) && !TrunkAdmission.isIpLiteral(host(t.getAddress())) && port(t) == dst.port()) {
                found.add(t);
            }
        }
        return found;
    }

    /**
     * The outbound trunks {@code dst} was dialled for ({@link #at}): their IDs, none when no trunk's address is
     * {@code dst}'s host, and the ID a fix's command names (a placeholder then).
     */
    record Dialled(List<String> ids, String id) {
    }

    /**
     * {@link #at}'s trunks for {@code dst}, each added to {@code facts} with its address and transport (and, when
     * {@code over}, what LiveKit dials it over), or else {@link #candidateFacts}' hostname trunks.
     */
    static Dialled dialled(DiagnosisContext context, Endpoint dst, boolean over, List<String> facts) {
        List<String> ids = new ArrayList<>();
        for (SIPOutboundTrunkInfo t : at(context, dst)) {
            ids.add(t.getSipTrunkId());
            facts.add("Outbound trunk " + t.getSipTrunkId() + " has address " + t.getAddress() + " and transport "
                    + t.getTransport().name() + (!over ? "" : ": LiveKit dials it over "
                    + (t.getTransport() == SIPTransport.SIP_TRANSPORT_TLS ? "TLS (on TCP)" : "TCP")));
        }
        if (ids.isEmpty()) {
            facts.addAll(candidateFacts(context, dst));
        }
        return new Dialled(ids, ids.isEmpty() ? "<outbound trunk ID>" : ids.get(0));
    }

    /** The facts that name the trunks of {@link #named} as candidates that cannot be tied to the connections. */
    static List<String> candidateFacts(DiagnosisContext context, Endpoint dst) {
        List<String> facts = new ArrayList<>();
        for (SIPOutboundTrunkInfo t : named(context, dst)) {
            String name = host(t.getAddress());
            facts.add("Outbound trunk " + t.getSipTrunkId() + " has address " + t.getAddress() + " (a hostname) and "
                    + "transport " + t.getTransport().name() + ": this capture has only addresses, so these connections "
                    + "cannot be tied to it; if " + name + " resolves to " + dst.address() + " (dig +short " + name
                    + "), they are its");
        }
        return facts;
    }

    private static boolean streamed(SIPOutboundTrunkInfo t) {
        return t.getTransport() == SIPTransport.SIP_TRANSPORT_TCP || t.getTransport() == SIPTransport.SIP_TRANSPORT_TLS;
    }

    /** Outbound trunks with a stream transport (TCP, TLS) whose address is {@code dst}'s host. */
    static List<SIPOutboundTrunkInfo> at(DiagnosisContext context, Endpoint dst) {
        List<SIPOutboundTrunkInfo> found = new ArrayList<>();
        for (SIPOutboundTrunkInfo t : context.config().outboundTrunks()) {
            if (streamed(t) && host(t.getAddress()).equals(dst.address())) {
                found.add(t);
            }
        }
        return found;
    }

    /** The host of a trunk address ("host", "host:port", "[v6]:port"). */
    static String host(String address) {
        String a = address.trim();
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? a : a.substring(1, end);
        }
        int colon = a.indexOf(':');
        return colon < 0 || a.indexOf(':', colon + 1) >= 0 ? a : a.substring(0, colon);
    }

    /**
     * The port LiveKit dials for a trunk: the one in its address, else the transport's default. LiveKit builds the
     * Request-URI without a port and with ;transport=tls for a TLS trunk, and sipgo dials such a destination on its
     * DefaultPort("tls"), 5061 (RFC 3261 19.1.2); UDP, TCP and auto on 5060.
     */
    static int port(SIPOutboundTrunkInfo trunk) {
        int defaultPort = trunk.getTransport() == SIPTransport.SIP_TRANSPORT_TLS ? 5061 : 5060;
        String a = trunk.getAddress().trim();
        int colon = a.lastIndexOf(':');
        if (colon < 0 || a.endsWith("]") || a.indexOf(':') != colon && !a.startsWith("[")) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(a.substring(colon + 1));
        } catch (NumberFormatException e) {
            return defaultPort;
        }
    }
}
