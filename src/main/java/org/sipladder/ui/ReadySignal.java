package org.sipladder.ui;

/**
 * When a scripted run (start-up measurement, screenshots) may call the window ready. Fed at the start of every
 * frame with the wall-clock time and whether the first capture and its findings are on screen, it notes the time
 * of the first frame after the window's first frame was drawn and of the first frame after the one that drew
 * the capture (so both times are when the picture was already drawn), then counts settle frames before the
 * ready file is due.
 */
final class ReadySignal {

    private final int settleFrames;
    private long frames;
    private long windowMillis = -1;
    private long shownMillis = -1;
    private boolean shownAtPreviousFrame;
    private int settled;

    /** @param settleFrames frames to wait after the capture was shown before the ready file is due (0: at once) */
    ReadySignal(int settleFrames) {
        if (settleFrames < 0) {
            throw new IllegalArgumentException("settle frames must not be negative: " + settleFrames);
        }
        this.settleFrames = settleFrames;
    }

    /**
     * One frame begins at {@code wallMillis}; {@code captureShown} says whether the capture and its findings are
     * complete now, so this frame draws them. Returns true exactly once: when the ready file is due.
     */
    boolean frame(long wallMillis, boolean captureShown) {
        frames++;
        if (frames == 2) {
            windowMillis = wallMillis;
        }
        if (shownMillis < 0) {
            boolean drawn = shownAtPreviousFrame && captureShown;
            shownAtPreviousFrame = captureShown;
            if (!drawn) {
                return false;
            }
            shownMillis = wallMillis;
        }
        return settled++ == settleFrames;
    }

    /** Wall-clock milliseconds when the window's first frame had been drawn, or -1. */
    long windowMillis() {
        return windowMillis;
    }

    /** Wall-clock milliseconds when the frame showing the capture and its findings had been drawn, or -1. */
    long shownMillis() {
        return shownMillis;
    }

    /** The ready file: {@code window-ms} and {@code shown-ms} (epoch milliseconds) and the status line. */
    String report(String status) {
        return "window-ms=" + windowMillis + "\nshown-ms=" + shownMillis + "\nstatus=" + status + "\n";
    }
}
