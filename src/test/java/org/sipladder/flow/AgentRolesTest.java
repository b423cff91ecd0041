package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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

    @Test
    void hopNamesAreMadeOnceAndNameRoleAndAddressWhateverWasMadeBefore() {
        AgentRoles roles = new AgentRoles();
        String name = roles.hopName(Role.CARRIER, "89.184.187.124");
        assertEquals("Carrier 89.184.187.124", name);
        assertSame(name, roles.hopName(Role.CARRIER, new String("89.184.187.124")), "an equal address");
        assertEquals("LiveKit 89.184.187.124", roles.hopName(Role.LIVEKIT, "89.184.187.124"));
        // many more addresses than are remembered: each name still right, in whatever order asked
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5_000; i++) {
                Role role = Role.values()[i % Role.values().length];
                String address = "10.0." + (i / 256) + "." + (i % 256);
                assertEquals(role.displayName() + " " + address, roles.hopName(role, address));
            }
        }
    }
}
