package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.diagnose.Evidence;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.InviteTransaction;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Timings;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.SipText;

/**
 * A caller retrying thousands of times on one Call-ID: diagnose --json compared each finding with every routing of
 * the call to find the one it is about. A call of more than {@link RoutingsByCallId#WALKED} routings finds it by
 * Call-ID and frame, as the walk does.
 */
class RoutingsByCallIdTest {

    private static final SipParser PARSER = new SipParser();
    private static final CallFlow FLOW = new CallFlow("call-0", List.of(), List.of(), List.of(), List.of(),
            new Timings(null, null, null, null));

    /** {@code count} routings of INVITEs on three Call-IDs; their frames in order, or each pair swapped. */
    private static List<LiveKitRouting> routings(int count, boolean swapped) {
        List<LiveKitRouting> routings = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long frame = 10L * (swapped ? k ^ 1 : k) + 5;
            String text = SipText.invite("call-" + k % 3);
            FlowMessage invite = new FlowMessage(PARSER.parse(new SipPayload(frame, frame * 1000,
                    new Endpoint("10.0.0.1", 5060), new Endpoint("10.0.0.2", 5060), Transport.UDP,
                    text.getBytes(StandardCharsets.US_ASCII))).orElseThrow(), k % 3, false, "INVITE");
            routings.add(new LiveKitRouting(new InviteTransaction(FLOW, invite, List.of()), null, null, List.of(),
                    null));
        }
        return routings;
    }

    /** Findings on each Call-ID (and one of none) naming each frame up to past the last routing's, or none. */
    private static List<Finding> findings(int count) {
        List<Finding> findings = new ArrayList<>();
        for (String callId : new String[] {"call-0", "call-2", "call-other", null}) {
            for (long frame = -1; frame <= 10L * count + 10; frame += 3) {
                List<Long> frames = frame < 0 ? List.of() : List.of(frame);
                findings.add(new Finding(FindingCode.SIP_NO_FINAL_RESPONSE, Severity.WARNING, "t", "e", callId,
                        "call-0", true, new Evidence(frames, List.of(), List.of()), null));
            }
        }
        return findings;
    }

    @Test
    void findsTheRoutingWalkingFinds() {
        for (boolean swapped : new boolean[] {false, true}) {
            List<LiveKitRouting> routings = routings(100, swapped);
            RoutingsByCallId byCallId = new RoutingsByCallId(routings);
            int found = 0;
            for (Finding f : findings(100)) {
                int walked = FindingJson.routingIndex(f, routings);
                assertEquals(walked, FindingJson.routingIndex(f, byCallId), f.callId() + " " + f.evidence().frames());
                found += walked >= 0 ? 1 : 0;
            }
            assertTrue(found > 100, found + " findings with a routing");
        }
    }

    private static long looks(int count) {
        RoutingsByCallId byCallId = new RoutingsByCallId(routings(count, false));
        for (Finding f : findings(count)) {
            FindingJson.routingIndex(f, byCallId);
        }
        return byCallId.looks;
    }

    @Test
    void findingsAreNotComparedWithEveryRouting() {
        long few = looks(400);
        long many = looks(800);
        assertTrue(many <= 2.5 * few, few + " looks for 400 routings, " + many + " for 800");
    }
}
