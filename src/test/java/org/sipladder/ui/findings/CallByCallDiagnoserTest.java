package org.sipladder.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.testkit.MediaCall;
import org.sipladder.ui.TestCaptures;
import org.sipladder.ui.load.LoadObserver;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.main.DemoCapture;

/**
 * The findings panel diagnoses the calls of a capture one by one, each assembled for its diagnosis and let go: the
 * findings and routings are those of diagnosing all calls assembled at once.
 */
class CallByCallDiagnoserTest {

    @TempDir
    Path dir;

    @Test
    void callByCallGivesTheFindingsOfAllCallsAtOnce() throws Exception {
        DemoCapture demo = DemoCapture.extract();
        LiveKitConfig demoConfig = new ConfigFileLoader().loadAll(demo.configFiles());
        int compared = 0;
        for (Path capture : List.of(demo.capture().path(), TestCaptures.threeCalls(dir))) {
            LoadedCapture loaded = new PipelineCaptureLoader().load(capture, LoadObserver.none());
            for (LiveKitConfig config : List.of(LiveKitConfig.empty(), demoConfig)) {
                Diagnosis expected = DiagnosisEngine.standard().diagnose(new ArrayList<>(loaded.flows()), config,
                        DiagnosisSettings.FROM_EVIDENCE);
                Diagnosis actual = new CallByCallDiagnoser(DiagnosisEngine.standard()).diagnose(loaded.flows(),
                        config, DiagnosisSettings.FROM_EVIDENCE);
                assertEquals(expected.findings(), actual.findings(), capture + " " + config.isEmpty());
                assertEquals(routings(expected), routings(actual));
                for (LiveKitRouting r : actual.routings()) {
                    assertTrue(r.transaction().flow().messages().isEmpty(), "a routing kept its whole call");
                    // 48,000 routings on big_sip.pcap: legs, timings and responses kept 25 MB; the frame, numbers
                    // and summary compared above are all the panel and the report read
                    assertTrue(r.transaction().flow().legs().isEmpty(), "a routing kept its call's legs");
                    assertTrue(r.transaction().responses().isEmpty(), "a routing kept the responses");
                }
                compared += expected.findings().size() + expected.routings().size();
            }
        }
        assertTrue(compared > 10, "too little to compare: " + compared);
    }

    @Test
    void theCapturesRtpReachesTheMediaRulesAsOnTheCommandLine() throws Exception {
        // a call whose callee never sends: the command line's diagnose says MEDIA_ONE_WAY; the app said nothing,
        // as it diagnosed without the streams it had read
        Path capture = MediaCall.of("one-way@test", 8, 200, 0x55, 0, true).write(dir.resolve("one-way.pcap"));
        LoadedCapture loaded = new PipelineCaptureLoader().load(capture, LoadObserver.none());
        assertFalse(loaded.media().streams().isEmpty());
        Diagnosis expected = DiagnosisEngine.standard().diagnose(new ArrayList<>(loaded.flows()), LiveKitConfig.empty(),
                DiagnosisSettings.FROM_EVIDENCE, loaded.media());
        Diagnosis actual = Diagnoser.builtOnFirstUse(() -> new CallByCallDiagnoser(DiagnosisEngine.standard()))
                .diagnose(loaded.flows(), LiveKitConfig.empty(), DiagnosisSettings.FROM_EVIDENCE, loaded.media());
        assertTrue(actual.findings().stream().anyMatch(f -> f.code() == FindingCode.MEDIA_ONE_WAY), () -> actual.findings().toString());
        assertEquals(expected.findings(), actual.findings());
    }

    @Test
    void equalTextsOfFindingsAreSharedBetweenCalls() throws Exception {
        LoadedCapture loaded = new PipelineCaptureLoader().load(TestCaptures.threeCalls(dir), LoadObserver.none());
        CallFlow failed = loaded.flows().stream().filter(CallFlow::failed).filter(f -> f.legs().size() > 1)
                .findFirst().orElseThrow();
        // the same call twice: findings word for word alike, as those of many alike calls of a large capture
        Diagnosis d = new CallByCallDiagnoser(DiagnosisEngine.standard()).diagnose(List.of(failed, failed),
                LiveKitConfig.empty(), DiagnosisSettings.FROM_EVIDENCE);
        List<Finding> findings = d.findings();
        assertEquals(0, findings.size() % 2);
        assertFalse(findings.isEmpty());
        int shared = 0;
        for (Finding f : findings) {
            Finding twin = findings.stream().filter(o -> o != f && o.equals(f)).findFirst().orElseThrow();
            assertSame(twin.title(), f.title());
            assertSame(twin.evidence().facts(), f.evidence().facts());
            assertSame(twin.fix().steps(), f.fix().steps());
            shared += f.evidence().facts().size();
        }
        assertTrue(shared > 0);
        // the routings of the two copies: the INVITE's hosts and the statuses the capture shows are shared
        assertEquals(2, d.routings().size(), d.routings()::toString);
        LiveKitRouting first = d.routings().get(0);
        LiveKitRouting second = d.routings().get(1);
        assertEquals(first, second);
        assertFalse(first.observed().isEmpty());
        assertSame(first.observed(), second.observed());
        assertSame(first.invite().fromHost(), second.invite().fromHost());
        assertSame(first.invite().sourceIp(), second.invite().sourceIp());
        assertSame(first.invite().callingNumber(), second.invite().callingNumber());
    }

    @Test
    void onEveryCoreTheFindingsAreThoseOfOneThread() throws Exception {
        LoadedCapture loaded = new PipelineCaptureLoader().load(TestCaptures.threeKindsOfCalls(dir, 25),
                LoadObserver.none());
        assertEquals(75, loaded.calls().size());
        LiveKitConfig demoConfig = new ConfigFileLoader().loadAll(DemoCapture.extract().configFiles());
        for (LiveKitConfig config : List.of(LiveKitConfig.empty(), demoConfig)) {
            Diagnosis expected = DiagnosisEngine.standard().diagnose(new ArrayList<>(loaded.flows()), config,
                    DiagnosisSettings.FROM_EVIDENCE, loaded.media());
            for (int workers : List.of(1, 2, 3)) {
                Diagnosis actual = new CallByCallDiagnoser(DiagnosisEngine.standard(), workers).diagnose(
                        loaded.flows(), config, DiagnosisSettings.FROM_EVIDENCE, loaded.media());
                assertEquals(expected.findings(), actual.findings(), workers + " workers");
                assertEquals(routings(expected), routings(actual), workers + " workers");
            }
            assertTrue(expected.findings().size() >= 50, () -> expected.findings().size() + " findings");
        }
    }

    private static List<String> routings(Diagnosis d) {
        return d.routings().stream().map(r -> r.flowId() + " " + r.transaction().frame() + " " + r.summary()).toList();
    }
}
