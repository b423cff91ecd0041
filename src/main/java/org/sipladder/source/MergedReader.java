package org.sipladder.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.CaptureSummary;
import org.sipladder.capture.PacketFeed;

/**
 * Reads the files of a {@link CaptureFiles} as one capture: one file with {@link CaptureReader} (on two threads,
 * messages pointing into the file), several through {@link PacketMerge} into one {@link PacketFeed} with each
 * message passed on once ({@link Deduplication}), frames numbered as {@link CallSaver} numbers them.
 */
public final class MergedReader {

    private static final int CANCEL_CHECK_EVERY = 1024;

    public MergedCapture read(CaptureFiles files, CaptureListener listener) throws CaptureException {
        if (files.single() && files.offsetsMicros().get(0) == 0) {
            return new MergedCapture(files, new CaptureReader().read(files.files().get(0), listener), Map.of(), 0,
                    List.of(0L));
        }
        Deduplication once = new Deduplication(listener, files.files().size());
        PacketFeed feed = new PacketFeed(once);
        boolean cancelled = false;
        List<String> warnings = new ArrayList<>();
        try (PacketMerge merge = new PacketMerge(files)) {
            PacketMerge.Visitor onPacket = (frame, file, originalFrame, linkType, originalMicros, micros, a, off,
                    len) -> {
                once.at(file, originalFrame, originalMicros);
                feed.frame(linkType, micros, a, off, len);
            };
            while (merge.next(onPacket)) {
                if (feed.frames() % CANCEL_CHECK_EVERY == 0 && listener.cancelled()) {
                    cancelled = true;
                    break;
                }
            }
            feed.finish();
            warnings.addAll(merge.warnings());
            warnings.forEach(listener::warning);
        } catch (IOException e) {
            throw new CaptureException(files.files().get(0) + ": cannot be read (" + e.getMessage() + ")", e);
        }
        boolean truncated = !warnings.isEmpty();
        warnings.addAll(feed.warnings());
        CaptureSummary summary = new CaptureSummary(files.files().get(0), feed.frames(), 0, feed.firstMicros(),
                feed.lastMicros(), feed.payloads() - once.duplicates(), warnings, truncated, cancelled,
                feed.tlsPackets(), feed.tlsPorts());
        return new MergedCapture(files, summary, once.observations(), once.duplicates(), once.shared());
    }
}
