package org.sipladder.flow;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.sip.SipMessage;

/**
 * Whose the client end of a call's TCP or TLS connection is when it left from an address other than its owner's:
 * a SIP server that does not bind its outgoing connections opens them from the address and passing port the kernel
 * picks (kamailio on loopback connects from the caller's 127.0.0.1), while its requests name, as their top Via's
 * sent-by, where it listens (RFC 3261 18.1.1, 18.2.2). Such an end is the sent-by's when that address and port
 * received SIP of the call: it is a party of the call, not a NAT's private address.
 */
public final class ConnectionOwners {

    private static final ConnectionOwners NONE = new ConnectionOwners(Map.of());

    private final Map<Endpoint, Endpoint> owners;

    private ConnectionOwners(Map<Endpoint, Endpoint> owners) {
        this.owners = owners;
    }

    /** The owners of {@code flow}'s connection ends; none for a call over UDP only. */
    public static ConnectionOwners of(CallFlow flow) {
        Set<Endpoint> listening = null;
        Map<Endpoint, Endpoint> owners = null;
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (!m.isRequest() || !connected(m.transport())) {
                continue;
            }
            String host = sentByHost(m.header("Via"));
            if (host == null || host.equals(m.src().address())) {
                continue;
            }
            listening = listening == null ? listening(flow) : listening;
            Endpoint sentBy = new Endpoint(host, SharedHosts.sentByPort(m.header("Via"), m.transport()));
            if (listening.contains(sentBy)) {
                owners = owners == null ? new HashMap<>() : owners;
                owners.putIfAbsent(m.src(), sentBy);
            }
        }
        return owners == null ? NONE : new ConnectionOwners(Map.copyOf(owners));
    }

    /** The party's endpoint {@code e} is: its owner's listening endpoint, or {@code e} itself. */
    public Endpoint owner(Endpoint e) {
        return owners.isEmpty() ? e : owners.getOrDefault(e, e);
    }

    /** The endpoints the call's requests were sent to: where its parties listen. */
    private static Set<Endpoint> listening(CallFlow flow) {
        Set<Endpoint> listening = new HashSet<>();
        for (FlowMessage fm : flow.messages()) {
            if (fm.message().isRequest()) {
                listening.add(fm.message().dst());
            }
        }
        return listening;
    }

    private static boolean connected(Transport t) {
        return t == Transport.TCP || t == Transport.TLS || t == Transport.SCTP;
    }

    /** The host of a top Via's sent-by when it is an IP address literal (IPv6 without brackets), else null. */
    static String sentByHost(String via) {
        if (via == null) {
            return null;
        }
        int blank = via.indexOf(' ', Math.max(0, via.indexOf("SIP/")));
        if (blank < 0) {
            return null;
        }
        int end = blank;
        while (end < via.length() && via.charAt(end) != ';' && via.charAt(end) != ',') {
            end++;
        }
        String sentBy = via.substring(blank, end).strip();
        if (sentBy.startsWith("[")) {
            int close = sentBy.indexOf(']');
            return close < 0 ? null : sentBy.substring(1, close);
        }
        int colon = sentBy.indexOf(':');
        String host = colon < 0 ? sentBy : sentBy.substring(0, colon);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return null;
            }
        }
        return host.chars().filter(c -> c == '.').count() == 3 ? host : null;
    }
}
