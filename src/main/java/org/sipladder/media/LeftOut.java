package org.sipladder.media;

/** Packets left out at one bound since the warnings were last taken: the first one's frame and how many. */
final class LeftOut {

    private long firstFrame;
    private long packets;

    void add(long frame) {
        if (packets++ == 0) {
            firstFrame = frame;
        }
    }

    long firstFrame() {
        return firstFrame;
    }

    long packets() {
        return packets;
    }

    /** "N packets", counting afresh from here. */
    String take() {
        String counted = packets + (packets == 1 ? " packet" : " packets");
        packets = 0;
        return counted;
    }
}
