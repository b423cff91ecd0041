package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedTextsTest {

    private static Finding finding(String callId, List<Long> frames) {
        return new Finding(FindingCode.LK_TRUNK_CONFLICT, Severity.ERROR, "title", "explanation", callId, "call-" + callId,
                true, new Evidence(frames, List.of(), List.of("fact " + callId)),
                new Fix(List.of("step one", "step two"), List.of("lk sip inbound list"), "{\"json\": true}"));
    }

    @Test
    void findingsOfOneKindShareOneFix() {
        SharedTexts texts = new SharedTexts();
        Finding a = texts.of(finding("a", List.of(1L, 2L)));
        Finding b = texts.of(finding("b", List.of(3L)));
        assertEquals(finding("a", List.of(1L, 2L)), a);
        assertSame(a.fix(), b.fix());
    }

    @Test
    void framesKeepEveryUnsigned32BitNumberAndLargerOnes() {
        SharedTexts texts = new SharedTexts();
        List<Long> frames = List.of(1L, 2_147_483_648L, 4_294_967_295L, 7L);
        assertEquals(frames, texts.of(finding("a", frames)).evidence().frames());
        List<Long> beyond = List.of(3L, 4_294_967_296L);
        assertEquals(beyond, texts.of(finding("b", beyond)).evidence().frames());
        assertEquals(List.of(), texts.of(finding("c", List.of())).evidence().frames());
    }
}
