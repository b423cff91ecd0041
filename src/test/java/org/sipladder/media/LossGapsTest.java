package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The one wording of a stream's loss gaps that the stream tables and the loss findings share: the count, the longest
 * gap in packets (one packet singular) and the audio it held when the clock rate is known.
 */
class LossGapsTest {

    @Test
    void theFigureNamesTheGapsAndTheLongest() {
        assertEquals("1 gap of 10 (200 ms)", new LossGaps(1, 10, 10, 200, 42).text());
        assertEquals("20 gaps of 1", new LossGaps(20, 20, 1, 20, 42).text());
        assertEquals("3 gaps, longest 10 (200 ms)", new LossGaps(3, 25, 10, 200, 42).text());
        assertEquals("3 gaps, longest 10", new LossGaps(3, 25, 10, Double.NaN, 42).text());
    }

    @Test
    void theSentencePartsCountInTheRightNumberAndSayTheAudioOnlyWhenKnown() {
        LossGaps one = new LossGaps(1, 1, 1, 60, 7);
        assertEquals("1 gap", one.countText());
        assertEquals("1 packet", one.longestPacketsText());
        assertEquals(" (about 60 ms of audio)", one.longestAudioText("about "));
        LossGaps many = new LossGaps(4, 30, 12, Double.NaN, 7);
        assertEquals("4 gaps", many.countText());
        assertEquals("12 packets", many.longestPacketsText());
        assertEquals("", many.longestAudioText(""));
    }
}
