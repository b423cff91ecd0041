package org.sipladder.media;

import java.nio.file.Path;
import java.util.List;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.MediaListener;
import org.sipladder.capture.SipPayload;
import org.sipladder.testkit.Captures;

/** Reads a test capture for its media, as the command line does. */
final class MediaRead {

    private MediaRead() {
    }

    static CaptureMedia of(Captures capture, Path dir) throws CaptureException {
        MediaCollector collector = new MediaCollector();
        read(capture, dir, collector);
        return collector.result();
    }

    /** Reads {@code capture} into {@code collector}; the warnings of the read. */
    static List<String> read(Captures capture, Path dir, MediaCollector collector) throws CaptureException {
        return into(capture.write(dir.resolve("media.pcap")), collector);
    }

    /** Reads {@code file} for its media into {@code collector}, without asking for the result; the read's warnings. */
    static List<String> into(Path file, MediaCollector collector) throws CaptureException {
        return new CaptureReader().read(file, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                // only the media matters here
            }

            @Override
            public MediaListener media() {
                return collector;
            }
        }).warnings();
    }
}
