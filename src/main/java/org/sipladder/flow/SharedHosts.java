package org.sipladder.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.sip.SipMessage;

/**
 * The parties of the hosts a call's messages go between two ports of (SIPp's uac and uas on 127.0.0.1, an SBC
 * and LiveKit SIP on one box, a PBX and a proxy in one container): such an address holds one party per SIP port,
 * as sngrep draws it. Over UDP a party sends from the port it listens on. Over a connection (TCP, TLS, SCTP) the
 * side that opened it sends from a passing port: that port is the party's whose requests from it name, as their
 * top Via's sent-by port, the port they want responses on (RFC 3261 18.1.1 and 18.2.2: its listening port; 5060,
 * or 5061 over TLS, when the Via names none). A port that no request names (a connection seen only from the side
 * that accepted it, or over WebSocket, whose clients' Via names no real port) is a party of its own.
 */
final class SharedHosts {

    /** Each shared address's endpoints: the SIP port of the party each belongs to. */
    private final Map<Endpoint, Integer> partyPorts;
    /** The clue key of each endpoint of a shared address ({@link #key}), and each party by its key. */
    private final Map<Endpoint, String> keys = new HashMap<>();
    private final Map<String, Party> parties = new HashMap<>();

    /** One party of a shared host: its address, its SIP port first, then its connections' passing ports. */
    record Party(String address, List<Integer> ports) {
    }

    private SharedHosts(Map<Endpoint, Integer> partyPorts) {
        this.partyPorts = partyPorts;
    }

    /** The parties of the addresses {@code messages} (in capture order) go between two ports of. */
    static SharedHosts of(SipMessage[] messages) {
        Set<String> shared = new HashSet<>();
        for (SipMessage m : messages) {
            if (m.src().port() != m.dst().port() && m.src().address().equals(m.dst().address())) {
                shared.add(m.src().address());
            }
        }
        Map<Endpoint, Integer> partyPorts = new HashMap<>();
        for (SipMessage m : messages) {
            if (m.isRequest() && connected(m.transport()) && shared.contains(m.src().address())) {
                int port = sentByPort(m.header("Via"), m.transport());
                if (port > 0) {
                    partyPorts.putIfAbsent(m.src(), port);
                }
            }
        }
        for (SipMessage m : messages) {
            own(m.src(), shared, partyPorts);
            own(m.dst(), shared, partyPorts);
        }
        return new SharedHosts(partyPorts);
    }

    private static void own(Endpoint e, Set<String> shared, Map<Endpoint, Integer> partyPorts) {
        if (shared.contains(e.address())) {
            partyPorts.putIfAbsent(e, e.port());
        }
    }

    private static boolean connected(Transport t) {
        return t == Transport.TCP || t == Transport.TLS || t == Transport.SCTP;
    }

    /** The sent-by port of a top Via value ({@code SIP/2.0/TCP host:port;...}), its default when none, -1 when unreadable. */
    static int sentByPort(String via, Transport transport) {
        if (via == null) {
            return -1;
        }
        int blank = via.indexOf(' ', via.indexOf("SIP/"));
        if (blank < 0) {
            return -1;
        }
        int end = blank;
        while (end < via.length() && via.charAt(end) != ';' && via.charAt(end) != ',') {
            end++;
        }
        String sentBy = via.substring(blank, end).strip();
        int close = sentBy.lastIndexOf(']');
        int colon = sentBy.lastIndexOf(':');
        if (colon < 0 || colon < close || (close < 0 && sentBy.indexOf(':') != colon)) {
            return transport == Transport.TLS ? 5061 : 5060;
        }
        try {
            int port = Integer.parseInt(sentBy.substring(colon + 1).strip());
            return port > 0 && port < 65536 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The key a hop's clues are filed under: the address, or {@code address:port} for a party of a shared host. */
    String key(Endpoint e) {
        Integer port = partyPorts.get(e);
        if (port == null) {
            return e.address();
        }
        String key = keys.get(e);
        if (key == null) {
            key = new Endpoint(e.address(), port).toString();
            keys.put(e, key);
            Party party = parties.computeIfAbsent(key, k -> new Party(e.address(), new ArrayList<>(List.of(port))));
            if (!party.ports().contains(e.port())) {
                party.ports().add(e.port());
            }
        }
        return key;
    }

    /** The party a {@link #key} names, or null for a whole host's key. */
    Party party(String key) {
        return parties.get(key);
    }
}
