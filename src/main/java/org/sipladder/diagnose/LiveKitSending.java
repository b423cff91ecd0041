package org.sipladder.diagnose;

import org.sipladder.media.SdpAnnouncement;

/**
 * Why no RTP from LiveKit SIP reached its peer, told from what LiveKit does with its own audio: from the answer on it
 * sends RTP every 20 ms, silence included, to the c=/m= address of its peer's SDP. Read from livekit/sip: the room
 * mixer (media-sdk {@code mixer.Mixer}) writes a frame on every tick even with no input, it is wired to the call's
 * RTP output when the media starts ({@code runMediaConn}), and that output is switched on at the 200 OK
 * ({@code EnableOut} in {@code acceptCall}; outbound, on the 200 OK it gets), which for an inbound call waits until the
 * agent's audio track is subscribed ({@code waitSubscribe}). The destination is the SDP's address; LiveKit latches
 * onto the source of the RTP it gets only with {@code symmetric_rtp} (livekit-inbound-routing.md, section 8). So no
 * RTP from LiveKit in the capture is never a silent or unpublished agent: it went elsewhere or was dropped on the way.
 */
final class LiveKitSending {

    private LiveKitSending() {
    }

    /**
     * Why none of the RTP {@code liveKit} sends reached {@code peer} when {@code peerSdp} gave it a private address
     * while LiveKit is public: it went where it cannot arrive. One clause, no full stop.
     */
    static String toPrivate(MediaLeg leg, MediaParty liveKit, String liveKitName, SdpAnnouncement peerSdp) {
        return sends(leg, liveKit, liveKitName, peerSdp) + toPrivateTail();
    }

    /** ", a private address ... unless symmetric_rtp is set": why RTP sent to a private SDP address never arrived. */
    static String toPrivateTail() {
        return ", a private address that cannot be reached from the public internet: that RTP went to an unreachable address (" + FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER
                + " of this call), and LiveKit does not latch onto the address RTP comes from unless symmetric_rtp is set";
    }

    /**
     * Why none of the RTP {@code liveKit} sends reached {@code peer}, whose SDP {@code peerSdp} gave a reachable
     * address: sent there, and lost before the capture point or on a path it does not see. One clause, no full stop.
     */
    static String unseen(MediaLeg leg, MediaParty liveKit, String liveKitName, SdpAnnouncement peerSdp) {
        return sends(leg, liveKit, liveKitName, peerSdp) + unseenTail(peerSdp);
    }

    /** ": none of it reached the capture point, so ...": why RTP sent to a reachable SDP address is not captured. */
    static String unseenTail(SdpAnnouncement peerSdp) {
        return ": none of it reached the capture point, so either a firewall "
                + "or security group drops UDP from LiveKit's RTP ports (rtp_port, 10000-20000 by default) toward "
                + peerSdp.address() + ", or the capture does not see the interface where it arrives";
    }

    /** The step that tells the two apart when LiveKit's RTP to a reachable address is missing from the capture. */
    static String captureStep(String peerName, SdpAnnouncement peerSdp) {
        return "Capture on " + peerName + " itself (tcpdump -i any udp port " + peerSdp.port() + ") to see whether "
                + "LiveKit's RTP arrives there: if it does, the first capture missed that interface; if not, it is "
                + "dropped between LiveKit and " + peerSdp.address() + ".";
    }

    /** "LiveKit (x) sends RTP from its 200 OK (frame 7) on, silence included ..., to 10.0.0.5:40000, the c=/m= ...". */
    private static String sends(MediaLeg leg, MediaParty liveKit, String liveKitName, SdpAnnouncement peerSdp) {
        String answer = liveKit.is(leg.answer.src()) ? "its 200 OK" : "the 200 OK it got";
        return liveKitName + " sends RTP from " + answer + " (frame " + leg.answer.frame() + ") on, silence included "
                + "when nobody in the room speaks (its room mixer writes a frame every 20 ms), to " + peerSdp.media()
                + ", the c=/m= address of the SDP it got (" + peerSdp.describe() + ")";
    }
}
