package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.media.RtpStream;

/**
 * RTP the capture shows leaving toward a party but which cannot reach it: sent from a public address to a private
 * one (RFC 1918, CGNAT) while all of the party's own RTP comes from public addresses. The party is then reached across
 * the internet, which routes no private address (RFC 6890), so the packets are lost after the capture point, as
 * when a party (LiveKit among them, unless symmetric_rtp is set) sends to the private c= of a peer's SDP instead of
 * latching onto where the peer's RTP comes from. Where the party's RTP comes from a private address too, both ends
 * share a private network (or the capture was taken beside the party) and the RTP arrives.
 */
final class UnroutableRtp {

    private UnroutableRtp() {
    }

    /** True when {@code s}, RTP of {@code leg} toward {@code to}, cannot reach {@code to}. */
    static boolean lost(MediaLeg leg, MediaParty to, RtpStream s) {
        return PrivateAddresses.isPrivate(s.key().dst().address())
                && PrivateAddresses.isPublic(s.key().src().address()) && reachedAcrossTheInternet(leg, to);
    }

    /** The RTP of {@code leg} toward {@code to} that can reach it. */
    static List<RtpStream> reaching(MediaLeg leg, MediaParty to) {
        return split(leg, to, false);
    }

    /** The RTP of {@code leg} toward {@code to} that cannot reach it ({@link #lost}). */
    static List<RtpStream> lost(MediaLeg leg, MediaParty to) {
        return split(leg, to, true);
    }

    private static List<RtpStream> split(MediaLeg leg, MediaParty to, boolean lost) {
        List<RtpStream> toward = leg.toward(to);
        List<RtpStream> kept = new ArrayList<>(toward.size());
        for (RtpStream s : toward) {
            if (lost(leg, to, s) == lost) {
                kept.add(s);
            }
        }
        return kept;
    }

    /** True when {@code p} sends RTP on {@code leg}, all of it from public addresses. */
    private static boolean reachedAcrossTheInternet(MediaLeg leg, MediaParty p) {
        List<RtpStream> own = leg.toward(leg.other(p));
        if (own.isEmpty()) {
            return false;
        }
        for (RtpStream s : own) {
            if (!PrivateAddresses.isPublic(s.key().src().address())) {
                return false;
            }
        }
        return true;
    }
}
