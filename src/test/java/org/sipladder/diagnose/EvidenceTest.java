package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Evidence names each frame once, however many of its messages a rule listed. */
class EvidenceTest {

    @Test
    void messagesThatShareAFrameAreListedOnce() {
        // a 100 Processing and a 180 Ringing in one TCP segment are both frame 11
        Evidence e = Findings.evidence(List.of(10L, 11L, 11L, 13L), List.of(), List.of());

        assertEquals(List.of(10L, 11L, 13L), e.frames());
    }

    @Test
    void framesKeepTheOrderOfTheirFirstMention() {
        assertEquals(List.of(9L, 3L, 5L), new Evidence(List.of(9L, 3L, 9L, 5L, 3L), List.of(), List.of()).frames());
    }

    @Test
    void aListWithoutRepeatsIsKeptAsItIs() {
        List<Long> frames = List.of(4L, 2L, 7L);

        assertSame(frames, new Evidence(frames, List.of(), List.of()).frames());
    }
}
