package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The User-Agent test of a LiveKit-placed call answers as lowering the whole value and searching it did. */
class ContainsIgnoringCaseTest {

    @Test
    void answersAsLoweringDid() {
        String[] agents = {"LiveKit", "livekit-sip/0.9", "Server: LIVEKIT", "LiveKi", "l", "", "Jambonz livekiT",
            "LLiveKit", "LİveKit", "\u212Aelvin livekit", "LİVEKIT", "livek\u0130t"};
        for (String agent : agents) {
            assertEquals(agent.toLowerCase(Locale.ROOT).contains("livekit"),
                    OutboundCall.containsIgnoringCase(agent, "livekit"), agent);
        }
    }
}
