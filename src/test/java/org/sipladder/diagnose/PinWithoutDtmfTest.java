package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A PIN dispatch rule wins a call on which no telephone-event LiveKit reads was negotiated: the PIN can only come as
 * RFC 4733 DTMF, so the caller can never enter it and stays at the prompt.
 */
class PinWithoutDtmfTest {

    private static final String CALLED = "4991874350352";
    private static final String SBC_MEDIA = "203.0.113.10";
    private static final String SBC = SBC_MEDIA + ":40000";
    private static final String LK = MediaCase.LIVEKIT + ":30000";
    private static final LiveKitConfig PIN_WINS = config(List.of(trunk("ST_a", CALLED)),
            List.of(TestConfig.rule("SDR_open", "agent", "ST_a"), FindingRulesTest.pinRule("SDR_pin", "ST_a")));

    @TempDir
    Path dir;

    private static MediaCase offering(String event) {
        return MediaCase.jambonzToLiveKit(LiveKitDtmfTest.sdp(SBC_MEDIA, 40000, event),
                        LiveKitDtmfTest.sdp(MediaCase.LIVEKIT, 30000, event.equals("telephone-event/8000") ? event : ""))
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 500, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5);
    }

    @Test
    void aPinPromptOnACallWithoutTelephoneEventSaysThePinCanNeverBeEntered() throws Exception {
        Diagnosis d = offering("telephone-event/48000").diagnose(dir, PIN_WINS);

        Finding pin = d.withCode(FindingCode.LK_RULE_PIN_PROMPT).get(0);
        assertTrue(pin.evidence().facts().stream().anyMatch(f -> f.contains("telephone-event/48000")
                && f.contains("never enter the PIN")), pin.evidence().facts().toString());
        assertTrue(pin.fix().steps().get(0).contains("telephone-event/8000")
                && pin.fix().steps().get(0).contains("RFC 2833"), pin.fix().steps().toString());
        Finding none = d.withCode(FindingCode.LK_DTMF_NOT_NEGOTIATED).get(0);
        assertEquals(Severity.WARNING, none.severity(), "no digits seen, but the PIN needs them");
        assertTrue(none.explanation().contains("SDR_pin") && none.explanation().contains("PIN prompt"),
                none.explanation());

        // the same call with telephone-event/8000 negotiated: the PIN can be entered, nothing about DTMF
        Diagnosis negotiated = offering("telephone-event/8000").diagnose(dir, PIN_WINS);
        Finding open = negotiated.withCode(FindingCode.LK_RULE_PIN_PROMPT).get(0);
        assertTrue(open.evidence().facts().stream().noneMatch(f -> f.contains("never enter")), open.evidence().facts().toString());
        assertTrue(open.fix().steps().get(0).startsWith("If callers should reach"), open.fix().steps().toString());
        assertTrue(open.fix().steps().get(0).contains("give the open rule a higher priority"), open.fix().steps().toString());
        assertEquals(List.of(), negotiated.withCode(FindingCode.LK_DTMF_NOT_NEGOTIATED));

        // no rule without a PIN in the project: no open rule to prefer
        LiveKitConfig pinOnly = config(List.of(trunk("ST_a", CALLED)), List.of(FindingRulesTest.pinRule("SDR_pin", "ST_a")));
        Finding only = offering("telephone-event/8000").diagnose(dir, pinOnly).withCode(FindingCode.LK_RULE_PIN_PROMPT).get(0);
        assertTrue(only.fix().steps().get(0).endsWith("(the project has no rule without a PIN to take them instead)."),
                only.fix().steps().toString());
    }
}
