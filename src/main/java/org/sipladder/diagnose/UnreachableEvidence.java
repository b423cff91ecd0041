package org.sipladder.diagnose;

import java.util.List;
import java.util.Locale;
import org.sipladder.capture.Unreachable;
import org.sipladder.sip.SipMessage;

/**
 * What an ICMP destination-unreachable error says about a request that got no answer: the network's own reply,
 * which tells a closed port from an unreachable host or a firewall that refuses.
 */
final class UnreachableEvidence {

    private UnreachableEvidence() {
    }

    /**
     * The first ICMP error about {@code request} (same addresses and ports) that came while its sender waited for an
     * answer ({@code waitMicros} after it), or null.
     */
    static Unreachable first(DiagnosisContext context, SipMessage request, long waitMicros) {
        List<Unreachable> about = context.media().unreachables(request.src(), request.dst());
        for (Unreachable u : about) {
            if (u.unanswered()) {
                continue; // the absence of an answer, not the network's answer
            }
            long after = u.micros() - request.timestampMicros();
            if (after >= 0 && after <= waitMicros) {
                return u;
            }
        }
        return null;
    }

    /** The fact: which error, from whom, in which frame, how soon. */
    static String fact(Unreachable u, SipMessage request) {
        return String.format(Locale.ROOT, "%s from %s (frame %d), %.1f ms after frame %d: %s", label(u),
                u.reporter(), u.frame(), (u.micros() - request.timestampMicros()) / 1e3, request.frame(),
                meaning(u, request));
    }

    /** Which error it is: "ICMP port unreachable", "TCP reset (connection refused)". */
    static String label(Unreachable u) {
        return u.icmp() ? "ICMP " + u.reason() : "TCP reset (connection refused)";
    }

    /** The explanation's sentence: the network, not the peer, answered the request. */
    static String answered(Unreachable u, SipMessage request) {
        return "The network answered instead: " + meaning(u, request) + ".";
    }

    /** What the error means for the request's destination. */
    static String meaning(Unreachable u, SipMessage request) {
        String dst = request.dst().toString();
        String transport = u.udp() ? "UDP" : "TCP";
        if (u.portClosed()) {
            return request.dst().address() + " was reached and nothing listens on " + transport + " port "
                    + request.dst().port();
        }
        if (u.reason().equals("administratively prohibited")) {
            return "a firewall or filter at " + u.reporter() + " refuses " + transport + " to " + dst;
        }
        return dst + " cannot be reached from " + request.src().address() + " (" + u.reason() + ")";
    }

    /** The fix step the error points to. */
    static String step(Unreachable u, SipMessage request) {
        String dst = request.dst().toString();
        if (u.portClosed()) {
            return "Start the SIP service on " + dst + ", or send to the address, port and transport it listens on "
                    + "(the " + request.method() + " went to " + (u.udp() ? "UDP" : "TCP") + " " + dst + ").";
        }
        if (u.reason().equals("administratively prohibited")) {
            return "Allow " + (u.udp() ? "UDP" : "TCP") + " from " + request.src().address() + " to " + dst
                    + " in the firewall at " + u.reporter() + " (security group, ACL).";
        }
        return "Check the route and the address: " + u.reporter() + " reports " + dst + " " + u.reason() + ".";
    }
}
