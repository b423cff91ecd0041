package org.sipladder.ui.load;

import java.nio.file.Path;
import java.util.List;
import org.sipladder.media.CaptureMedia;
import org.sipladder.flow.CallFlow;

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
 * @param media        the RTP streams read with the calls ({@link CaptureMedia#none()} when not read)
 */
public record LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled,
                            long packets, long firstMicros, long lastMicros, CaptureMedia media) {

    public LoadedCapture {
        flows = List.copyOf(flows);
        warnings = List.copyOf(warnings);
        media = media == null ? CaptureMedia.none() : media;
    }

    /** A result without media (loaders that do not read RTP). */
    public LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled,
                         long packets, long firstMicros, long lastMicros) {
        this(file, flows, messageCount, warnings, cancelled, packets, firstMicros, lastMicros, CaptureMedia.none());
    }

    /** A result without packet counts and times (loaders that do not know them). */
    public LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled) {
        this(file, flows, messageCount, warnings, cancelled, 0, 0, 0, CaptureMedia.none());
    }
}
