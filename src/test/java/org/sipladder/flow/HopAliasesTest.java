package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.testkit.CountingList;

/** Hop names the user gave, applied to calls that may be assembled only when read. */
class HopAliasesTest {

    @Test
    void applyingToAllCallsRenamesEachWhenItIsReadWithoutReadingTheOthers() {
        List<CallFlow> held = new FlowBuilder().build(FlowBuilderTest.seed("X-CID: " + FlowBuilderTest.A).messages());
        CountingList<CallFlow> assembledWhenRead = new CountingList<>(held);
        String address = held.get(0).hops().get(1).address();
        List<CallFlow> renamed = HopAliases.none().with(address, "Frankfurt SBC").applyAll(assembledWhenRead);
        assertEquals(0, assembledWhenRead.reads(), "every call was read at once");
        assertEquals("Frankfurt SBC", renamed.get(0).hops().get(1).name());
        assertEquals(1, assembledWhenRead.reads());
        assertEquals(held.size(), renamed.size());
    }
}
