package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sipladder.Counted;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Unreachable;

/**
 * SIP_CONNECTION_UNANSWERED: a host opened TCP connections to a SIP port (5060, 5061, or the port of an outbound
 * trunk's address) and sent each SYN again (RFC 6298's backoff) with nothing back: no SYN-ACK, no reset, and no SIP
 * between the two hosts at all. Unlike a refusal (SIP_CONNECTION_REFUSED), nothing proves the host is up: a firewall
 * or security group dropping TCP, a wrong address, or a host that is down. LiveKit dialling out over TCP or TLS
 * (sip {@code pkg/sip/client.go} {@code setUriTransport}) connects inside the INVITE's client transaction (sipgo
 * {@code transaction/layer.go} {@code Request} -> {@code ClientRequestConnection}); sipgo's TCP dial
 * ({@code transport/tcp.go} {@code net.DialTCP}) and TLS dial ({@code transport/tls.go}, a {@code net.Dialer} without a
 * timeout) wait for the kernel to give up on its SYNs, then fail with "connection timed out", a {@code *net.OpError}
 * ({@code pkg/sip/errors.go} {@code classifyInviteError}: "network-error", SIP_TRUNK_FAILURE; {@code connectSIP} makes
 * it psrpc FailedPrecondition, as {@code sipSignal} stamped the INVITE time before the dial).
 */
final class ConnectionUnansweredCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_CONNECTION_UNANSWERED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        StreamTrunks.beforeAnySip(context, Unreachable::unanswered).forEach(resent -> findings.add(finding(context, resent)));
        return findings;
    }

    private static Finding finding(DiagnosisContext context, List<Unreachable> resent) {
        Unreachable first = resent.get(0);
        Endpoint dst = first.dst();
        String client = first.src().address();
        Set<Endpoint> connections = new LinkedHashSet<>();
        List<Long> frames = new ArrayList<>();
        for (Unreachable u : resent) {
            connections.add(u.src());
            frames.add(u.frame());
        }
        List<Unreachable> icmp = icmpAbout(context, connections, dst);
        List<String> facts = new ArrayList<>();
        int syns = resent.size() + connections.size();
        facts.add(client + " tried " + Counted.of(connections.size(), "TCP connection") + " to " + dst + " and sent "
                + syns + " SYNs in all, each connection's SYN again with the same sequence number (first sent again "
                + "in frame " + first.frame() + ")");
        facts.add(icmp.isEmpty() ? "Nothing came back from " + dst.address() + ": no SYN-ACK, no reset and no ICMP error"
                : dst.address() + " sent no SYN-ACK and no reset; the network answered with ICMP " + icmp.get(0).reason()
                + " from " + icmp.get(0).reporter() + " (frame " + icmp.get(0).frame() + ")");
        facts.add("No SIP passed between " + client + " and " + dst.address() + " after that, over any transport");
        StreamTrunks.Dialled dialled = StreamTrunks.dialled(context, dst, true, facts);
        List<String> ids = dialled.ids();
        String id = dialled.id();
        String why = dst.address() + " did not answer " + client + "'s TCP connections to port " + dst.port() + " at all"
                + (icmp.isEmpty() ? "" : " (only the network did, with ICMP " + icmp.get(0).reason() + ")")
                + ", so the SIP it meant to send over TCP or TLS never left. Silence, unlike a reset, does not show "
                + "the host is up: a firewall or security group that drops TCP to that port (or the client's source "
                + "address), a wrong address or port, or a host that is down. When LiveKit places a call over TCP or "
                + "TLS it connects inside the INVITE's transaction with no timeout of its own: the dial fails only "
                + "when the kernel gives up on its SYNs (net.ipv4.tcp_syn_retries, 6 by default: about 2 min with "
                + "exponential backoff, well under a minute where the first retries are linear), as \"connection "
                + "timed out\"; LiveKit "
                + "ends the call as \"network-error\" (SIP_TRUNK_FAILURE, CreateSIPParticipant fails with "
                + "FailedPrecondition), unless a CreateSIPParticipant with wait_until_answered reaches its own deadline "
                + "first (80 s in livekit-server when the caller set none). The call has no SIP status."
                + (ids.isEmpty() ? " The same holds for any SIP client or SBC connecting to a host that does not "
                + "answer." : "");
        List<String> steps = new ArrayList<>();
        steps.add("Check that " + dst + " is the provider's SIP address and port for TCP" + (dst.port() == 5061
                ? "/TLS" : "") + ", and that its firewall (and any security group or ACL on the way) lets TCP from "
                + client + " in.");
        steps.add("If the provider takes SIP over UDP only, set outbound trunk " + id + "'s transport to UDP.");
        List<String> commands = List.of("lk sip outbound update --id " + id + " --address <host:port> --transport <udp|tcp|tls>");
        String title = CODE.title(client, dst.toString(), Counted.of(connections.size(), "connection"));
        return Findings.config(CODE, title, why, Findings.evidence(frames, ids, facts), Findings.fix(steps, commands, null));
    }

    /** The ICMP errors about the attempts' SYNs (from the connections' ports to {@code dst}). */
    private static List<Unreachable> icmpAbout(DiagnosisContext context, Set<Endpoint> connections, Endpoint dst) {
        List<Unreachable> found = new ArrayList<>();
        for (Endpoint src : connections) {
            for (Unreachable u : context.media().unreachables(src, dst)) {
                if (u.icmp()) {
                    found.add(u);
                }
            }
        }
        return found;
    }
}
