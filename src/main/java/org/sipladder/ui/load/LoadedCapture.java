package org.sipladder.ui.load;

import java.nio.file.Path;
import java.util.List;
import org.sipladder.media.CaptureMedia;
import org.sipladder.flow.CallFlow;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.MergedCapture;

/**
 * The result of reading a capture.
 *
 * @param file         the capture
 * @param flows        call flows found, in order of their first message
 * @param messageCount SIP messages read
 * @param warnings     problems that did not stop the read
 * @param cancelled    true when the user stopped the read before the end of the file
 * @param packets      packets read
 * @param firstMicros  time of the first packet, 0 when unknown
 * @param lastMicros   time of the last packet, 0 when unknown
 * @param merged       for several files read as one: the files, their clock corrections and where each message
 *                     was seen; null for one file
 * @param media        the RTP streams read with the calls ({@link CaptureMedia#none()} when not read)
 */
public record LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled,
                            long packets, long firstMicros, long lastMicros, MergedCapture merged, CaptureMedia media) {

    public LoadedCapture {
        flows = List.copyOf(flows);
        warnings = List.copyOf(warnings);
        media = media == null ? CaptureMedia.none() : media;
    }

    /** A result of one file without media (loaders that do not read RTP). */
    public LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled,
                         long packets, long firstMicros, long lastMicros) {
        this(file, flows, messageCount, warnings, cancelled, packets, firstMicros, lastMicros, null, CaptureMedia.none());
    }

    /** The files the frames of this capture are numbered in (for saving calls). */
    public CaptureFiles files() {
        return merged == null ? CaptureFiles.of(file) : merged.files();
    }

    /** A result without packet counts and times (loaders that do not know them). */
    public LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled) {
        this(file, flows, messageCount, warnings, cancelled, 0, 0, 0, null, CaptureMedia.none());
    }
}
