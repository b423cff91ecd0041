package org.sipladder.source;

import java.util.List;
import java.util.Map;
import org.sipladder.capture.CaptureSummary;

/**
 * What reading several files as one found beyond the messages themselves.
 *
 * @param files        the files with the clock corrections used
 * @param summary      the read as a whole (frames numbered in merge order)
 * @param observations every observation point of the messages seen by more than one file, by merged frame
 * @param duplicates   messages left out because another file had already delivered them
 * @param shared       for each file, how many of its messages another file saw too
 */
public record MergedCapture(CaptureFiles files, CaptureSummary summary, Map<Long, List<Observation>> observations,
                            long duplicates, List<Long> shared) {

    public MergedCapture {
        observations = Map.copyOf(observations);
        shared = List.copyOf(shared);
    }

    /** Where the message of merged frame {@code frame} was seen, when more than one file saw it; else empty. */
    public List<Observation> seen(long frame) {
        return observations.getOrDefault(frame, List.of());
    }
}
