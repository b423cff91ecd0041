package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.sipladder.Counted;
import org.sipladder.capture.Unreachable;
import org.sipladder.flow.FlowMessage;
import org.sipladder.livekit.OutboundTrunkMatch;
import org.sipladder.sip.SipMessage;

/**
 * LK_OUTBOUND_NO_RESPONSE: an INVITE on the way out never got a final response: LiveKit's own (nothing came back at
 * all, or only provisionals), or the one Jambonz sent on toward the carrier, which Jambonz then answered for. LiveKit
 * ends a silent INVITE when its transaction times out (UDP: Timer B, 64 x T1 = 32 s) and reports
 * "upstream-no-response" (no 1xx) or "no-final-response" (1xx seen) with SIP_TRUNK_FAILURE, or cancels it at the
 * ringing timeout (default 3 min) and reports "no-answer". Source: sip {@code pkg/sip/outbound.go}
 * {@code sipResponse} ({@code tx.Done()} -> {@code transactionTimeoutError{responses: cnt}}; {@code ctx.Done()} ->
 * {@code tx.Cancel()}, {@code ErrSIPRequestTimeout}), {@code outboundCall.sipSignal} (ringing timeout),
 * {@code pkg/sip/errors.go} {@code transactionTimeoutError.ClassifyInvite}, {@code pkg/sip/participant.go}
 * {@code defaultRingingTimeout}. An ICMP error about the INVITE is named: LiveKit's stack (sipgo
 * {@code transport/udp.go}) sends UDP with {@code WriteTo} on a socket from {@code net.ListenUDP}, which the kernel does
 * not tell of ICMP errors, so the transaction still runs to Timer B, but the capture shows why.
 */
