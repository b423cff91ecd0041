package org.sipladder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadySignalTest {

    @Test
    void theShownTimeIsTheFrameAfterTheOneThatDrewTheCapture() {
        ReadySignal signal = new ReadySignal(0);
        assertFalse(signal.frame(1_000, false));
        assertFalse(signal.frame(1_016, false));
        assertFalse(signal.frame(1_500, true), "this frame draws the capture: not drawn yet");
        assertTrue(signal.frame(1_516, true));

        assertEquals(1_016, signal.windowMillis());
        assertEquals(1_516, signal.shownMillis());
    }

    @Test
    void aCaptureThatIsBusyAgainAtTheNextFrameIsNotShownYet() {
        ReadySignal signal = new ReadySignal(0);
        signal.frame(1_000, false);
        signal.frame(1_016, true);
        assertFalse(signal.frame(1_032, false), "a new diagnosis started in between");
        assertFalse(signal.frame(1_048, true));
        assertTrue(signal.frame(1_064, true));
        assertEquals(1_064, signal.shownMillis());
    }

    @Test
    void settleFramesDelayTheReadyFileButNotTheShownTime() {
        ReadySignal signal = new ReadySignal(3);
        signal.frame(1_000, true);
        assertFalse(signal.frame(1_016, true));
        assertFalse(signal.frame(1_032, true));
        assertFalse(signal.frame(1_048, true));
        assertTrue(signal.frame(1_064, true));
        assertFalse(signal.frame(1_080, true), "due only once");

        assertEquals(1_016, signal.shownMillis());
    }

    @Test
    void theReportHasBothTimesAndTheStatus() {
        ReadySignal signal = new ReadySignal(0);
        signal.frame(1_000, false);
        signal.frame(1_016, true);
        signal.frame(1_032, true);
        assertEquals("window-ms=1016\nshown-ms=1032\nstatus=1 call\n", signal.report("1 call"));
    }

    @Test
    void negativeSettleFramesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReadySignal(-1));
    }
}
