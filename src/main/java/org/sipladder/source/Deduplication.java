package org.sipladder.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.MediaListener;
import org.sipladder.capture.SipPayload;

/**
 * Passes on each message of a merge once: a message whose bytes another file delivered shortly before (clocks
 * corrected) is the same message seen at a second observation point, and is only recorded as such. RTP and RTCP
 * datagrams go on once too ({@link MediaDeduplication}).
 */
final class Deduplication extends ForwardingListener {

    /** How far apart, clocks corrected, two files may see one message: transit plus what the estimate missed. */
    private static final long WINDOW_MICROS = 2_000_000;

    /** A message passed on, waiting for a second file to see it. */
    private record Pending(long mergedFrame, long micros, Observation seen) {
    }

    private final LinkedHashMap<Long, Pending> recent = new LinkedHashMap<>();
    private final Map<Long, List<Observation>> observations = new HashMap<>();
    private int file;
    private long originalFrame;
    private long originalMicros;
    private final long[] shared;
    private long duplicates;

    Deduplication(CaptureListener next, int files) {
        super(next);
        this.shared = new long[files];
    }

    /** The packet being decoded: which file, and its frame and time there. */
    void at(int file, long originalFrame, long originalMicros) {
        this.file = file;
        this.originalFrame = originalFrame;
        this.originalMicros = originalMicros;
    }

    /** The next listener's media listener, behind one that drops datagrams another file already delivered. */
    @Override
    public MediaListener media() {
        MediaListener media = next.media();
        return media == null ? null : new MediaDeduplication(media, () -> file, WINDOW_MICROS);
    }

    @Override
    public void payload(SipPayload p) {
        long key = Fingerprint.of(p.data());
        forgetBefore(p.timestampMicros() - WINDOW_MICROS);
        Observation here = new Observation(file, originalFrame, originalMicros, p.src(), p.dst());
        Pending earlier = recent.get(key);
        if (earlier != null && earlier.seen().file() != file
                && Math.abs(p.timestampMicros() - earlier.micros()) <= WINDOW_MICROS) {
            recent.remove(key);
            observations.computeIfAbsent(earlier.mergedFrame(), f -> new ArrayList<>(List.of(earlier.seen()))).add(here);
            duplicates++;
            shared[file]++;
            shared[earlier.seen().file()]++;
            return;
        }
        recent.remove(key);
        recent.put(key, new Pending(p.frame(), p.timestampMicros(), here));
        next.payload(p);
    }

    private void forgetBefore(long micros) {
        Iterator<Pending> it = recent.values().iterator();
        while (it.hasNext() && it.next().micros() < micros) {
            it.remove();
        }
    }


    /** Every observation point of the messages seen by more than one file, by the merged frame passed on. */
    Map<Long, List<Observation>> observations() {
        Map<Long, List<Observation>> copy = new HashMap<>();
        observations.forEach((frame, seen) -> copy.put(frame, List.copyOf(seen)));
        return copy;
    }

    long duplicates() {
        return duplicates;
    }

    /** For each file, how many of its messages another file saw too. */
    List<Long> shared() {
        return java.util.Arrays.stream(shared).boxed().toList();
    }
}
