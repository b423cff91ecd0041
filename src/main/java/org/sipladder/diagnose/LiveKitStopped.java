package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * Why LiveKit's RTP toward its peer stopped mid-call while the peer's went on, and the steps that fit. LiveKit never
 * stops sending while the call lasts ({@link LiveKitSending}), so a stop is never the agent going quiet: either an SDP
 * of the peer (a re-INVITE or UPDATE, which LiveKit applies: livekit-inbound-routing.md, section 8) moved the address
 * it sends to, or its RTP was dropped on the way, or the capture point stopped seeing it.
 *
 * @param why   the sentences that follow the finding's own first sentence
 * @param steps the fix steps
 * @param moved the peer's SDP that moved LiveKit's destination, else null
 */
record LiveKitStopped(String why, List<String> steps, SdpAnnouncement moved) {

    /** How long after the last packet an SDP may come and still explain it: LiveKit applies it when it answers. */
    private static final long MOVE_SLACK_MICROS = 1_000_000;

    private static final String NEVER_STOPS = " never stops sending RTP while the call lasts: its room mixer writes a "
            + "frame every 20 ms, silence included, from the 200 OK until the call ends, so the stop is not the agent "
            + "going quiet";

    /**
     * Why {@code liveKit}'s RTP to {@code peer} ended with {@code last}, on {@code leg}; {@code liveKitSdp} and
     * {@code peerSdp} are the parties' SDP in force when it stopped.
     */
    static LiveKitStopped of(MediaLeg leg, MediaParty liveKit, String liveKitName, SdpAnnouncement liveKitSdp,
                             MediaParty peer, String peerName, SdpAnnouncement peerSdp, RtpStream last) {
        Endpoint was = last.key().dst();
        SdpAnnouncement moved = movedAfter(leg, peer, last);
        List<String> steps = new ArrayList<>();
        if (moved == null) {
            String why = liveKitName + NEVER_STOPS + ". No re-INVITE or UPDATE in the capture moved the address it "
                    + "sends to (" + was + "), so from frame " + last.lastFrame() + " on its RTP was dropped on the "
                    + "way (a firewall or security-group change, an expired NAT binding, a new route) or the capture "
                    + "point stopped seeing it.";
            steps.add("Check the firewalls, security groups and NAT between " + liveKitName + " and " + was
                    + " for a rule change or an expired UDP binding at the time of frame " + last.lastFrame()
                    + " (LiveKit SIP's rtp_port range, 10000-20000 by default).");
            if (peerSdp != null && peerSdp.media() != null) {
                steps.add(LiveKitSending.captureStep(peerName, peerSdp));
            }
            return new LiveKitStopped(why, steps, null);
        }
        boolean unreachable = MediaReasons.privateToPublic(moved, liveKit.address(liveKitSdp));
        String why = liveKitName + NEVER_STOPS + ". The " + request(moved) + " gave it the new address "
                + moved.media() + " (it sent to " + was + " before); LiveKit sends its RTP to the SDP address it "
                + "was given last, so from then on its RTP went to " + moved.media()
                + (unreachable ? LiveKitSending.toPrivateTail() : LiveKitSending.unseenTail(moved)) + ".";
        if (unreachable) {
            steps.add(MediaReasons.advertisePublic(peer, moved));
            steps.add(MediaReasons.LIVEKIT_LATCH);
        } else {
            steps.add("Check why " + peerName + " moved its media to " + moved.media() + " in the " + request(moved)
                    + ": if it does not receive RTP there (another media server, a wrong external IP), fix the "
                    + "address it advertises; if it does, open that path from LiveKit.");
            steps.add(LiveKitSending.captureStep(peerName, moved));
        }
        return new LiveKitStopped(why, steps, moved);
    }

    /**
     * The last SDP of {@code peer} after the stream began and by its last packet (or just after) that announces
     * another address than the stream went to (the same port at the peer's own address behind a 1:1 NAT is no other,
     * {@link MediaLeg#atEnd}); else null.
     */
    private static SdpAnnouncement movedAfter(MediaLeg leg, MediaParty peer, RtpStream last) {
        SdpAnnouncement moved = null;
        for (SdpAnnouncement a : peer.sdp()) {
            if (a.frame() > last.firstFrame() && a.micros() <= last.lastMicros() + MOVE_SLACK_MICROS
                    && a.media() != null && a.port() != 0 && !leg.atEnd(peer, a, last.key().dst())) {
                moved = a;
            }
        }
        return moved;
    }

    /** "re-INVITE of frame 20", "UPDATE of frame 20", "SDP of frame 21 200 (INVITE)". */
    private static String request(SdpAnnouncement a) {
        if (!a.isRequest()) {
            return "SDP of " + a.describe();
        }
        return ("INVITE".equals(a.method()) ? "re-INVITE" : a.method()) + " of frame " + a.frame();
    }
}
