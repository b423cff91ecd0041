package org.sipladder.source;

import java.nio.file.Path;
import java.util.List;

/**
 * The capture files that one loaded capture was read from, merged on one timeline, each with the correction
 * added to its clock (microseconds). Its frames are numbered in merge order (see {@link PacketMerge}); with one
 * file and no correction they are that file's own frame numbers.
 *
 * @param files         the files, the reference clock first
 * @param offsetsMicros the correction of each file's clock, 0 for the first
 */
public record CaptureFiles(List<Path> files, List<Long> offsetsMicros) {

    public CaptureFiles {
        files = List.copyOf(files);
        offsetsMicros = List.copyOf(offsetsMicros);
        if (files.isEmpty() || files.size() != offsetsMicros.size()) {
            throw new IllegalArgumentException("one clock correction per file, and at least one file");
        }
    }

    /** One file, as it is. */
    public static CaptureFiles of(Path file) {
        return new CaptureFiles(List.of(file), List.of(0L));
    }

    /** Several files with uncorrected clocks. */
    public static CaptureFiles of(List<Path> files) {
        return new CaptureFiles(files, files.stream().map(f -> 0L).toList());
    }

    /** The same files with {@code offsets} as the clock corrections. */
    public CaptureFiles withOffsets(List<Long> offsets) {
        return new CaptureFiles(files, offsets);
    }

    public boolean single() {
        return files.size() == 1;
    }
}
