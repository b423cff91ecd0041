package org.sipladder.ui.main;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.LiveFeed;

/**
 * A capture to open and how to present it.
 *
 * @param path           where to read it (the first file of several)
 * @param displayName    what the title bar shows
 * @param remember       whether it belongs in the recent-files list (not for the bundled demo's temp copy)
 * @param files          all files to read as one capture, with their clock corrections
 * @param estimateClocks whether the clock corrections are to be estimated from the messages the files share
 * @param live           a live source (interface, HEP listener) writing to {@code path}, or null for files
 * @param liveCallLimit  the most calls shown while the live source runs (0 for files)
 */
public record CaptureSource(Path path, String displayName, boolean remember, CaptureFiles files,
                            boolean estimateClocks, LiveFeed live, int liveCallLimit) {

    /** One file. */
    public CaptureSource(Path path, String displayName, boolean remember) {
        this(path, displayName, remember, CaptureFiles.of(path), false, null, 0);
    }

    /** Several files, or one. */
    public CaptureSource(Path path, String displayName, boolean remember, CaptureFiles files, boolean estimateClocks) {
        this(path, displayName, remember, files, estimateClocks, null, 0);
    }

    /** What a live source receives, at most {@code callLimit} calls, shown as it arrives; afterwards the file it wrote. */
    public static CaptureSource live(LiveFeed feed, int callLimit) {
        return new CaptureSource(feed.file(), feed.describe(), false, CaptureFiles.of(feed.file()), false, feed,
                callLimit);
    }

    public static CaptureSource file(Path path) {
        return new CaptureSource(path, name(path), true);
    }

    /** Several files as one capture, clocks estimated; one file as {@link #file}. */
    public static CaptureSource files(List<Path> paths) {
        if (paths.size() == 1) {
            return file(paths.get(0));
        }
        return new CaptureSource(paths.get(0), paths.stream().map(CaptureSource::name).collect(Collectors.joining(" + ")),
                false, CaptureFiles.of(paths), true);
    }

    /** The same files with clock corrections set by hand. */
    public CaptureSource withOffsets(List<Long> offsetsMicros) {
        return new CaptureSource(path, displayName, remember, files.withOffsets(offsetsMicros), false);
    }

    private static String name(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }
}
