package org.sipladder.diagnose;

import java.util.List;
import java.util.Locale;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * Why the RTP a media relay (a B2BUA anchoring both legs, Jambonz's rtpengine) sent a party stopped, when the audio it
 * passes on stopped first on its other leg: the far party there stopped sending within
 * {@link MediaTimeoutHangupCheck#HOLD_SLACK_MICROS} of it, having put that leg on hold ({@code hold}) or not. A relay
 * forwards only what it receives, and a hold on one leg is not a hold on the other: the party's media timeout counts
 * on.
 *
 * @param feed the relay's other leg, with the relay and the far party on it
 * @param last the far party's stream toward the relay that ended last
 * @param hold the far party's hold offer on that leg as its RTP stopped, still in force at the BYE; null for none
 * @param lastToward micros of the last RTP packet toward the party that timed out
 */
record UpstreamStop(MediaRelays.Feed feed, RtpStream last, SdpAnnouncement hold, long lastToward) {

    /**
     * Where the RTP toward the party of {@code leg} that is not {@code relay} stopped upstream, by {@code lastToward}
     * (micros of the last packet toward it) and the BYE of frame {@code byeFrame}; null when it did not stop there.
     */
    static UpstreamStop of(List<MediaLeg> legs, MediaLeg leg, MediaParty relay, long lastToward, long byeFrame) {
        MediaRelays.Feed f = MediaRelays.feed(legs, leg, relay);
        if (f == null) {
            return null;
        }
        RtpStream last = null;
        for (RtpStream s : f.leg().toward(f.relay())) {
            if (last == null || s.lastMicros() > last.lastMicros()) {
                last = s;
            }
        }
        long slack = MediaTimeoutHangupCheck.HOLD_SLACK_MICROS;
        if (last == null || Math.abs(last.lastMicros() - lastToward) > slack) {
            return null;
        }
        SdpAnnouncement a = f.far().sdpAt(byeFrame);
        boolean hold = a != null && a.isRequest() && a.frame() > f.leg().answer.frame() && a.port() != 0
                && !(a.sends() && a.receives()) && Math.abs(a.micros() - last.lastMicros()) <= slack;
        return new UpstreamStop(f, last, hold ? a : null, lastToward);
    }

    /** The relay's other leg as texts name it: its Call-ID, or its hop when a proxy's hops share one. */
    private String named() {
        return feed.leg().named();
    }

    /** ", the call on hold (a=inactive) on leg X" for a title; "" without a hold. */
    String titleTail() {
        return hold == null ? "" : ", the call on hold (" + LiveKitHold.holdName(hold) + ") on " + named();
    }

    /** Why no more RTP reached {@code hangerName} from {@code relayName}; adds its facts and frames. */
    String why(String hangerName, String relayName, List<String> facts, List<Long> frames) {
        String farName = feed.far().name(feed.far().sdpAt(last.lastFrame()));
        frames.add(last.lastFrame());
        facts.add("The last RTP from " + farName + " to " + relayName + " on " + named() + ": "
                + MediaLeg.describe(last));
        if (hold != null) {
            frames.add(hold.frame());
            facts.add("Hold on " + named() + ": " + MediaLeg.sdpFact(hold));
            String request = "INVITE".equals(hold.method()) ? "re-INVITE" : hold.method();
            return relayName + " relays to " + hangerName + " the audio it gets from " + farName + " on "
                    + named() + ", and " + farName + " put that leg on hold with " + LiveKitHold.holdName(hold)
                    + " (" + request + ", frame " + hold.frame() + ") as its RTP stopped: a holder sends no RTP, and "
                    + "the relay, which passes on only what it receives, sent " + hangerName + " nothing while the "
                    + "hold lasted. A hold on another leg is none on this one, so " + hangerName + "'s media timeout "
                    + "kept counting and ended the held call.";
        }
        double gap = (lastToward - last.lastMicros()) / 1e6;
        return String.format(Locale.ROOT, "The RTP stopped first on %s: %s's RTP to %s there ended at frame %d, "
                        + "%.1f s %s the last RTP toward %s, and %s, a media relay that passes on only what it "
                        + "receives, had nothing more to send. The silence started at %s, not on the path between "
                        + "%s and %s.", named(), farName, relayName, last.lastFrame(), Math.abs(gap),
                gap >= 0 ? "before" : "after", hangerName, relayName, farName, relayName, hangerName);
    }

    /**
     * Why no more RTP reached {@code silentName} from {@code relayName}, for a finding about that stop alone (no
     * timeout): the hold or stop on the other leg; adds its facts and frames.
     */
    String stoppedWhy(String silentName, String relayName, List<String> facts, List<Long> frames) {
        if (hold == null) {
            return why(silentName, relayName, facts, frames);
        }
        String farName = feed.far().name(feed.far().sdpAt(last.lastFrame()));
        frames.add(last.lastFrame());
        frames.add(hold.frame());
        facts.add("The last RTP from " + farName + " to " + relayName + " on " + named() + ": "
                + MediaLeg.describe(last));
        facts.add("Hold on " + named() + ": " + MediaLeg.sdpFact(hold));
        String request = "INVITE".equals(hold.method()) ? "re-INVITE" : hold.method();
        return "Nobody held this leg, but " + farName + " put " + named() + " on hold with "
                + LiveKitHold.holdName(hold) + " (" + request + ", frame " + hold.frame() + ") as its RTP stopped: a "
                + "holder sends no RTP, and " + relayName + ", a media relay that passes on only what it receives, "
                + "had nothing more to send " + silentName + ". A hold on another leg is none on this one: "
                + silentName + " was not told of it and hears silence for as long as it lasts.";
    }

    /** What to do, for the party {@code hangerName} (LiveKit when {@code liveKit}) that timed out. */
    List<String> steps(boolean liveKit, String hangerName, String relayName) {
        String farName = feed.far().name(feed.far().sdpAt(last.lastFrame()));
        if (hold == null) {
            return List.of("Find out why " + farName + " stopped sending RTP on " + named() + " at frame "
                            + last.lastFrame() + " (its media server or RTP proxy, a NAT binding that expired, a mute "
                            + "without comfort noise): " + relayName + " had nothing to pass on to " + hangerName + ".",
                    "Capture on both sides of " + farName + " to see whether its RTP stopped at the source or on "
                            + "the way.");
        }
        String keep = "Keep RTP flowing toward " + hangerName + " while the call is held on " + named()
                + ": have " + farName + " hold with music on hold (a=sendonly, sending audio) instead of "
                + LiveKitHold.holdName(hold) + ", or have " + relayName + " send its own audio (music on hold) "
                + "toward " + hangerName + " during the hold; it passes on only what it receives.";
        return List.of(keep, liveKit
                ? "Or give LiveKit's timer more time: set media.media_timeout on the trunk or dispatch rule of these "
                + "calls above the longest hold (LiveKit counts it in place of its 15 s: livekit/sip newMediaConfig)."
                : "Or raise " + hangerName + "'s media timeout above the longest hold.");
    }
}
