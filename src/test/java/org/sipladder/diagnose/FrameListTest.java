package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Frames named in a finding's facts: every one while they are few, the first ones, the last and the count after. */
class FrameListTest {

    @Test
    void fewFramesAreAllNamed() {
        assertEquals("frame 7", Findings.frameList(List.of(7L)));
        assertEquals("frames 6, 11, 16", Findings.frameList(List.of(6L, 11L, 16L)));
        List<Long> eight = LongStream.rangeClosed(1, Findings.FRAMES_LISTED).boxed().toList();
        assertEquals("frames 1, 2, 3, 4, 5, 6, 7, 8", Findings.frameList(eight));
    }

    @Test
    void aLoopOfThousandsOfAttemptsIsOneLine() {
        // a UA retrying its credentials 4,999 times: the fact used to list every frame
        List<Long> frames = LongStream.range(0, 4999).map(i -> 6 + 5 * i).boxed().toList();
        assertEquals("frames 6, 11, 16, 21, 26, 31, 36, ..., 24996 (4999 in all)", Findings.frameList(frames));
    }
}
