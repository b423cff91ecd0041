package org.sipladder.diagnose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/**
 * How DTMF can reach LiveKit on a call: only as RFC 4733 telephone-events in the RTP, with the payload type its SDP
 * answer names. LiveKit reads an offer's {@code a=rtpmap} as telephone-event only when it is exactly
 * {@code telephone-event/8000} (or {@code /8000/1}; livekit/media-sdk sdp/offer.go, ParseMediaWith), answers with it
 * only then, and hands the packets of that payload type alone to its DTMF handler (livekit/sip
 * pkg/sip/media_pipeline.go); SIP INFO it refuses (pkg/sip/server.go registers no INFO handler: OnNoRoute answers 405).
 *
 * <p>On a call LiveKit places, it reads the callee's answer the same way (livekit/media-sdk sdp/offer.go): an answer
 * without telephone-event/8000 leaves the call with no DTMF payload type, so its media pipeline registers no DTMF
 * handler and opens no DTMF stream (pkg/sip/media_pipeline.go), and WriteDTMF drops the agent's digits (and the
 * CreateSIPParticipant {@code dtmf}, pkg/sip/outbound.go) without an error; audio_dtmf does not help, as its tone
 * mixer is made only beside a DTMF stream.
 *
 * @param invite   the answered INVITE to LiveKit, or from LiveKit when {@code outbound}, that offered SDP
 * @param answer   the 2xx with SDP: LiveKit's, or the callee's when {@code outbound}
 * @param offered  the offer's telephone-event types as written ("101 telephone-event/48000"), maybe none
 * @param answered the answer's telephone-event types as written
 * @param outbound true when LiveKit placed the call (its INVITE, no To tag)
 */
record LiveKitDtmf(SipMessage invite, SipMessage answer, List<String> offered, List<String> answered, boolean outbound) {

    private static final String EVENT = "telephone-event/";
    /** The one telephone-event LiveKit reads (dtmf.SDPNameAndRate). */
    private static final String LIVEKIT_EVENT = "telephone-event/8000";

    /**
     * The first INVITE to LiveKit, or dialog-forming INVITE from LiveKit, in {@code flow} with an SDP offer and a 2xx
     * answer with SDP, or null.
     */
    static LiveKitDtmf of(DiagnosisContext context, CallFlow flow) {
        for (InviteTransaction tx : context.invites(flow)) {
            SipMessage invite = tx.request();
            SipMessage answer = tx.finalResponse();
            if (answer == null || answer.status() >= 300 || !invite.hasSdp() || !answer.hasSdp()) {
                continue;
            }
            boolean outbound = invite.toTag() == null && flow.hasHop(invite.src(), Role.LIVEKIT);
            if (!outbound && !flow.hasHop(invite.dst(), Role.LIVEKIT)) {
                continue;
            }
            Sdp offer = context.sdp(invite);
            Sdp reply = context.sdp(answer);
            if (offer != null && reply != null) {
                return new LiveKitDtmf(invite, answer, events(offer), events(reply), outbound);
            }
        }
        return null;
    }

    /** The telephone-event types of the SDP's first audio section, as written. */
    private static List<String> events(Sdp sdp) {
        List<String> events = new ArrayList<>(1);
        for (SdpMedia m : sdp.media()) {
            if ("audio".equals(m.type())) {
                for (String codec : m.codecs()) {
                    int space = codec.indexOf(' ');
                    if (space > 0 && codec.regionMatches(true, space + 1, EVENT, 0, EVENT.length())) {
                        events.add(codec);
                    }
                }
                break;
            }
        }
        return events;
    }

    /** True when {@code codec} ("101 telephone-event/8000") is a telephone-event LiveKit reads. */
    static boolean readByLiveKit(String codec) {
        // compared in place: every call to LiveKit asks this of its answer's events
        int name = codec.indexOf(' ') + 1;
        int length = codec.length() - name;
        return (length == LIVEKIT_EVENT.length() || length == LIVEKIT_EVENT.length() + 2 && codec.endsWith("/1"))
                && codec.startsWith(LIVEKIT_EVENT, name);
    }

    /** True when one of {@code events} is {@link #readByLiveKit}. */
    private static boolean anyReadByLiveKit(List<String> events) {
        for (int i = 0; i < events.size(); i++) {
            if (readByLiveKit(events.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** True when LiveKit's answer names a telephone-event: it takes RFC 4733 digits on this call. */
    boolean negotiated() {
        return anyReadByLiveKit(answered);
    }

    /** Why no telephone-event was negotiated with LiveKit, as a clause ("the INVITE offered none"). */
    String gap() {
        if (outbound) {
            String by = "the answer to LiveKit's INVITE (frame " + answer.frame() + ")";
            return answered.isEmpty() ? by + " named no telephone-event" : by + " named only "
                    + String.join(", ", answered) + ", and LiveKit reads no telephone-event but telephone-event/8000";
        }
        if (offered.isEmpty()) {
            return "the INVITE to LiveKit (frame " + invite.frame() + ") offered no telephone-event";
        }
        if (!anyReadByLiveKit(offered)) {
            return "the INVITE to LiveKit (frame " + invite.frame() + ") offered only " + String.join(", ", offered)
                    + ", and LiveKit reads no telephone-event but telephone-event/8000, written so";
        }
        return "LiveKit's answer (frame " + answer.frame() + ") left telephone-event out";
    }

    /** True when {@code request} is an INFO to LiveKit carrying a DTMF digit. */
    static boolean dtmfInfo(DiagnosisContext context, CallFlow flow, SipMessage request) {
        if (!"INFO".equals(request.method()) || !flow.hasHop(request.dst(), Role.LIVEKIT)) {
            return false;
        }
        String type = context.header(request, "Content-Type");
        return type != null && type.trim().toLowerCase(Locale.ROOT).startsWith("application/dtmf");
    }

    /** The digit of a DTMF INFO: application/dtmf-relay's {@code Signal=} line, or application/dtmf's body. */
    static String digit(SipMessage request) {
        byte[] body = request.body();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        for (String line : text.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("Signal")) {
                return line.substring(eq + 1).trim();
            }
        }
        return text.indexOf('=') < 0 && text.length() <= 2 ? text : "?";
    }
}
