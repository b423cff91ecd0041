package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.sipladder.diagnose.RetriesOnOneCseq.proxiedRetry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.RoutingOutcome;

/**
 * A call whose thousands of INVITEs reached LiveKit: eight rules ask the context for its simulated routings for every
 * INVITE, and each question sorted all of the call's routings again (NoCommonCodecCheck's ConfiguredCodecs.of, for
 * 20,000 INVITEs), and ConfiguredCodecs.of then compared each with all of them. A context of more than
 * {@link InviteTransaction#WALKED} routings sorts them once, and by INVITE frame when asked for one's.
 */
class SimulatedRoutingsTest {

    @Test
    void manyRoutingsAreSortedOnceForEveryQuestion() {
        TestCall call = TestCall.carrierJambonzLiveKit();
        for (int k = 0; k < 50; k++) {
            call = proxiedRetry(call, k);
        }
        CallFlow flow = call.flow();
        RoutingOutcome outcome = new RoutingOutcome(null, null,
                new DispatchMatch(DispatchMatch.Kind.NOT_EVALUATED, null, List.of(), null, List.of(), null), List.of(),
                List.of(), null);
        List<LiveKitRouting> routings = new ArrayList<>();
        for (InviteTransaction tx : InviteTransaction.of(flow)) {
            // every third one not simulated (the INVITE reached LiveKit, no config was loaded for it)
            routings.add(new LiveKitRouting(tx, null, routings.size() % 3 == 0 ? null : outcome, List.of(), null));
        }
        DiagnosisContext context = new DiagnosisContext(List.of(flow), LiveKitConfig.empty(), List.copyOf(routings));
        List<LiveKitRouting> simulated = context.simulatedRoutings();
        assertEquals(DiagnosisContext.simulated(routings), simulated);
        assertEquals(routings.size() * 2 / 3, simulated.size());
        assertSame(simulated, context.simulatedRoutings());
        for (LiveKitRouting r : routings) {
            long frame = r.transaction().frame();
            List<LiveKitRouting> at = context.simulatedRoutingsAt(frame);
            // ConfiguredCodecs and MediaEncryptionMismatchCheck ask this of every INVITE: the INVITE's own only
            assertEquals(simulated.stream().filter(s -> s.transaction().frame() == frame).toList(), at);
            assertEquals(r.simulated() ? 1 : 0, at.size());
        }
    }
}
