package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_DTMF_NO_MARKER: RFC 4733 digits whose first packet lacks the marker bit (RFC 4733 2.5.1.3 asks for it).
 * LiveKit SIP has been reported to drop such digits (livekit/sip issue 585, livekit-inbound-routing.md section 8),
 * so toward LiveKit the agent may never get them; other receivers mostly cope, and are told as information.
 */
final class MediaDtmfMarkerCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_DTMF_NO_MARKER;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachStream(context, MediaDtmfMarkerCheck::check);
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
        return new Finding(CODE, liveKit ? CODE.severity() : Severity.INFO, CODE.title(toName, unmarked, digits),
                fromName + " sends RFC 4733 telephone-events whose first packet lacks the marker bit, which RFC 4733 "
                        + "(2.5.1.3) asks for on the first packet of each event. "
                        + (liveKit ? "LiveKit SIP has been reported to drop such digits (livekit/sip issue 585): the "
                        + "agent may not get them, and menus or PIN entry fail although the caller pressed the keys."
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
