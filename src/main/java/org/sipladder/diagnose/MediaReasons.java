package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.Role;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * Why RTP did not reach a party, as far as the capture shows it, and the settings that fix each cause: the
 * knowledge the media checks share. The product knobs are named as their documentation names them.
 */
final class MediaReasons {

    static final String LIVEKIT_LATCH = "LiveKit SIP sends RTP to the SDP address and only latches onto where RTP "
            + "comes from with symmetric_rtp: true (or ignore_local_addr_in_sdp: true for a private SDP address) in its "
            + "config; LiveKit Cloud's settings are not yours to change, so fix the address the other side advertises.";

    private MediaReasons() {
    }

    /**
     * One or two sentences on why no RTP reached {@code to} from {@code from}; adds the facts and frames that show
     * it.
     */
    static String whyNoRtpReached(MediaLeg leg, MediaLeg.Party to, MediaLeg.Party from, SdpAnnouncement toSdp,
                                  SdpAnnouncement fromSdp, List<String> facts, List<Long> frames) {
        List<String> reasons = new ArrayList<>();
        if (fromSdp != null && PrivateAddresses.isPrivate(fromSdp.address()) && PrivateAddresses.isPublic(to.address())) {
            frames.add(fromSdp.frame());
            facts.add(MediaLeg.sdpFact(fromSdp) + " (a private address, sent to public " + to.address() + ")");
            reasons.add(from.name() + " advertised the private address " + fromSdp.address() + " in its SDP (frame "
                    + fromSdp.frame() + "), which " + to.name() + " cannot reach: "
                    + (to.isLiveKit() ? "LiveKit sends its RTP to that address and does not latch onto the real source"
                    + " unless symmetric_rtp or ignore_local_addr_in_sdp is set, " : to.name() + " sends its RTP there, ")
                    + "so media never starts (" + from.name() + "'s media server commonly waits for RTP before it sends)");
        }
        if (toSdp != null && PrivateAddresses.isPrivate(toSdp.address()) && PrivateAddresses.isPublic(from.address())) {
            frames.add(toSdp.frame());
            facts.add(MediaLeg.sdpFact(toSdp) + " (a private address, sent to public " + from.address() + ")");
            reasons.add(to.name() + " itself advertised the private address " + toSdp.address() + " (frame "
                    + toSdp.frame() + "), so " + from.name() + " sends RTP where it cannot arrive");
        }
        List<RtpStream> toward = leg.toward(to);
        if (toSdp != null && toSdp.media() != null) {
            for (RtpStream s : toward) {
                if (!s.key().dst().equals(toSdp.media())) {
                    frames.add(s.firstFrame());
                    facts.add("RTP " + MediaLeg.describe(s) + " went to " + s.key().dst() + ", but " + to.name()
                            + " announced " + toSdp.media() + " (" + toSdp.describe() + ")");
                    reasons.add("the RTP that was sent went to " + s.key().dst() + " instead of the announced "
                            + toSdp.media());
                }
            }
        }
        if (toward.isEmpty() && reasons.isEmpty()) {
            reasons.add(from.name() + " sent no RTP toward " + to.name() + " at all, though both sides negotiated media: "
                    + "its media server did not send (not started, or a firewall drops its UDP), or the capture point "
                    + "does not see that path");
        }
        if (toSdp != null) {
            frames.add(toSdp.frame());
            facts.add(MediaLeg.sdpFact(toSdp));
        }
        return "Why: " + String.join("; ", reasons) + ".";
    }

    /**
     * Concrete steps against the causes {@link #whyNoRtpReached} finds: a private SDP address is a cause only when
     * it went to a public peer (parties on one private network reach each other's private addresses).
     */
    static List<String> fixesForNoRtpTo(MediaLeg leg, MediaLeg.Party to, MediaLeg.Party from, SdpAnnouncement toSdp,
                                        SdpAnnouncement fromSdp) {
        List<String> steps = new ArrayList<>();
        if (fromSdp != null && PrivateAddresses.isPrivate(fromSdp.address()) && PrivateAddresses.isPublic(to.address())) {
            steps.add(advertisePublic(from, fromSdp.address()));
            if (to.isLiveKit()) {
                steps.add(LIVEKIT_LATCH);
            }
        }
        if (toSdp != null && PrivateAddresses.isPrivate(toSdp.address()) && PrivateAddresses.isPublic(from.address())) {
            steps.add(advertisePublic(to, toSdp.address()));
        }
        steps.add(firewall(to, from));
        return steps;
    }

    /** How a party makes its SDP carry its public address. */
    static String advertisePublic(MediaLeg.Party p, String privateAddress) {
        if (p.role() == Role.JAMBONZ) {
            return "Make Jambonz advertise its public address instead of " + privateAddress + ": set drachtio's "
                    + "external IP (--external-ip <public IP>, or <external-ip> in drachtio.conf.xml) and rtpengine's "
                    + "interface as --interface=" + privateAddress + "!<public IP>, so the SDP c= line carries the "
                    + "public address.";
        }
        if (p.isLiveKit()) {
            return "Self-hosted LiveKit SIP: set use_external_ip: true (or nat_1_to_1_ip: <public IP>) in its config "
                    + "so its SDP advertises its public address instead of " + privateAddress + ".";
        }
        return "Configure " + p.name() + " (its SBC or media server) to advertise its public address instead of "
                + privateAddress + " in the SDP c= line (external IP / NAT settings).";
    }

    /** The UDP ranges that must be open between two parties (LiveKit's and Jambonz's named when one of them is). */
    static String firewall(MediaLeg.Party a, MediaLeg.Party b) {
        boolean liveKit = a.isLiveKit() || b.isLiveKit();
        boolean jambonz = a.role() == Role.JAMBONZ || b.role() == Role.JAMBONZ;
        String ranges = liveKit && jambonz ? " (LiveKit SIP's rtp_port range, 10000-20000 by default; Jambonz's "
                + "rtpengine --port-min/--port-max, 40000-60000 by default)"
                : liveKit ? " (LiveKit SIP's rtp_port range, 10000-20000 by default)"
                : jambonz ? " (Jambonz's rtpengine --port-min/--port-max, 40000-60000 by default)"
                : " (the media ports each side's SDP announces)";
        return "Open the RTP UDP port ranges both ways between " + a.address() + " and " + b.address()
                + " in firewalls and security groups" + ranges + ".";
    }
}
