package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.RetriesOnOneCseq.assertLinear;
import static org.sipladder.diagnose.RetriesOnOneCseq.proxiedRetry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;

/**
 * A caller retrying thousands of times on one Call-ID, its INVITEs reaching LiveKit: each finding's routing
 * ({@link ContradictedPredictions#routingOf}) was looked for among all of the call's routings, several times over. A
 * call of more than {@link InviteTransaction#WALKED} routings finds it by INVITE frame and Call-ID, as the walk does.
 */
class IndexedRoutingsTest {

    /** The routings (not simulated) of {@code count} retries through a proxy: two copies of each, two Call-IDs. */
    private static List<LiveKitRouting> routings(int count) {
        TestCall call = TestCall.carrierJambonzLiveKit();
        for (int k = 0; k < count; k++) {
            call = proxiedRetry(call, k);
        }
        CallFlow flow = call.flow();
        List<LiveKitRouting> routings = new ArrayList<>();
        for (InviteTransaction tx : InviteTransaction.of(flow)) {
            routings.add(new LiveKitRouting(tx, null, null, List.of(), null));
        }
        return routings;
    }

    /** Findings of a simulated code on each Call-ID naming no frame, one frame, or a few (some of no INVITE). */
    private static List<Finding> findings(List<LiveKitRouting> routings) {
        List<Finding> findings = new ArrayList<>();
        long last = routings.get(routings.size() - 1).transaction().frame();
        for (String callId : new String[] {"call-proxied", "call-other", null}) {
            findings.add(finding(callId, List.of()));
            for (long frame = 1; frame <= last + 2; frame++) {
                findings.add(finding(callId, List.of(frame)));
                findings.add(finding(callId, List.of(frame + 7, frame, last + 5)));
            }
        }
        return findings;
    }

    private static Finding finding(String callId, List<Long> frames) {
        return new Finding(FindingCode.LK_SILENT_DROP, Severity.WARNING, "t", "e", callId, "call-proxied", false,
                new Evidence(frames, List.of(), List.of()), null);
    }

    @Test
    void findsTheRoutingWalkingFinds() {
        List<LiveKitRouting> routings = routings(50);
        List<LiveKitRouting> indexed = IndexedRoutings.of(routings);
        assertInstanceOf(IndexedRoutings.class, indexed);
        assertEquals(routings, indexed);
        List<LiveKitRouting> few = routings.subList(0, InviteTransaction.WALKED);
        assertSame(few, IndexedRoutings.of(few)); // walked as before
        int found = 0;
        for (Finding f : findings(routings)) {
            LiveKitRouting walked = ContradictedPredictions.routingOf(f, routings);
            assertSame(walked, ContradictedPredictions.routingOf(f, indexed), f.callId() + " " + f.evidence().frames());
            found += walked == null ? 0 : 1;
        }
        assertTrue(found > 100, found + " findings with a routing");
    }

    @Test
    void findingsAreNotComparedWithEveryRouting() {
        assertLinear(count -> {
            List<LiveKitRouting> routings = routings(count);
            IndexedRoutings indexed = (IndexedRoutings) IndexedRoutings.of(routings);
            for (Finding f : findings(routings)) {
                ContradictedPredictions.routingOf(f, indexed);
            }
            return indexed.looks;
        });
    }
}
