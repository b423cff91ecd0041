package org.sipladder.media;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The media of one capture: every RTP stream with its statistics and series, the SDP announcements, RTCP
 * reports, and which leg (Call-ID) each stream belongs to. Made by {@link MediaCollector#result()}.
 */
public final class CaptureMedia {

    private final List<RtpStream> streams;
    private final List<SdpAnnouncement> announcements;
    private final List<RtcpReport> rtcp;
    private final long rtpPackets;
    private final long rtcpPackets;
    private final Map<String, List<RtpStream>> streamsByCallId = new HashMap<>();
    private final Map<String, List<SdpAnnouncement>> announcementsByCallId = new HashMap<>();

    CaptureMedia(List<RtpStream> streams, List<SdpAnnouncement> announcements, List<RtcpReport> rtcp, long rtpPackets,
                 long rtcpPackets) {
        this.streams = List.copyOf(streams);
        this.announcements = List.copyOf(announcements);
        this.rtcp = List.copyOf(rtcp);
        this.rtpPackets = rtpPackets;
        this.rtcpPackets = rtcpPackets;
        for (RtpStream s : this.streams) {
            if (s.callId() != null) {
                streamsByCallId.computeIfAbsent(s.callId(), k -> new ArrayList<>()).add(s);
            }
        }
        for (SdpAnnouncement a : this.announcements) {
            if (a.callId() != null) {
                announcementsByCallId.computeIfAbsent(a.callId(), k -> new ArrayList<>()).add(a);
            }
        }
    }

    /** Nothing: for callers that did not analyse media. */
    public static CaptureMedia none() {
        return new CaptureMedia(List.of(), List.of(), List.of(), 0, 0);
    }

    /** Every stream, in the order their first packets arrived. */
    public List<RtpStream> streams() {
        return streams;
    }

    /** Every RTP section of every SDP, in capture order. */
    public List<SdpAnnouncement> announcements() {
        return announcements;
    }

    /** RTCP sender and receiver reports, in capture order. */
    public List<RtcpReport> rtcpReports() {
        return rtcp;
    }

    public long rtpPackets() {
        return rtpPackets;
    }

    public long rtcpPackets() {
        return rtcpPackets;
    }

    /** The streams bound to the leg with this Call-ID, in order of their first packet. */
    public List<RtpStream> streamsOf(String callId) {
        return streamsByCallId.getOrDefault(callId, List.of());
    }

    /** The streams bound to any of these legs (a call's Call-IDs), in order of their first packet. */
    public List<RtpStream> streamsOf(Collection<String> callIds) {
        Set<String> ids = new HashSet<>(callIds);
        return streams.stream().filter(s -> s.callId() != null && ids.contains(s.callId())).toList();
    }

    /** The SDP sections of the leg with this Call-ID, in capture order (offers and answers, re-INVITEs). */
    public List<SdpAnnouncement> announcementsOf(String callId) {
        return announcementsByCallId.getOrDefault(callId, List.of());
    }

    /** The media of one leg: its SDP and its streams. */
    public LegMedia leg(String callId) {
        return new LegMedia(callId, announcementsOf(callId), streamsOf(callId));
    }

    /** The RTCP reports sent about, or by, the source {@code ssrc}. */
    public List<RtcpReport> rtcpAbout(long ssrc) {
        return rtcp.stream().filter(r -> r.senderSsrc() == ssrc
                || r.blocks().stream().anyMatch(b -> b.ssrc() == ssrc)).toList();
    }

    /** Which packets carry the media of these legs: for saving a call with its RTP and RTCP. */
    public MediaSelection selection(Collection<String> callIds) {
        return new MediaSelection(streamsOf(callIds));
    }
}
