package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.media.RtpStream;
import org.sipladder.sip.Sdp;

/**
 * What the caller keyed at LiveKit's PIN prompt, read as LiveKit reads it (livekit/sip pkg/sip/inbound.go,
 * pinPrompt): RFC 4733 digits gather until the first '#', which ends the PIN ('#' alone asks for the open rules);
 * a 17th digit before it is refused at once as a wrong PIN. There is no PIN timeout and one attempt only.
 *
 * @param sent       every digit the caller's RTP to LiveKit's answered media address carried ("" when none); that
 *                   address comes from LiveKit's 200 OK, so the digits were sent after it
 * @param pin        the digits before the first '#' (at most {@link #LIMIT} + 1)
 * @param terminated true when a '#' ended the PIN
 * @param frames     the first frame of each stream that carried digits
 */
record PinEntry(String sent, String pin, boolean terminated, List<Long> frames) {

    /** LiveKit's pinLimit: one more digit and it refuses the PIN without checking it. */
    static final int LIMIT = 16;

    PinEntry {
        frames = List.copyOf(frames);
    }

    /** The digits of the call's RTP toward LiveKit's media address in {@code dtmf}'s answer. */
    static PinEntry of(DiagnosisContext context, LiveKitDtmf dtmf) {
        Sdp answer = context.sdp(dtmf.answer());
        String liveKitMedia = answer == null ? null : DtmfNotNegotiatedCheck.mediaAddress(answer);
        StringBuilder sent = new StringBuilder();
        List<Long> frames = new ArrayList<>(1);
        for (RtpStream s : context.media().streamsOf(dtmf.invite().callId())) {
            if (!s.dtmf().isEmpty() && s.key().dst().address().equals(liveKitMedia)) {
                sent.append(s.dtmf());
                frames.add(s.firstFrame());
            }
        }
        return read(sent.toString(), frames);
    }

    /** True when any RTP of the call reached LiveKit's media address (the address of its 200 OK's SDP). */
    static boolean rtpReachedLiveKit(DiagnosisContext context, LiveKitDtmf dtmf) {
        Sdp answer = context.sdp(dtmf.answer());
        String liveKitMedia = answer == null ? null : DtmfNotNegotiatedCheck.mediaAddress(answer);
        for (RtpStream s : context.media().streamsOf(dtmf.invite().callId())) {
            if (s.key().dst().address().equals(liveKitMedia)) {
                return true;
            }
        }
        return false;
    }

    /** LiveKit's reading of the digits {@code sent}, in order. */
    static PinEntry read(String sent, List<Long> frames) {
        int hash = sent.indexOf('#');
        String pin = hash < 0 ? sent : sent.substring(0, hash);
        boolean tooLong = pin.length() > LIMIT;
        return new PinEntry(sent, tooLong ? pin.substring(0, LIMIT + 1) : pin, hash >= 0 && !tooLong, frames);
    }

    /** True when the PIN grew past {@link #LIMIT} digits before any '#': LiveKit refused it unchecked. */
    boolean tooLong() {
        return pin.length() > LIMIT;
    }
}
