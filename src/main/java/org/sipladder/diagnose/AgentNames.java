package org.sipladder.diagnose;

import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.ConfigView;

/** The agent names dispatch rules of a config already use, so a fix can suggest a real one. */
final class AgentNames {

    static final String UNKNOWN = "YOUR_AGENT_NAME";

    private AgentNames() {
    }

    /** The first agent name another rule of the config dispatches, or {@link #UNKNOWN}. */
    static String suggestion(LiveKitConfig config) {
        return config.rules().stream().flatMap(r -> ConfigView.agentNames(r).stream()).filter(n -> !n.isEmpty()).findFirst().orElse(UNKNOWN);
    }

    static SIPDispatchRuleInfo withAgent(SIPDispatchRuleInfo rule, String agentName) {
        SIPDispatchRuleInfo.Builder b = rule.toBuilder();
        b.getRoomConfigBuilder().addAgents(RoomAgentDispatch.newBuilder().setAgentName(agentName));
        return b.build();
    }
}
