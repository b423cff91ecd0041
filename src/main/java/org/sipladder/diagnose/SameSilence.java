package org.sipladder.diagnose;

import java.util.List;

/**
 * The missing RTP a media finding is about: the leg, the party no RTP reached on it (null for none either way), and
 * where that silence started when a media relay passed it on from another leg ({@link MediaRelays#origin}). A media
 * timeout, one-way audio and no RTP at all on the same leg toward the same party are one fact read three ways, and a
 * relay's silence on its other leg follows from where it started: one problem, which should be one error.
 *
 * @param leg     the leg
 * @param to      the party that heard nothing, or null when no RTP flowed either way
 * @param origin  where the silence started, when a relay passed it on to {@code leg}; else null
 * @param unheard the leg further up with no RTP at all, from which the relay where this silence starts (at {@code
 *                origin}, else on {@code leg}) was to get the audio it sends; else null. A leg without RTP either
 *                way says nothing of what reached the relay until MEDIA_NO_RTP judges it silent ({@link #followsFrom})
 */
record SameSilence(MediaLeg leg, MediaParty to, MediaRelays.Feed origin, MediaRelays.Feed unheard) {

    /** True for the codes that say no RTP reached a party of an answered leg. */
    static boolean isSilence(FindingCode code) {
        return code == FindingCode.MEDIA_TIMEOUT_HANGUP || code == FindingCode.MEDIA_ONE_WAY
                || code == FindingCode.MEDIA_NO_RTP;
    }

    /**
     * The silence {@code f} is about, or null when its code is no {@link #isSilence silence} or its leg is not among
     * {@code legs} (the call's, as its checks had them): its leg is the one of its Call-ID answered in its first frame.
     */
    static SameSilence of(Finding f, List<MediaLeg> legs) {
        List<Long> frames = f.evidence().frames();
        if (!isSilence(f.code()) || frames.isEmpty()) {
            return null;
        }
        long answer = frames.get(0);
        for (int i = 0; i < legs.size(); i++) {
            MediaLeg leg = legs.get(i);
            if (leg.answered() && leg.answer.frame() == answer && leg.leg.callId().equals(f.callId())) {
                MediaParty silent = MediaOneWayCheck.silentParty(leg);
                MediaParty to = f.code() == FindingCode.MEDIA_TIMEOUT_HANGUP ? MediaTimeoutHangupCheck.hanger(leg)
                        : silent;
                if (f.code() != FindingCode.MEDIA_NO_RTP && to == null) {
                    return null;
                }
                MediaParty heardNothing = f.code() == FindingCode.MEDIA_NO_RTP ? null : to;
                MediaRelays.Feed origin = heardNothing != null && silent == heardNothing
                        ? MediaRelays.origin(legs, leg, heardNothing) : null;
                return new SameSilence(leg, heardNothing, origin, heardNothing == null ? null
                        : unheard(legs, origin == null ? leg : origin.leg(), origin == null ? heardNothing
                        : origin.relay()));
            }
        }
        return null;
    }

    /**
     * The feed of the relay that sent {@code silentTo} nothing on {@code leg} when the capture holds no RTP of that
     * feed's leg either way, else null.
     */
    private static MediaRelays.Feed unheard(List<MediaLeg> legs, MediaLeg leg, MediaParty silentTo) {
        MediaRelays.Feed f = MediaRelays.feed(legs, leg, leg.other(silentTo));
        return f != null && f.upstream() == MediaRelays.Upstream.UNSEEN ? f : null;
    }

    /**
     * True when this silence is {@code cause}'s: toward the same party of the same leg (either party, when no RTP
     * flowed either way), or passed on by a relay from where {@code cause} heard nothing.
     */
    boolean followsFrom(SameSilence cause) {
        if (cause.leg == leg) {
            return to == null || cause.to == null || to == cause.to;
        }
        return origin != null && origin.leg() == cause.leg && origin.relay() == cause.to
                || fedBy(cause) || startOf(cause);
    }

    /**
     * True when {@code cause} is no RTP at all (MEDIA_NO_RTP) on the leg the relay where this silence starts was to
     * get its audio from: judged silent there, it had nothing to pass on.
     */
    private boolean fedBy(SameSilence cause) {
        return cause.to == null && unheard != null && unheard.leg() == cause.leg;
    }

    /**
     * True when this silence is where {@code cause}'s started: a media relay passed it on from this leg to the leg
     * {@code cause} is about (a media timeout there follows from the RTP that never reached the relay here).
     */
    boolean startOf(SameSilence cause) {
        return cause.origin != null && cause.origin.leg() == leg && cause.origin.relay() == to || cause.fedBy(this);
    }

    /** What a finding about this silence adds when it {@link #followsFrom follows from} {@code cause}, named. */
    String followsWhy(SameSilence cause, String named) {
        if (startOf(cause)) {
            return " This is where the silence of this call's primary cause (" + named + ") started: a media relay "
                    + "passed it on to " + cause.leg.named() + ". One problem, not two: its fix is this one.";
        }
        String same = cause.leg == leg ? "This is the same missing RTP as this call's primary cause (" + named + ")"
                : fedBy(cause) ? "No RTP flowed either way on " + cause.leg.named() + ", this call's primary "
                + "cause (" + named + "), so the media relay had nothing to pass on here: this silence follows from it"
                : "This silence started on " + cause.leg.named() + ", this call's primary cause (" + named
                + "), and a media relay passed it on";
        return " " + same + ", not a second problem: fixing that fixes this too.";
    }
}
