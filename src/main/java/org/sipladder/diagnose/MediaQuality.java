package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.media.RtpStream;

/** The streams whose quality the loss and jitter checks judge: those of a leg with enough packets to say. */
final class MediaQuality {

    /** Fewer packets than this (two seconds of 20 ms frames) say too little about loss or jitter. */
    static final long MIN_PACKETS = 100;

    private MediaQuality() {
    }

    static List<RtpStream> streams(MediaLeg leg) {
        List<RtpStream> all = new ArrayList<>(leg.toCaller);
        all.addAll(leg.toCallee);
        all.addAll(leg.unplaced);
        return all.stream().filter(s -> s.stats().packets() >= MIN_PACKETS).toList();
    }
}
