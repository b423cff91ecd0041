package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/** Which of LiveKit's known answers LK_RESPONSE_EXPLAINED reads from the responses a call got, without a config. */
class LiveKitMeaningsTest {

    @Test
    void theMeaningIsChosenByStatusReasonAndRinging() {
        assertEquals(List.of("LiveKit could not pick an inbound trunk"), titles("100 Processing", "503 Try again later"));
        assertEquals(List.of("LiveKit could not choose a dispatch rule"),
                titles("100 Processing", "180 Ringing", "503 Try again later"));
        assertEquals(List.of("LiveKit could not choose a dispatch rule"),
                titles("100 Processing", "183 Session Progress", "503 try again LATER"));
        assertEquals(List.of("No LiveKit inbound trunk accepts this call"), titles("100 Processing", "404 no trunk found"));
        assertEquals(List.of("No agent joined the call before the ringing timeout"), titles("100 Processing", "486 Rejected"));
        assertEquals(List.of("LiveKit Cloud refused the call for quota"),
                titles("100 Processing", "180 Ringing", "503 Service temporarily unavailable"));
        assertEquals(List.of(), titles("100 Processing", "603 Decline"));
        assertEquals(List.of(), titles("100 Processing", "180 Ringing", "200 OK"));
    }

    @Test
    void cloudsNoTrunkFoundDoesNotSayTrunksExist() {
        // section 2: no trunk matched "whether trunks exist or not"; a project without inbound trunks gets it too
        CallFlow flow = FindingRulesTest.liveKitCall("4991874350352", "100 Processing", "404 No trunk found");
        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(LiveKitResponseCheck.CODE).get(0);

        assertFalse(f.explanation().contains("trunks exist"), f.explanation());
        assertTrue(f.explanation().contains("no inbound trunk at all"), f.explanation());
    }

    @Test
    void withoutAConfigTheFixSaysHowToLoadOneInTheAppAndOnTheCommandLine() {
        // the same findings show in the desktop app, where there is no --livekit-config to run again with
        CallFlow flow = FindingRulesTest.liveKitCall("4991874350352", "100 Processing", "503 Try again later");
        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(LiveKitResponseCheck.CODE).get(0);

        String step = f.fix().steps().get(f.fix().steps().size() - 1);
        assertTrue(step.contains("--livekit-config") && step.contains("LiveKit > Load LiveKit config"), step);
        assertFalse(step.startsWith("Run diagnose again"), step);
    }

    /** The findings' titles up to the status in brackets, for one call LiveKit answered with {@code responses}. */
    private static List<String> titles(String... responses) {
        CallFlow flow = FindingRulesTest.liveKitCall("4991874350352", responses);
        CallMemo memo = new CallMemo();
        List<LiveKitRouting> routings = new LiveKitRoutings(LiveKitConfig.empty(), new DiagnosisSettings(null, null))
                .of(List.of(flow), memo);
        List<String> titles = new ArrayList<>();
        for (Finding f : new LiveKitResponseCheck().findings(new DiagnosisContext(List.of(flow), LiveKitConfig.empty(),
                routings))) {
            titles.add(f.title().substring(0, f.title().indexOf(" (")));
        }
        return titles;
    }
}
