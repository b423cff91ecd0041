package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;

/**
 * A diagnosis shared by several threads (the desktop app's, on every core) takes the calls in start order and gives
 * exactly the findings and routings of one thread.
 */
class DiagnosisRunTest {

    @Test
    void severalThreadsGiveTheFindingsOfOne() {
        List<CallFlow> flows = calls(5 * DiagnosisRun.BATCH + 3);
        for (LiveKitConfig config : List.of(LiveKitConfig.empty(), TestConfig.seed())) {
            Diagnosis one = DiagnosisEngine.standard().diagnose(flows, config);
            for (int workers : List.of(2, 3)) {
                Diagnosis several = DiagnosisEngine.standard().diagnose(flows, config, DiagnosisSettings.FROM_EVIDENCE,
                        CaptureMedia.none(), UnaryOperator.identity(), workers);
                assertEquals(one.findings(), several.findings(), workers + " workers");
                assertEquals(one.routings(), several.routings(), workers + " workers");
            }
            Set<FindingCode> codes = one.findings().stream().map(Finding::code).collect(Collectors.toSet());
            assertTrue(codes.size() >= 2 && one.findings().size() > flows.size(), codes::toString);
        }
    }

    @Test
    void theCallsAreSharedByTheThreads() {
        // each thread's first call waits for the other thread's: one thread alone would wait in vain
        CountDownLatch both = new CountDownLatch(2);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        FindingRule meeting = context -> {
            if (!context.flows().isEmpty() && threads.add(Thread.currentThread())) {
                both.countDown();
                try {
                    both.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of();
        };
        List<String> order = new ArrayList<>();
        new DiagnosisEngine(List.of(meeting)).start(LiveKitConfig.empty(), DiagnosisSettings.FROM_EVIDENCE,
                CaptureMedia.none()).diagnoseAll(calls(2 * DiagnosisRun.BATCH), 2, UnaryOperator.identity(),
                call -> order.add(call.flowId()));
        assertEquals(2, threads.size(), "threads that diagnosed calls");
        assertEquals(calls(2 * DiagnosisRun.BATCH).stream().map(CallFlow::id).toList(), order, "handed over in start order");
    }

    @Test
    void aCallThatFailsFailsTheDiagnosis() {
        List<CallFlow> flows = calls(4 * DiagnosisRun.BATCH);
        String failing = flows.get(3 * DiagnosisRun.BATCH + 1).id();
        FindingRule broken = context -> {
            if (context.flows().stream().anyMatch(f -> f.id().equals(failing))) {
                throw new IllegalStateException("broken on " + failing);
            }
            return List.of();
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DiagnosisEngine(List.of(broken))
                .diagnose(flows, LiveKitConfig.empty(), DiagnosisSettings.FROM_EVIDENCE, CaptureMedia.none(),
                        UnaryOperator.identity(), 2));
        assertEquals("broken on " + failing, e.getMessage());
    }

    @Test
    void aCallsConfigKeysAreTheEnginesWhateverOrderItsIdsComeIn() {
        // the run keeps a key per code and ids as a finding lists them: the same ids in another order, the ids of
        // another code and a null id must each give what DiagnosisEngine.key gives
        List<List<String>> idLists = List.of(List.of("ST_b", "ST_a"), List.of("ST_a", "ST_b"), List.of("ST_a"),
                Arrays.asList((String) null), List.of("ST_b", "ST_a"), List.of());
        List<FindingCode> codes = List.of(FindingCode.LK_TRUNK_CONFLICT, FindingCode.LK_NO_TRUNK_MATCH);
        int[] next = {0};
        FindingRule naming = context -> {
            int at = next[0]++;
            return List.of(new Finding(codes.get(at / idLists.size() % codes.size()), Severity.WARNING, "t", "e", null,
                    context.flows().get(0).id(), false,
                    new Evidence(List.of(), idLists.get(at % idLists.size()), List.of()),
                    new Fix(List.of(), List.of(), null)));
        };
        DiagnosisRun run = new DiagnosisEngine(List.of(naming)).start(LiveKitConfig.empty(),
                DiagnosisSettings.FROM_EVIDENCE, CaptureMedia.none());
        List<CallFlow> flows = calls(3 * idLists.size() * codes.size());
        for (int i = 0; i < flows.size(); i++) {
            FindingCode code = codes.get(i / idLists.size() % codes.size());
            Finding expected = new Finding(code, Severity.WARNING, "t", "e", null, flows.get(i).id(), false,
                    new Evidence(List.of(), idLists.get(i % idLists.size()), List.of()), new Fix(List.of(), List.of(), null));
            assertEquals(List.of(DiagnosisEngine.key(expected)), run.diagnose(flows.get(i)).echoKeys(), "call " + i);
        }
        assertEquals("LK_TRUNK_CONFLICT [ST_a, ST_b]", DiagnosisEngine.key(new Finding(FindingCode.LK_TRUNK_CONFLICT,
                Severity.WARNING, "t", "e", null, "f", false, new Evidence(List.of(), List.of("ST_b", "ST_a"), List.of()),
                new Fix(List.of(), List.of(), null))));
    }

    /** Calls to LiveKit refused, busy, answered, and INVITEs sent again without an answer, in turn. */
    private static List<CallFlow> calls(int count) {
        List<CallFlow> flows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String to = "+4930" + (1000 + i);
            flows.add(switch (i % 4) {
                case 0 -> FindingRulesTest.liveKitCall(to, "100 Processing", "503 Service Unavailable");
                case 1 -> FindingRulesTest.liveKitCall(to, "486 Busy Here");
                case 2 -> FindingRulesTest.liveKitCall(to, "100 Processing", "200 OK");
                default -> FindingRulesTest.liveKitCall(to);
            });
        }
        return flows;
    }
}
