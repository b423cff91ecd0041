package org.sipladder.report;

import java.util.Collections;
import java.util.List;
import org.sipladder.media.CaptureMedia;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * Everything a findings report shows, already analysed.
 *
 * @param captureName  file name of the capture
 * @param packets      packets in the capture
 * @param firstMicros  capture time of the first packet (microseconds since the epoch), 0 when unknown
 * @param lastMicros   capture time of the last packet, 0 when unknown
 * @param flows        the calls in the capture, read in passes over them all (counts, hops) and for the reported
 *                     calls; not copied, as the desktop app hands over a list that assembles each call when read
 *                     (a large capture's calls assembled at once would not fit its memory): give a list nobody
 *                     changes
 * @param findings     the diagnosis, primary causes first
 * @param routings     per INVITE that reached LiveKit: the trunk and dispatch rule it matched
 * @param config       the LiveKit trunks and dispatch rules the diagnosis used (empty when none was given)
 * @param media        the capture's RTP streams ({@link CaptureMedia#none()} when media was not read)
 */
public record ReportInput(String captureName, long packets, long firstMicros, long lastMicros, List<CallFlow> flows,
                          List<Finding> findings, List<LiveKitRouting> routings, LiveKitConfig config,
                          CaptureMedia media) {

    public ReportInput {
        flows = Collections.unmodifiableList(flows);
        findings = List.copyOf(findings);
        routings = List.copyOf(routings);
        media = media == null ? CaptureMedia.none() : media;
    }

    /** Without media: the report has no streams to show. */
    public ReportInput(String captureName, long packets, long firstMicros, long lastMicros, List<CallFlow> flows,
                       List<Finding> findings, List<LiveKitRouting> routings, LiveKitConfig config) {
        this(captureName, packets, firstMicros, lastMicros, flows, findings, routings, config, CaptureMedia.none());
    }
}
