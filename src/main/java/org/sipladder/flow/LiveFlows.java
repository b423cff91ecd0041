package org.sipladder.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.sip.SipMessage;

/**
 * Call flows built up while a capture is being read: add messages in capture order and take snapshots
 * at any time (from any thread). A snapshot rebuilds only the calls that changed since the last one.
 */
public final class LiveFlows {

    private static final Comparator<CallFlow> START_ORDER = Comparator.comparingLong(CallFlow::startMicros)
            .thenComparingLong(f -> f.messages().get(0).message().frame());

    private final FlowSettings settings;
    private final Map<String, LegState> legs = new HashMap<>();
    private final FlowGroups groups = new FlowGroups();
    private final HeaderCorrelation headerCorrelation = new HeaderCorrelation();
    private final TimingCorrelation timingCorrelation = new TimingCorrelation();
    private long nextSeq;

    public LiveFlows(FlowSettings settings) {
        this.settings = settings;
    }

    /**
     * Adds the next message in capture order. Messages without a Call-ID cannot be placed in a dialog and are
     * left out of the flows (they still appear in the message list).
     */
    public synchronized void add(SipMessage message) {
        String callId = message.callId();
        if (callId == null || callId.isEmpty()) {
            return;
        }
        LegState leg = legs.get(callId);
        boolean newLeg = leg == null;
        if (newLeg) {
            leg = new LegState(callId);
            legs.put(callId, leg);
            groups.addLeg(leg);
        }
        boolean hadInvite = leg.hasInitialInvite();
        leg.add(nextSeq++, message);
        groups.touch(callId);
        if (newLeg) {
            headerCorrelation.onNewLeg(leg, groups);
        }
        headerCorrelation.onMessage(leg, message, legs, groups);
        if (!hadInvite && leg.hasInitialInvite()) {
            timingCorrelation.onInitialInvite(leg, message, groups);
        }
    }

    /** The calls so far, in start order. */
    public synchronized List<CallFlow> snapshot() {
        List<CallFlow> flows = new ArrayList<>();
        for (FlowGroups.Group g : groups.all()) {
            if (g.dirty || g.cached == null) {
                g.cached = CallFlowAssembly.assemble(g.legs, g.evidence, settings);
                g.dirty = false;
            }
            flows.add(g.cached);
        }
        flows.sort(START_ORDER);
        return List.copyOf(flows);
    }

    /** Number of messages added so far that had a Call-ID. */
    public synchronized long messageCount() {
        return nextSeq;
    }
}
