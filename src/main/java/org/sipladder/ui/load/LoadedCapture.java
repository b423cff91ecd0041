package org.sipladder.ui.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.media.CaptureMedia;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallSummary;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.MergedCapture;

/**
 * The result of reading a capture.
 *
 * @param file         the capture
 * @param calls        the calls found, in order of their first message, as summaries; a capture read from a file
 *                     holds no assembled call, each is assembled when asked for ({@link CallSummary#flow})
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
public record LoadedCapture(Path file, List<CallSummary> calls, long messageCount, List<String> warnings,
                            boolean cancelled, long packets, long firstMicros, long lastMicros, MergedCapture merged,
                            CaptureMedia media) {

    public LoadedCapture {
        calls = List.copyOf(calls);
        warnings = List.copyOf(warnings);
        media = media == null ? CaptureMedia.none() : media;
    }

    /** A result of one file without media, from flows already assembled (loaders that do not read RTP). */
    public LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled,
                         long packets, long firstMicros, long lastMicros) {
        this(file, flows.stream().map(CallSummary::of).toList(), messageCount, warnings, cancelled, packets,
                firstMicros, lastMicros, null, CaptureMedia.none());
    }

    /** A result without packet counts and times, from flows already assembled (loaders that do not know them). */
    public LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled) {
        this(file, flows, messageCount, warnings, cancelled, 0, 0, 0);
    }

    /** This result with {@code earlier} (what a live source warned of while it ran) before its own warnings. */
    public LoadedCapture withEarlierWarnings(List<String> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(earlier);
        all.addAll(warnings);
        return new LoadedCapture(file, calls, messageCount, all, cancelled, packets, firstMicros, lastMicros, merged,
                media);
    }

    /**
     * Every call, each assembled when read and not kept (see {@link CallSummary#flows}): for a pass over all of
     * them. Hold on to an element only as long as it is used.
     */
    public List<CallFlow> flows() {
        return CallSummary.flows(calls);
    }

    /** The files the frames of this capture are numbered in (for saving calls). */
    public CaptureFiles files() {
        return merged == null ? CaptureFiles.of(file) : merged.files();
    }
}
