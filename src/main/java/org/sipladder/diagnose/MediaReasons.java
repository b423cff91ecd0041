package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.AddressScope;
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
     * One or two sentences on why no RTP reached {@code to} from {@code from}, each party named as the SDP given
     * for it announces its media end; adds the facts and frames that show it.
     */
    static String whyNoRtpReached(MediaLeg leg, MediaParty to, MediaParty from, SdpAnnouncement toSdp,
                                  SdpAnnouncement fromSdp, List<String> facts, List<Long> frames) {
        String toName = to.name(toSdp);
        String fromName = from.name(fromSdp);
        List<String> reasons = new ArrayList<>();
        // LiveKit always sends from the answer on, silence included: its missing RTP went elsewhere or was dropped
        boolean liveKitSends = liveKitSends(from, fromSdp, toSdp);
        if (privateToPublic(fromSdp, to.address(toSdp))) {
            frames.add(fromSdp.frame());
            facts.add(MediaLeg.sdpFact(fromSdp) + " (a private address, sent to public " + to.address(toSdp) + ")");
            reasons.add(fromName + " advertised the private address " + fromSdp.address() + " in its SDP (frame "
                    + fromSdp.frame() + "), which " + toName + " cannot reach: "
                    + (to.isLiveKit(toSdp) ? "LiveKit sends its RTP to that address and does not latch onto the real "
                    + "source unless symmetric_rtp or ignore_local_addr_in_sdp is set, "
                    : toName + " sends its RTP there, ")
                    + "so media never starts (" + fromName + "'s media server commonly waits for RTP before it sends)");
        }
        if (privateToPublic(toSdp, from.address(fromSdp))) {
            frames.add(toSdp.frame());
            facts.add(MediaLeg.sdpFact(toSdp) + " (a private address, sent to public " + from.address(fromSdp) + ")");
            reasons.add(liveKitSends ? LiveKitSending.toPrivate(leg, from, fromName, toSdp)
                    : toName + " itself advertised the private address " + toSdp.address() + " (frame "
                    + toSdp.frame() + "), so " + fromName + " sends RTP where it cannot arrive");
        }
        List<RtpStream> toward = leg.toward(to);
        if (toSdp != null && toSdp.media() != null) {
            for (RtpStream s : toward) {
                if (!leg.atEnd(to, toSdp, s.key().dst())) {
                    frames.add(s.firstFrame());
                    facts.add("RTP " + MediaLeg.describe(s) + " went to " + s.key().dst() + ", but " + toName
                            + " announced " + toSdp.media() + " (" + toSdp.describe() + ")");
                    reasons.add("the RTP that was sent went to " + s.key().dst() + " instead of the announced "
                            + toSdp.media());
                }
            }
        }
        if (reasons.isEmpty()) {
            long sent = MediaLeg.packets(toward);
            long last = toward.stream().mapToLong(RtpStream::lastFrame).max().orElse(0);
            reasons.add(sent == 0 && liveKitSends ? LiveKitSending.unseen(leg, from, fromName, toSdp)
                    : sent == 0 ? fromName + " sent no RTP toward " + toName + " at all, though both sides "
                    + "negotiated media: it did not send (its media not started, or a firewall drops its UDP), "
                    + "or the capture point does not see that path"
                    : fromName + " sent " + (sent < MediaOneWayCheck.TRICKLE_PACKETS ? "only " : "") + sent
                    + " RTP packet" + (sent == 1 ? " (frame " + last + ")" : "s (the last at frame " + last + ")")
                    + " toward " + toName + " and then nothing, though both sides negotiated media: it stopped "
                    + "sending (or a firewall began to drop its UDP), or the capture point does not see that path");
        }
        if (toSdp != null && facts.stream().noneMatch(f -> f.startsWith(MediaLeg.sdpFact(toSdp)))) {
            frames.add(toSdp.frame());
            facts.add(MediaLeg.sdpFact(toSdp));
        }
        // the reasons follow the finding's own sentence (shown after "Why:"): no second "Why:"
        String joined = String.join("; ", reasons);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ".";
    }

    /**
     * Why none of LiveKit's RTP reached {@code to}, as a sentence, when {@code from} is LiveKit and {@code to}'s SDP
     * names where it sends (else ""), for a finding whose own reasons are about the other direction; adds the fact
     * and frame of that SDP.
     */
    static String whyNoLiveKitRtp(MediaLeg leg, MediaParty to, MediaParty from, SdpAnnouncement toSdp,
                                  SdpAnnouncement fromSdp, List<String> facts, List<Long> frames) {
        if (!liveKitSends(from, fromSdp, toSdp) || !leg.toward(to).isEmpty()) {
            return "";
        }
        if (facts.stream().noneMatch(f -> f.startsWith(MediaLeg.sdpFact(toSdp)))) {
            frames.add(toSdp.frame());
            facts.add(MediaLeg.sdpFact(toSdp));
        }
        String fromName = from.name(fromSdp);
        String why = privateToPublic(toSdp, from.address(fromSdp)) ? LiveKitSending.toPrivate(leg, from, fromName, toSdp)
                : LiveKitSending.unseen(leg, from, fromName, toSdp);
        return why + ".";
    }

    /** True when {@code from} is LiveKit and {@code toSdp} names where it sends its RTP. */
    private static boolean liveKitSends(MediaParty from, SdpAnnouncement fromSdp, SdpAnnouncement toSdp) {
        return from.isLiveKit(fromSdp) && toSdp != null && toSdp.media() != null;
    }

    /** True when {@code sdp} advertises a private address to a peer at the public {@code peer}. */
    static boolean privateToPublic(SdpAnnouncement sdp, String peer) {
        return sdp != null && PrivateAddresses.isPrivate(sdp.address()) && PrivateAddresses.isPublic(peer);
    }

    /**
     * Concrete steps against the causes {@link #whyNoRtpReached} finds: a private SDP address is a cause only when
     * it went to a public peer (parties on one private network reach each other's private addresses).
     */
    static List<String> fixesForNoRtpTo(MediaLeg leg, MediaParty to, MediaParty from, SdpAnnouncement toSdp,
                                        SdpAnnouncement fromSdp) {
        return fixesForNoRtpTo(leg, to, from, toSdp, fromSdp, true);
    }

    /**
     * As {@link #fixesForNoRtpTo(MediaLeg, MediaParty, MediaParty, SdpAnnouncement, SdpAnnouncement)}; without the
     * firewall step unless {@code firewall} (a relay that never sent, where the capture sees what it sends:
     * {@link RelayedSilence#relayWithheld}).
     */
    static List<String> fixesForNoRtpTo(MediaLeg leg, MediaParty to, MediaParty from, SdpAnnouncement toSdp,
                                        SdpAnnouncement fromSdp, boolean firewall) {
        List<String> steps = new ArrayList<>();
        if (privateToPublic(fromSdp, to.address(toSdp))) {
            steps.add(advertisePublic(from, fromSdp));
            if (to.isLiveKit(toSdp)) {
                steps.add(LIVEKIT_LATCH);
            }
        }
        boolean liveKitSends = liveKitSends(from, fromSdp, toSdp);
        if (privateToPublic(toSdp, from.address(fromSdp))) {
            steps.add(advertisePublic(to, toSdp));
            if (liveKitSends) {
                steps.add(LIVEKIT_LATCH);
            }
        }
        if (firewall) {
            steps.add(firewall(to, toSdp, from, fromSdp));
        }
        if (liveKitSends && !privateToPublic(toSdp, from.address(fromSdp)) && leg.toward(to).isEmpty()) {
            steps.add(LiveKitSending.captureStep(to.name(toSdp), toSdp));
        }
        return steps;
    }

    /** How a party makes the SDP {@code sdp}, which carries a private address, carry its public one. */
    static String advertisePublic(MediaParty p, SdpAnnouncement sdp) {
        String privateAddress = sdp.address();
        Role role = p.role(sdp);
        if (role == Role.JAMBONZ) {
            return "Make Jambonz advertise its public address instead of " + privateAddress + ": set drachtio's "
                    + "external IP (--external-ip <public IP>, or <external-ip> in drachtio.conf.xml) and rtpengine's "
                    + "interface as --interface=" + privateAddress + "!<public IP>, so the SDP c= line carries the "
                    + "public address.";
        }
        if (role == Role.LIVEKIT) {
            return "Self-hosted LiveKit SIP: set use_external_ip: true (or nat_1_to_1_ip: <public IP>) in its config "
                    + "so its SDP advertises its public address instead of " + privateAddress + ".";
        }
        return "Configure " + p.name(sdp) + " (its SBC or media server) to advertise its public address instead of "
                + privateAddress + " in the SDP c= line (external IP / NAT settings).";
    }

    /**
     * The UDP ranges that must be open between two parties' media ends as {@code aSdp} and {@code bSdp} announce them
     * (LiveKit's and Jambonz's named when one of them is).
     */
    static String firewall(MediaParty a, SdpAnnouncement aSdp, MediaParty b, SdpAnnouncement bSdp) {
        String aHost = a.address(aSdp);
        String bHost = b.address(bSdp);
        if (aHost.equals(bHost) || AddressScope.isLoopback(aHost) && AddressScope.isLoopback(bHost)) {
            return oneHost(a, aSdp, b, bSdp);
        }
        boolean liveKit = a.isLiveKit(aSdp) || b.isLiveKit(bSdp);
        boolean jambonz = a.role(aSdp) == Role.JAMBONZ || b.role(bSdp) == Role.JAMBONZ;
        String ranges = liveKit && jambonz ? " (LiveKit SIP's rtp_port range, 10000-20000 by default; Jambonz's "
                + "rtpengine --port-min/--port-max, 40000-60000 by default)"
                : liveKit ? " (LiveKit SIP's rtp_port range, 10000-20000 by default)"
                : jambonz ? " (Jambonz's rtpengine --port-min/--port-max, 40000-60000 by default)"
                : " (the media ports each side's SDP announces)";
        return "Open the RTP UDP port ranges both ways between " + aHost + " and " + bHost
                + " in firewalls and security groups" + ranges + ".";
    }

    /**
     * What to check when both media ends are on one host (loopback, or one address): no network or firewall between
     * hosts lies on the path, so the applications themselves or the host's own packet filter are to blame.
     */
    private static String oneHost(MediaParty a, SdpAnnouncement aSdp, MediaParty b, SdpAnnouncement bSdp) {
        String host = a.address(aSdp);
        boolean loopback = AddressScope.isLoopback(host);
        return "Both media ends are on one host (" + (host.equals(b.address(bSdp)) ? host : host + " and "
                + b.address(bSdp)) + (loopback ? ", its loopback interface" : "") + "): no network or firewall between "
                + "hosts lies on the path. Check that each side starts its media and sends it where the other announced "
                + "(" + announced(a, aSdp) + "; " + announced(b, bSdp) + "), that no other "
                + "process holds those UDP ports, and that no local packet filter (iptables/nftables rules"
                + (loopback ? " on lo" : "") + ", a host firewall) drops that UDP.";
    }

    private static String announced(MediaParty p, SdpAnnouncement sdp) {
        return p.name(sdp) + (sdp == null || sdp.media() == null ? " announced no media address"
                : " announced " + sdp.media());
    }
}
