package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.media.RtpStream;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;

/**
 * LK_DTMF_NOT_NEGOTIATED: an answered call to LiveKit whose SDP answer names no telephone-event, because the offer had
 * none, had it only at another rate or spelling than telephone-event/8000, or LiveKit left it out ({@link
 * LiveKitDtmf}). LiveKit then takes no DTMF at all on the call. A warning when the capture shows the caller trying
 * (INFO with DTMF, or telephone-events in the RTP to LiveKit under a payload type it did not negotiate); otherwise
 * information: digits sent in-band, as tones in the audio, cannot be seen in packet headers, so the capture can
 * neither show nor rule them out. Also a warning when a PIN dispatch rule won the call ({@link PinPromptCheck}): the
 * PIN can only come as DTMF, so the caller is stuck at the prompt.
 */
final class DtmfNotNegotiatedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_DTMF_NOT_NEGOTIATED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>(0);
        for (CallFlow flow : context.flows()) {
            LiveKitDtmf call = flow.aLeg().isCall() ? LiveKitDtmf.of(context, flow) : null;
            if (call != null && !call.negotiated()) {
                findings.add(finding(context, flow, call));
            }
        }
        return findings;
    }

    private static Finding finding(DiagnosisContext context, CallFlow flow, LiveKitDtmf call) {
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(call.invite().frame(), call.answer().frame()));
        facts.add((call.outbound() ? "LiveKit's offer (frame " : "Offer (frame ") + call.invite().frame() + "): "
                + (call.offered().isEmpty() ? "no telephone-event" : String.join(", ", call.offered()))
                + (call.outbound() ? "; the answer (frame " : "; LiveKit's answer (frame ") + call.answer().frame() + "): "
                + (call.answered().isEmpty() ? "no telephone-event" : String.join(", ", call.answered())));
        int infos = 0;
        for (DialogRequests r : context.dialogRequests(flow, "INFO")) {
            if (LiveKitDtmf.dtmfInfo(context, flow, r.request())) {
                if (infos++ == 0) {
                    frames.add(r.request().frame());
                }
            }
        }
        if (infos > 0) {
            facts.add(infos + " INFO with DTMF sent to LiveKit, which refuses INFO (405)");
        }
        String liveKitMedia = mediaAddress(context.sdp(call.outbound() ? call.invite() : call.answer()));
        long events = 0;
        int eventType = -1;
        for (RtpStream s : context.media().streamsOf(call.invite().callId())) {
            if (s.stats().telephoneEvents() > 0 && s.key().dst().address().equals(liveKitMedia)) {
                events += s.stats().telephoneEvents();
                eventType = eventType < 0 ? s.eventPayloadType() : eventType;
                frames.add(s.firstFrame());
                facts.add("RTP " + MediaLeg.describe(s) + " carries " + s.stats().telephoneEvents()
                        + " telephone-event packets" + (s.dtmf().isEmpty() ? "" : " (digits " + s.dtmf() + ")")
                        + " under payload type " + s.eventPayloadType() + ", which LiveKit did not negotiate");
            }
        }
        boolean tried = infos > 0 || events > 0;
        if (call.outbound()) {
            return outbound(call, flow, tried, frames, facts);
        }
        String pinRule = PinPromptCheck.winningPinRule(context, flow);
        if (pinRule != null) {
            facts.add("PIN rule " + pinRule + " won the call: LiveKit waits for the PIN as DTMF");
        }
        String explanation = "LiveKit takes DTMF only as RFC 4733 telephone-events of the payload type its SDP answer "
                + "names, and names one only when the offer has exactly telephone-event/8000 (livekit/media-sdk "
                + "sdp/offer.go; other rates such as telephone-event/48000, or another spelling, are not read). On this "
                + "call " + call.gap() + ", so LiveKit takes no DTMF at all: its media port drops RTP of any other "
                + "payload type, and it refuses INFO. "
                + (tried ? "The capture shows the caller's side sending digits anyway"
                + (infos > 0 ? " (" + infos + " INFO)" : "") + (events > 0 ? (infos > 0 ? ", and" : "")
                + " as RFC 4733 telephone-events on payload type " + eventType + " (" + events + " packets), which "
                + "LiveKit's answer did not negotiate: its media pipeline hands only the negotiated telephone-event "
                + "type to its DTMF handler (livekit/sip pkg/sip/media_pipeline.go) and drops them" : "")
                + (pinRule == null ? ": the agent gets none of them." : ", so the PIN never arrives.")
                : "The capture shows no digits sent as INFO or telephone-events. That does not mean no key was "
                + "pressed: digits sent in-band, as tones in the audio, do not show in packet headers, and LiveKit does "
                + "not turn tones into DTMF events (the agent only hears them). If the caller pressed keys, play the "
                + "call's audio toward LiveKit (Streams tab) and listen for tones, and check the DTMF setting of the "
                + "carrier and of Jambonz.")
                + (pinRule == null ? "" : " PIN dispatch rule " + pinRule + " won this call, so LiveKit answered to "
                + "ask for a PIN that can only come as DTMF: the caller can never enter it, and the call stays at the "
                + "PIN prompt.");
        return new Finding(CODE, tried || pinRule != null ? CODE.severity() : Severity.INFO, CODE.title("reach", call.gap()), explanation,
                call.invite().callId(), flow.id(), false, Findings.evidence(frames, List.of(), facts),
                Findings.fix(List.of("Offer a=rtpmap:<pt> telephone-event/8000 (with a=fmtp:<pt> 0-16) in the INVITE "
                        + "to LiveKit: in Jambonz, set the carrier's DTMF type to RFC 2833; on a PBX or SBC in front, "
                        + "its DTMF mode (rfc2833 or rfc4733) with an 8 kHz event clock.",
                        "Where the caller's side can send only INFO or in-band tones, have the media server in front "
                                + "of LiveKit (Jambonz's, or an SBC's) convert them to RFC 4733 events."), List.of(),
                        null));
    }

    /** The finding about a call LiveKit placed: the callee's answer named no telephone-event LiveKit reads. */
    private static Finding outbound(LiveKitDtmf call, CallFlow flow, boolean tried, List<Long> frames,
                                    List<String> facts) {
        String explanation = "LiveKit offered telephone-event/8000 in its INVITE, but " + call.gap() + ". LiveKit "
                + "then has no DTMF payload type on this call: its media pipeline registers no DTMF handler and opens no"
                + " DTMF stream (livekit/sip pkg/sip/media_pipeline.go), so the digits the agent sends, and the dtmf "
                + "digits of CreateSIPParticipant dialled after the answer (pkg/sip/outbound.go), are dropped without "
                + "an error (the server's audio_dtmf does not help: its tones ride the DTMF stream's mixer), and digits "
                + "from the called side reach the agent only as tones it hears. "
                + (tried ? "The capture shows the called side sending digits anyway: the agent gets none of them."
                : "An IVR or extension the agent must dial through cannot be reached this way.");
        return new Finding(CODE, tried ? CODE.severity() : Severity.INFO, CODE.title("leave or reach", call.gap()), explanation,
                call.invite().callId(), flow.id(), false, Findings.evidence(frames, List.of(), facts),
                Findings.fix(List.of("Have the provider (or Jambonz on the outbound carrier: DTMF type RFC 2833) "
                        + "answer LiveKit's INVITE with a=rtpmap:<pt> telephone-event/8000 (RFC 4733 events at an "
                        + "8 kHz clock)."), List.of(), null));
    }

    /** The address LiveKit's answer receives audio on: the audio section's c= line, else the session's. */
    static String mediaAddress(Sdp sdp) {
        for (SdpMedia m : sdp.media()) {
            if ("audio".equals(m.type()) && m.connection() != null) {
                return m.connection();
            }
        }
        return sdp.connection();
    }
}
