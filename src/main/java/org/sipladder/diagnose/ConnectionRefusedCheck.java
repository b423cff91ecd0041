package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.Counted;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Unreachable;
import org.sipladder.flow.CallFlow;

/**
 * SIP_CONNECTION_REFUSED: a host opened TCP connections to a SIP port (5060, 5061, or the port of an outbound trunk's
 * address) and got a reset for each, and no SIP passed between the two hosts at all: the SIP it meant to send never
 * left. When LiveKit dials out, this is an outbound trunk whose transport (TCP or TLS) the provider does not listen
 * on: sip {@code pkg/sip/client.go} {@code setUriTransport} puts a non-auto transport on the Request-URI as
 * {@code ;transport=}, the SIP stack connects with that transport only, and the refused connection is a network error
 * ({@code pkg/sip/errors.go} {@code classifyInviteError}: {@code *net.OpError} gives "network-error",
 * SIP_TRUNK_FAILURE, psrpc Unavailable, which {@code outbound.go} {@code connectSIP} makes FailedPrecondition through
 * {@code afterInvite}, as {@code sipSignal} stamps the INVITE time before the dial), so CreateSIPParticipant fails
 * before any INVITE is sent. A reset at the end of a connection that carried SIP is ordinary and not reported (the
 * capture layer reports a reset only to a connection attempt that carried nothing).
 */
final class ConnectionRefusedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_CONNECTION_REFUSED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        StreamTrunks.beforeAnySip(context, Unreachable::refused).forEach(attempts -> findings.add(finding(context, attempts)));
        SipTargets targets = new SipTargets(context.flows());
        StreamTrunks.namedByTheCall(context, Unreachable::refused, targets)
                .forEach(attempts -> findings.add(named(context, attempts, targets)));
        return findings;
    }

    /**
     * The refused connections to a port the call's own messages name as a SIP target (a proxy's next hop on 5062, a
     * registered Contact): SIP meant for it, whatever the port's number.
     */
    private static Finding named(DiagnosisContext context, List<Unreachable> attempts, SipTargets targets) {
        Unreachable first = attempts.get(0);
        Endpoint dst = first.dst();
        String client = first.src().address();
        List<Long> frames = new ArrayList<>();
        attempts.forEach(u -> frames.add(u.frame()));
        String where = targets.where(dst);
        List<String> facts = new ArrayList<>();
        facts.add(client + " tried " + Counted.of(attempts.size(), "TCP connection") + " to " + dst + "; " + dst.address()
                + " answered each SYN with a reset (first in frame " + first.frame() + "): nothing listens on TCP port "
                + dst.port());
        facts.add(dst + " is named as where SIP goes by " + where);
        facts.add("No SIP passed between " + client + " and " + dst.address() + " after that, over any transport");
        String why = dst.address() + " is up (it answered) but refuses TCP on port " + dst.port() + ", which " + where
                + " names as where this call's SIP goes: the SIP " + client + " meant to send there over TCP or TLS "
                + "never left.";
        List<String> steps = List.of("Make " + dst + " listen for SIP over TCP (or TLS), or correct what points "
                + "there (" + where + ": a proxy's route, a registered Contact, a trunk's address).");
        CallFlow flow = context.flows().get(0);
        return new Finding(CODE, CODE.severity(), CODE.title(client, dst.toString(), Counted.of(attempts.size(),
                "time")), why, flow.legs().get(0).callId(), flow.id(), false,
                Findings.evidence(frames, List.of(), facts), Findings.fix(steps, List.of(), null));
    }

    private static Finding finding(DiagnosisContext context, List<Unreachable> attempts) {
        Unreachable first = attempts.get(0);
        Endpoint dst = first.dst();
        String client = first.src().address();
        List<Long> frames = new ArrayList<>();
        attempts.forEach(u -> frames.add(u.frame()));
        List<String> facts = new ArrayList<>();
        facts.add(client + " tried " + Counted.of(attempts.size(), "TCP connection") + " to " + dst + "; " + dst.address()
                + " answered each SYN with a reset (first in frame " + first.frame() + "): nothing listens on TCP port "
                + dst.port());
        facts.add("No SIP passed between " + client + " and " + dst.address() + " after that, over any transport");
        StreamTrunks.Dialled dialled = StreamTrunks.dialled(context, dst, true, facts);
        List<String> ids = dialled.ids();
        String id = dialled.id();
        String why = dst.address() + " is up (it answered) but refuses TCP on port " + dst.port() + ", so the SIP "
                + client + " meant to send over TCP or TLS never left. When LiveKit places a call, it connects with the "
                + "outbound trunk's transport and does not fall back to another: with transport TCP or TLS on a "
                + "trunk whose provider listens only on UDP (or on another port), every call fails before an INVITE "
                + "is sent: LiveKit ends the call as \"network-error\" (SIP_TRUNK_FAILURE), CreateSIPParticipant fails with "
                + "the connection error as FailedPrecondition (not retried), and the call has no SIP status."
                + (ids.isEmpty() ? " The same holds for any SIP client or SBC sending to a TCP port nobody listens on." : "");
        List<String> steps = new ArrayList<>();
        steps.add("Ask the provider which transport and port it takes SIP on, and set outbound trunk " + id
                + "'s transport (and the port in its address) to match: most carriers take UDP on 5060; TLS usually "
                + "listens on 5061.");
        if (ids.isEmpty()) {
            steps.add("If another SIP client or SBC opened these connections, set its transport for " + dst + " the same way.");
        }
        List<String> commands = List.of("lk sip outbound update --id " + id + " --transport udp");
        String title = CODE.title(client, dst.toString(), Counted.of(attempts.size(), "time"));
        return Findings.config(CODE, title, why, Findings.evidence(frames, ids, facts), Findings.fix(steps, commands, null));
    }
}
