package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.media.PayloadType;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_CODEC_MISMATCH: RTP carries a payload type the receiver's SDP did not list, so the receiver cannot decode
 * it (silence or noise). Comfort noise alone is information: the receiver plays silence in the pauses instead.
 * RFC 4733 telephone-events under such a type ({@link RtpStream#eventPayloadType}) are digits, not audio: the receiver
 * drops them, so keys are lost but nothing is heard; toward a LiveKit that negotiated no telephone-event that is
 * LK_DTMF_NOT_NEGOTIATED's to tell, and this finding only points there.
 */
final class MediaCodecMismatchCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_CODEC_MISMATCH;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachStream(context, (c, leg, to, s) -> check(leg, to, s));
    }

    private static Finding check(MediaLeg leg, MediaParty to, RtpStream s) {
        SdpAnnouncement sdp = to.sdpAt(s.firstFrame());
        if (sdp == null || sdp.payloadTypes().isEmpty()) {
            return null;
        }
        List<Integer> unknown = s.payloadTypes().stream().filter(pt -> sdp.payloadType(pt) == null).toList();
        if (unknown.size() == 1 && unknown.get(0) == s.eventPayloadType()) {
            return digits(leg, to, s, sdp);
        }
        return unknown.isEmpty() ? null : finding(leg, to, s, sdp, unknown);
    }

    /** The finding about telephone-events, and nothing else, under a type {@code sdp} of the receiver did not list. */
    private static Finding digits(MediaLeg leg, MediaParty to, RtpStream s, SdpAnnouncement sdp) {
        String toName = to.name(sdp);
        String fromName = MediaLeg.senderName(leg.other(to), s);
        int pt = s.eventPayloadType();
        boolean noEvents = sdp.payloadTypes().stream().noneMatch(PayloadType::telephoneEvent);
        // LK_DTMF_NOT_NEGOTIATED tells the same digits lost, with LiveKit's reasons and the fix: say it once
        boolean pointed = noEvents && to.isLiveKit(sdp);
        String why = fromName + " sends RFC 4733 telephone-events (" + s.stats().telephoneEvents() + " packets"
                + (s.dtmf().isEmpty() ? "" : ", digits " + s.dtmf()) + ") under payload type " + pt + ", which "
                + toName + " did not list in its SDP (" + sdp.mediaLine() + "): they are key presses, not audio, so "
                + "nothing is heard of them, but " + toName + " ignores a payload type it did not negotiate (RFC 3550 "
                + "5.1) and the digits are lost"
                + (pointed ? " (see " + FindingCode.LK_DTMF_NOT_NEGOTIATED + " of this call)." : ".");
        String fix = pointed ? "See " + FindingCode.LK_DTMF_NOT_NEGOTIATED + ": offer telephone-event/8000 to "
                + toName + " so that the events are negotiated."
                : "Make " + fromName + " send telephone-events under the type " + toName + "'s SDP gives them"
                + (noEvents ? " (it names none: offer a=rtpmap:<pt> telephone-event/8000)" : "") + ".";
        return new Finding(CODE, pointed ? Severity.INFO : CODE.severity(), CODE.title(toName, "type " + pt), why,
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame(), sdp.frame()), List.of(), List.of("RTP "
                        + MediaLeg.describe(s) + " carries payload types " + s.payloadTypes() + ", " + pt
                        + " with telephone-events", toName + " accepts only " + sdp.payloadTypes() + ": "
                        + MediaLeg.sdpFact(sdp))),
                Findings.fix(List.of(fix), List.of(), null));
    }

    private static Finding finding(MediaLeg leg, MediaParty to, RtpStream s, SdpAnnouncement sdp,
                                   List<Integer> unknown) {
        MediaParty from = leg.other(to);
        String toName = to.name(sdp);
        String fromName = MediaLeg.senderName(from, s);
        List<String> facts = List.of("RTP " + MediaLeg.describe(s) + " carries payload types " + s.payloadTypes(),
                toName + " accepts only " + sdp.payloadTypes() + ": " + MediaLeg.sdpFact(sdp));
        // comfort noise fills the sender's pauses: not decoding it costs background noise, no speech
        boolean comfortNoise = unknown.stream().allMatch(pt -> pt == MediaLeg.COMFORT_NOISE);
        String numbers = unknown.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
        String types = (unknown.size() == 1 ? "type " : "types ") + numbers;
        String title = CODE.title(toName, types);
        String why = comfortNoise ? fromName + " sends comfort noise (RFC 3389, payload type 13) in its pauses, "
                + "which " + toName + " did not list in its SDP (" + sdp.mediaLine() + "): a receiver ignores payload "
                + "types it did not negotiate (RFC 3550 5.1) and plays silence in those pauses instead of background "
                + "noise; the speech is not affected."
                : fromName + " sends payload " + types + " that " + toName + " did not list in its SDP ("
                + sdp.mediaLine() + "): it cannot decode them, so that audio is lost or heard as noise.";
        String fix = comfortNoise ? "Make " + fromName + " send comfort noise only where the SDP negotiated it "
                + "(a=rtpmap:13 CN/8000), or add CN to " + toName + "'s codecs."
                : "Make " + fromName + " send only the codecs of the answer (" + sdp.mediaLine() + "), or add the "
                + "codec to " + toName + "'s allowed codecs so that it is negotiated; a dynamic type (96-127) must "
                + "use the number the receiver's a=rtpmap gave it.";
        return new Finding(CODE, comfortNoise ? Severity.INFO : CODE.severity(), title, why,
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame(), sdp.frame()), List.of(), facts),
                Findings.fix(List.of(fix), List.of(), null));
    }
}