final class OutboundNoResponseCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_OUTBOUND_NO_RESPONSE;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (OutboundCall call : OutboundCall.of(context)) {
            InviteTransaction silent = silentHop(call, context.invites(call.flow()));
            if (silent != null) {
                findings.add(finding(context, call, silent));
            }
        }
        return findings;
    }

    /**
     * The INVITE on the way out that got no final response: LiveKit's last one, or (when LiveKit's failed) one sent
     * on by the hop that answered LiveKit before it answered; null when every INVITE was answered.
     */
    static InviteTransaction silentHop(OutboundCall call, List<InviteTransaction> invites) {
        InviteTransaction last = call.last();
        SipMessage fin = last.finalResponse();
        if (fin == null) {
            return last;
        }
        if (fin.status() < 300) {
            return null;
        }
        String answeredBy = fin.src().address();
        return invites.stream()
                .filter(tx -> !tx.inDialog() && tx.finalResponse() == null && !call.attempts().contains(tx)
                        && tx.request().src().address().equals(answeredBy) && tx.frame() < fin.frame())
                .reduce((a, b) -> b).orElse(null);
    }

    private static Finding finding(DiagnosisContext context, OutboundCall call, InviteTransaction silent) {
        SipMessage invite = silent.request();
        boolean liveKitsOwn = call.attempts().contains(silent);
        int retransmissions = retransmissions(silent);
        boolean provisional = !silent.responses().isEmpty();
        boolean liveKitCancelled = liveKitsOwn && call.cancelledByLiveKit();
        List<String> facts = call.baseFacts();
        facts.add("INVITE frame " + invite.frame() + " from " + invite.src() + " to " + invite.dst() + " over "
                + invite.transport() + (retransmissions > 0 ? ", sent again " + Counted.of(retransmissions, "time") : "")
                + ": " + (provisional ? "only " + String.join(", ", silent.responses().stream()
                .map(m -> m.message().label()).toList()) : "no response at all"));
        // the network's answer to a silent INVITE: an ICMP error that came while its sender waited
        Unreachable icmp = provisional ? null : UnreachableEvidence.first(context, invite, NoFinalResponseCheck.TIMER_B_MICROS);
        if (icmp != null) {
            facts.add(UnreachableEvidence.fact(icmp, invite));
        }
        if (!liveKitsOwn) {
            SipMessage toLiveKit = call.last().finalResponse();
            facts.add(toLiveKit.src().address() + " then answered LiveKit " + toLiveKit.label() + " (frame "
                    + toLiveKit.frame() + ")");
        }
        if (liveKitCancelled) {
            facts.add(call.cancelReason());
        }
        SIPOutboundTrunkInfo trunk = call.trunk();
        String transportHint = trunk == null || !liveKitsOwn ? null : transportHint(trunk, invite);
        if (transportHint != null) {
            facts.add(transportHint);
        }
        String peer = invite.dst().toString();
        String title;
        String why;
        Severity severity = CODE.severity();
        if (liveKitCancelled) {
            severity = Severity.INFO;
            title = "Nobody answered LiveKit's call before LiveKit cancelled it" + (call.cancelLimit() != null
                    ? " at " + call.cancelLimit() : "");
            why = "The far end did not answer before LiveKit cancelled the INVITE (at its ringing timeout, "
                    + call.ringingLimit() + ", or because the call was ended first) and reported \"no-answer\" (USER_UNAVAILABLE). Nothing is "
                    + "misconfigured in signalling.";
        } else if (liveKitsOwn) {
            title = provisional ? peer + " never gave LiveKit's INVITE a final response"
                    : "LiveKit's INVITE to " + peer + " got no response" + (icmp == null ? " at all"
                    : ", only " + (icmp.icmp() ? "ICMP " + icmp.reason() : "a TCP reset") + " from " + icmp.reporter());
            why = (provisional ? "The provider answered provisionally and never decided, so LiveKit's transaction "
                    + "timed out (\"no-final-response\", SIP_TRUNK_FAILURE)."
                    : icmp != null ? UnreachableEvidence.answered(icmp, invite) + " No SIP response came, and "
                    + "LiveKit's SIP stack sends over UDP from a socket that is not connected, which is not told of "
                    + "ICMP errors: its transaction still timed out after about 32 s (\"upstream-no-response\", "
                    + "SIP_TRUNK_FAILURE)."
                    : "Nothing came back to LiveKit" + (retransmissions > 0 ? ", though it sent the INVITE "
                    + (retransmissions + 1) + " times" : "") + ", so its transaction timed out after about 32 s "
                    + "(\"upstream-no-response\", SIP_TRUNK_FAILURE): the INVITE did not reach a SIP server that "
                    + "answers (wrong address or port, a firewall or ACL that drops LiveKit's address, or a "
                    + "transport the provider does not listen on, e.g. UDP to a TLS-only port), or the answer could "
                    + "not come back.");
        } else {
            title = peer + " never answered the INVITE sent on for LiveKit's call";
            why = invite.src().address() + " passed LiveKit's call on to " + peer + ", got no final response, and "
                    + "answered LiveKit itself; the cause is between those two hops (address, port, transport or "
                    + "firewall of the carrier), not in LiveKit.";
        }
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        if (liveKitsOwn && !liveKitCancelled) {
            if (icmp != null) {
                steps.add(UnreachableEvidence.step(icmp, invite));
            }
            steps.add("Check outbound trunk " + call.trunkId() + "'s address (host and port) and transport against "
                    + "the provider's settings; TLS usually listens on 5061, UDP and TCP on 5060.");
            steps.add("Allow LiveKit's signalling addresses in the provider's (or Jambonz's) firewall and IP ACL.");
            commands.add("lk sip outbound update --id " + call.trunkId() + " --address <host:port> --transport <udp|tcp|tls>");
        } else if (liveKitCancelled) {
            steps.add(call.ringLonger());
        } else {
            steps.add("Check the gateway " + invite.src().address() + " sends this call to (" + peer + "): its address, "
                    + "port, transport and whether the carrier allows " + invite.src().address() + ".");
        }
        return Findings.call(call.last(), CODE, CODE.title(title), why,
                Findings.evidence(List.of(invite.frame()), call.configIds(), facts), Findings.fix(steps, commands, null))
                .withSeverity(severity);
    }

    /** A sentence when the trunk's transport and the port disagree in a way that often loses INVITEs. */
    private static String transportHint(SIPOutboundTrunkInfo trunk, SipMessage invite) {
        String transport = OutboundTrunkMatch.transportName(trunk);
        int port = invite.dst().port();
        if (transport.equals("tls") && port == 5060) {
            return "Outbound trunk " + trunk.getSipTrunkId() + " uses TLS towards port 5060, where SIP servers usually "
                    + "listen for UDP and TCP";
        }
        if (!transport.equals("tls") && port == 5061) {
            return "Outbound trunk " + trunk.getSipTrunkId() + " uses " + transport + " towards port 5061, where SIP "
                    + "servers usually listen for TLS";
        }
        return "Outbound trunk " + trunk.getSipTrunkId() + ": address " + trunk.getAddress() + ", transport "
                + transport;
    }

    private static int retransmissions(InviteTransaction tx) {
        SipMessage r = tx.request();
        int n = 0;
        for (FlowMessage m : tx.flow().messages()) {
            SipMessage s = m.message();
            if (m.retransmission() && s.isRequest() && "INVITE".equals(s.method()) && r.callId().equals(s.callId())
                    && s.cseqNumber() == r.cseqNumber() && s.src().address().equals(r.src().address())) {
                n++;
            }
        }
        return n;
    }
}
