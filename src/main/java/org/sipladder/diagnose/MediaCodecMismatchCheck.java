package org.sipladder.diagnose;

import java.util.List;
import java.util.Locale;
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
        if (unknown.isEmpty()) {
            return null;
        }
        SdpAnnouncement[] kept = liveKitKept(leg, to, s, unknown);
        return kept != null ? keptByLiveKit(leg, to, s, unknown, kept[0], kept[1]) : finding(leg, to, s, sdp, unknown);
    }

    /**
     * The sender's re-INVITE offer (after the leg's answer, before the stream's last packet) that listed every one of
     * {@code unknown}, and LiveKit's 2xx answer to it that listed none; null when there is no such pair. LiveKit
     * answers every re-INVITE with its first answer's SDP and takes no new codec from it (livekit/sip inbound.go
     * processInvite: AcceptAsKeepAlive, updateRemoteFromSDP), and its RTP mux decodes only the payload type negotiated
     * first (media_pipeline.go: any other goes to the mux's default handler, counted and dropped).
     */
    private static SdpAnnouncement[] liveKitKept(MediaLeg leg, MediaParty to, RtpStream s, List<Integer> unknown) {
        if (leg.answer == null) {
            return null;
        }
        for (SdpAnnouncement offer : leg.other(to).sdp()) {
            if (!offer.isRequest() || !"INVITE".equals(offer.method()) || offer.frame() <= leg.answer.frame()
                    || offer.micros() > s.lastMicros() || !unknown.stream().allMatch(pt -> offer.payloadType(pt) != null)) {
                continue;
            }
            for (SdpAnnouncement answer : to.sdp()) {
                if (!answer.isRequest() && answer.status() >= 200 && answer.status() < 300 && answer.frame() > offer.frame()
                        && answer.cseq() == offer.cseq() && answer.callId().equals(offer.callId()) && to.isLiveKit(answer)
                        && unknown.stream().noneMatch(pt -> answer.payloadType(pt) != null)) {
                    return new SdpAnnouncement[] {offer, answer};
                }
            }
        }
        return null;
    }

    /**
     * RTP in a codec the sender offered in a re-INVITE that LiveKit answered with the call's first codecs: LiveKit's
     * way with every re-INVITE, not its codec settings (it takes PCMU, PCMA and G722 by default), so adding the codec
     * to LiveKit would change nothing. SIP_NO_COMMON_CODEC tells the re-INVITE when it offered none of the call's.
     */
    private static Finding keptByLiveKit(MediaLeg leg, MediaParty to, RtpStream s, List<Integer> unknown,
                                         SdpAnnouncement offer, SdpAnnouncement answer) {
        String toName = to.name(answer);
        String fromName = MediaLeg.senderName(leg.other(to), s);
        List<String> sent = unknown.stream().map(pt -> pt + " (" + name(offer.payloadType(pt)) + ")").toList();
        List<String> kept = audio(answer);
        List<String> offered = audio(offer);
        String was = String.join(", ", kept);
        String types = (unknown.size() == 1 ? "type " : "types ") + String.join(", ", sent);
        boolean byDefault = unknown.stream().allMatch(pt -> NoCommonCodecCheck.LIVEKIT_CODECS.contains(
                name(offer.payloadType(pt))));
        boolean noneKept = offered.stream().noneMatch(kept::contains);
        String why = fromName + " sends payload " + types + ", which it offered in its re-INVITE (frame " + offer.frame()
                + "), and LiveKit answered that re-INVITE (frame " + answer.frame() + ") with the SDP of its first answer ("
                + was + "): " + NoCommonCodecCheck.LIVEKIT_REINVITE + ". The call stays on " + was + " at LiveKit, "
                + "whose RTP pipeline decodes only that audio payload type (livekit/sip media_pipeline.go; any other is "
                + "counted and dropped), so this audio is lost: the agent hears nothing of it."
                + (byDefault ? " The codec is not missing from LiveKit's codecs (it takes PCMU, PCMA and G722 by "
                + "default): the codec change mid-call is what fails." : "")
                + (noneKept ? " See " + NoCommonCodecCheck.CODE + " of this call about the re-INVITE." : "");
        List<String> facts = List.of("RTP " + MediaLeg.describe(s) + " carries payload types " + s.payloadTypes(),
                "re-INVITE offer (frame " + offer.frame() + ") from " + fromName + ": " + offer.mediaLine(),
                toName + "'s answer (frame " + answer.frame() + "): " + MediaLeg.sdpFact(answer)
                        + ", the codecs of its first answer");
        // nothing else decodable reached LiveKit meanwhile: the agent hears nothing from here on, the media failed
        Severity severity = droppedByLiveKit(leg, to, s, answer) ? Severity.ERROR : CODE.severity();
        return new Finding(CODE, severity, CODE.title(toName, types), why, leg.leg.callId(), leg.flow.id(),
                false, Findings.evidence(List.of(s.firstFrame(), offer.frame(), answer.frame()), List.of(), facts),
                Findings.fix(List.of(NoCommonCodecCheck.keepTheCallsCodec(was, fromName)), List.of(), null));
    }

    /**
     * True when {@code to} is LiveKit and {@code s} carries no audio it decodes (only types its answer {@code sdp} did
     * not list, besides telephone-events and comfort noise), and no other RTP toward it while {@code s} ran does:
     * then LiveKit drops all of the caller's audio (media_pipeline.go registers only the answer's audio type).
     */
    private static boolean droppedByLiveKit(MediaLeg leg, MediaParty to, RtpStream s, SdpAnnouncement sdp) {
        if (!to.isLiveKit(sdp) || decodable(s, sdp)) {
            return false;
        }
        for (RtpStream other : leg.toward(to)) {
            if (other != s && other.lastMicros() > s.firstMicros() && other.firstMicros() < s.lastMicros()
                    && decodable(other, sdp)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} carries a payload type that {@code sdp} lists as audio (not telephone-event or CN). */
    private static boolean decodable(RtpStream s, SdpAnnouncement sdp) {
        for (int pt : s.payloadTypes()) {
            PayloadType p = sdp.payloadType(pt);
            if (p != null && !p.telephoneEvent() && pt != MediaLeg.COMFORT_NOISE && !"CN".equalsIgnoreCase(p.encoding())) {
                return true;
            }
        }
        return false;
    }

    /** The audio codecs {@code a} lists by name, telephone-events and comfort noise left out. */
    private static List<String> audio(SdpAnnouncement a) {
        return a.payloadTypes().stream().filter(p -> !p.telephoneEvent() && p.number() != MediaLeg.COMFORT_NOISE
                && !"CN".equalsIgnoreCase(p.encoding())).map(MediaCodecMismatchCheck::name).distinct().toList();
    }

    /** The codec's name in upper case, or "type N" when neither an rtpmap nor the static table names it. */
    private static String name(PayloadType p) {
        return p.encoding() == null ? "type " + p.number() : p.encoding().toUpperCase(Locale.ROOT);
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
        boolean dropped = !comfortNoise && droppedByLiveKit(leg, to, s, sdp);
        if (dropped) {
            why = fromName + " sends payload " + types + " that " + toName + " did not list in its answer ("
                    + sdp.mediaLine() + "), and no audio in a type it lists: LiveKit's RTP pipeline decodes only its answer's audio "
                    + "type and telephone-events, and counts and drops every other (livekit/sip media_pipeline.go), "
                    + "so the agent hears nothing of the caller, though the RTP arrives and keeps LiveKit's media "
                    + "timeout from ending the call. An offerer must send in a codec of the answer (RFC 3264 5.1).";
        }
        String fix = comfortNoise ? "Make " + fromName + " send comfort noise only where the SDP negotiated it "
                + "(a=rtpmap:13 CN/8000), or add CN to " + toName + "'s codecs."
                : "Make " + fromName + " send only the codecs of the answer (" + sdp.mediaLine() + "), or add the "
                + "codec to " + toName + "'s allowed codecs so that it is negotiated; a dynamic type (96-127) must "
                + "use the number the receiver's a=rtpmap gave it.";
        return new Finding(CODE, comfortNoise ? Severity.INFO : dropped ? Severity.ERROR : CODE.severity(), title, why,
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame(), sdp.frame()), List.of(), facts),
                Findings.fix(List.of(fix), List.of(), null));
    }
}
