package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_DTMF_NO_MARKER: RFC 4733 digits whose first packet lacks the marker bit (RFC 4733 2.5.1.2 asks for it).
 * LiveKit SIP has been reported to drop such digits (livekit/sip issue 585, livekit-inbound-routing.md section 8):
 * until livekit/sip #742 (July 2026) it took an event only from a packet with the marker bit; since then it tells
 * events apart by their RTP timestamp (pkg/sip/media_pipeline.go, dtmfHandler) and takes them. Current LiveKit, and
 * most other receivers, take such digits, and the capture cannot tell an older build, so it is information: the
 * sender is still not RFC 4733-compliant, and a release before #742 would lose the digits.
 */
final class MediaDtmfMarkerCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_DTMF_NO_MARKER;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachStream(context, (c, leg, to, s) -> check(leg, to, s));
    }

    private static Finding check(MediaLeg leg, MediaParty to, RtpStream s) {
        if (s.dtmfWithoutMarker() == 0) {
            return null;
        }
        SdpAnnouncement sdp = to.sdpAt(s.firstFrame());
        boolean liveKit = to.isLiveKit(sdp);
        String toName = to.name(sdp);
        String fromName = MediaLeg.senderName(leg.other(to), s);
        int digits = s.dtmf().length();
        int unmarked = s.dtmfWithoutMarker();
        String facts = "RTP " + MediaLeg.describe(s) + ": digits " + s.dtmf() + ", " + unmarked + " of them without "
                + "the marker bit on their first packet";
        return new Finding(CODE, Severity.INFO, CODE.title(toName, unmarked, digits),
                fromName + " sends RFC 4733 telephone-events whose first packet lacks the marker bit, which RFC 4733 "
                        + "(2.5.1.2) asks for on the first packet of each event. "
                        + (liveKit ? "LiveKit SIP has been reported to drop such digits (livekit/sip issue 585): "
                        + "releases before livekit/sip #742 (July 2026) take an event only from a marked packet, so "
                        + "with them the agent may not get the digits, and menus or PIN entry fail although the caller "
                        + "pressed the keys; newer releases tell events apart by their RTP timestamp and take them."
                        : toName + " may take them for the continuation of an earlier event and miss a digit, "
                        + "most of all a key pressed twice."),
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame()), List.of(), List.of(facts)),
                Findings.fix(List.of("Make " + fromName + " set the marker bit on the first packet of each "
                        + "telephone-event (its DTMF or RFC 2833/4733 settings, or a firmware update), or have the "
                        + "media server between it and " + toName + " regenerate the events instead of relaying "
                        + "them unchanged."), List.of(), null));
    }
}
