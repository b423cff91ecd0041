package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The agents of a capture are remembered by its LiveFlows, a bounded number of them (issue 19). */
class AgentRolesTest {

    @Test
    void aNewAgentPerMessageLeavesABoundedMapAndRolesStayRight() {
        AgentRoles roles = new AgentRoles();
        for (int i = 0; i < 200_000; i++) {
            assertNull(roles.of("softphone " + i));
        }
        assertEquals(AgentRoles.MAX, roles.held());
        assertEquals(Role.JAMBONZ, roles.of("drachtio 0.8.25"), "a family met after the bound");
        assertEquals(Role.LIVEKIT, roles.of("LiveKit SIP 1.0"));
    }
}
