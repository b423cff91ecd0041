package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.ResponseComparison;
import org.sipladder.livekit.RoutingOptions;
import org.sipladder.livekit.RoutingOutcome;
import org.sipladder.livekit.RoutingSimulator;
import org.sipladder.livekit.StatusLine;
import org.sipladder.sip.SipMessage;

/** Finds the INVITEs that reached a LiveKit hop and runs each through the routing simulator. */
final class LiveKitRoutings {

    private final LiveKitConfig config;
    private final DiagnosisSettings settings;

    LiveKitRoutings(LiveKitConfig config, DiagnosisSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    List<LiveKitRouting> of(List<CallFlow> flows) {
        List<LiveKitRouting> result = new ArrayList<>();
        for (CallFlow flow : flows) {
            for (InviteTransaction tx : InviteTransaction.of(flow)) {
                if (sentToLiveKit(flow, tx.request()) && !tx.inDialog()) {
                    result.add(route(tx));
                }
            }
        }
        return result;
    }

    private LiveKitRouting route(InviteTransaction tx) {
        InboundInvite invite = inboundInvite(tx);
        List<StatusLine> observed = tx.responses().stream().map(FlowMessage::message)
                .map(r -> new StatusLine(r.status(), r.reason())).toList();
        if (config.isEmpty()) {
            return new LiveKitRouting(tx, invite, null, observed, Consistency.UNKNOWN);
        }
        // LiveKit Cloud and a self-hosted server answer "no trunk" differently
        RoutingOptions options = settings.routingOptions(SipAddress.parse(tx.request().requestUri()).host());
        RoutingOutcome outcome = new RoutingSimulator(config, options).simulate(invite);
        return new LiveKitRouting(tx, invite, outcome, observed,
                ResponseComparison.compare(outcome.expectedResponses(), observed));
    }

    static boolean sentToLiveKit(CallFlow flow, SipMessage request) {
        return flow.hops().stream().anyMatch(h -> h.role() == Role.LIVEKIT && h.address().equals(request.dst().address()));
    }

    /** The inputs LiveKit routes on; the source IP is what LiveKit saw, which behind NAT is not the captured one. */
    static InboundInvite inboundInvite(InviteTransaction tx) {
        SipMessage r = tx.request();
        SipAddress to = SipAddress.parse(r.header("To"));
        SipAddress from = SipAddress.parse(r.header("From"));
        return new InboundInvite(r.callId(), to.user(), from.user(), from.host(), sourceSeenByLiveKit(tx),
                r.header("Proxy-Authorization"), SipAddress.parse(r.requestUri()).user());
    }

    /** The Via "received" parameter LiveKit stamped on its responses, else the captured source address. */
    static String sourceSeenByLiveKit(InviteTransaction tx) {
        for (FlowMessage m : tx.responses()) {
            String received = ViaParameters.received(m.message().header("Via"));
            if (received != null) {
                return received;
            }
        }
        return tx.request().src().address();
    }
}
