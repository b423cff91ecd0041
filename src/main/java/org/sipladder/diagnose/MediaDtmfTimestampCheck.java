package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_DTMF_TIMESTAMP_MOVED: RFC 4733 events whose sender gives one key press several RTP timestamps, the key and
 * the growing duration unchanged ({@link RtpStream#dtmfMovedTimestamps}). RFC 4733 2.5 keeps one timestamp for all
 * packets of an event, and receivers tell events apart by it: livekit/sip since #742 ({@code MediaPort.dtmfHandler},
 * pkg/sip/media_pipeline.go) fires a digit for every new timestamp and ignores the marker bit, so the agent, or
 * LiveKit's PIN prompt, gets the key once per timestamp, and a PIN or menu choice comes out wrong. Setting the marker
 * bit changes nothing there: the timestamps are the fix.
 */
final class MediaDtmfTimestampCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_DTMF_TIMESTAMP_MOVED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachStream(context, (c, leg, to, s) -> check(leg, to, s));
    }

    private static Finding check(MediaLeg leg, MediaParty to, RtpStream s) {
        int moved = s.dtmfMovedTimestamps();
        if (moved == 0) {
            return null;
        }
        SdpAnnouncement sdp = to.sdpAt(s.firstFrame());
        String toName = to.name(sdp);
        String fromName = MediaLeg.senderName(leg.other(to), s);
        int digits = s.dtmf().length();
        int presses = digits - moved;
        String receiver = to.isLiveKit(sdp) ? "LiveKit fires a digit for every new timestamp (livekit/sip "
                + "MediaPort.dtmfHandler, pkg/sip/media_pipeline.go, since #742; it ignores the marker bit), so the "
                + "agent or the PIN prompt gets " + digits + " digits (" + s.dtmf() + ") for " + presses
                + (presses == 1 ? " key press" : " key presses") + ", and a PIN or menu choice comes out wrong."
                : toName + ", like most receivers, tells events apart by their timestamp and may read " + digits
                + " digits (" + s.dtmf() + ") for " + presses + (presses == 1 ? " key press." : " key presses.");
        return new Finding(CODE, CODE.severity(), CODE.title(toName, digits, presses),
                fromName + " gives one key press several RTP timestamps: packets that go on with the same key, their "
                        + "duration still growing from the event's start, carry a new timestamp each, where RFC 4733 "
                        + "(2.5) keeps one timestamp for every packet of an event. " + receiver,
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame()), List.of(), List.of("RTP " + MediaLeg.describe(s)
                        + ": digits " + s.dtmf() + ", " + moved + " of them a new timestamp within the key press "
                        + "before")),
                Findings.fix(List.of("Make " + fromName + " keep the event's first RTP timestamp on every packet of "
                        + "a key press, its end packets included, as RFC 4733 asks (its DTMF or RFC 2833/4733 "
                        + "settings, or a firmware update), or have the media server between it and " + toName
                        + " regenerate the events; the marker bit does not change how LiveKit counts them."),
                        List.of(), null));
    }
}
