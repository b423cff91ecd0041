package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_ADDRESS_MISMATCH: RTP sent to another address or port than the receiver's SDP announced, or arriving from
 * another one than the sender's SDP announced (NAT rewrote it): the receiver must then latch onto the source
 * (symmetric RTP, "comedia") to send its own RTP back where it will arrive.
 */
final class MediaAddressMismatchCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_ADDRESS_MISMATCH;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachStream(context, (c, leg, to, s) -> check(leg, to, s));
    }

    private static Finding check(MediaLeg leg, MediaParty to, RtpStream s) {
        MediaParty from = leg.other(to);
        SdpAnnouncement toSdp = to.sdpAt(s.firstFrame());
        SdpAnnouncement fromSdp = from.sdpAt(s.firstFrame());
        Endpoint dst = s.key().dst();
        Endpoint src = s.key().src();
        // two parties on one address (a call hairpinned back to it) are one party with the SDP of both: an end its
        // host announced in the same offer/answer exchange is that host's other party's, no mismatch; nor is the
        // announced port at the party's own address behind a 1:1 NAT (MediaLeg.atEnd), where the capture was taken
        boolean wrongDst = toSdp != null && toSdp.media() != null && !leg.atEnd(to, toSdp, dst)
                && !leg.announcedByItsHost(dst, toSdp);
        boolean wrongSrc = fromSdp != null && fromSdp.media() != null && !leg.atEnd(from, fromSdp, src)
                && !leg.announcedByItsHost(src, fromSdp);
        if (!wrongDst && !wrongSrc) {
            return null;
        }
        String toName = to.name(toSdp);
        String fromName = from.name(fromSdp);
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(s.firstFrame()));
        facts.add("RTP " + MediaLeg.describe(s));
        List<String> what = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        // every mismatch answered by latching, as the capture shows it: the audio flows both ways, nothing failed
        boolean flows = true;
        if (wrongDst) {
            frames.add(toSdp.frame());
            facts.add(toName + " announced " + toSdp.media() + ": " + MediaLeg.sdpFact(toSdp));
            what.add("it is sent to " + dst + " although " + toName + " announced " + toSdp.media());
            // latching explains it only when the receiver's own RTP comes from where this RTP goes
            boolean latched = leg.toward(from).stream().anyMatch(r -> r.key().src().equals(dst));
            flows = latched;
            steps.add(latched
                    ? MediaLeg.senderName(from, s) + " sends to " + dst + ", where " + toName + "'s own RTP comes "
                    + "from, not to the announced " + toSdp.media() + ": it has latched onto that source (NAT); make "
                    + toName + " announce the address it really receives on (external IP settings), so that both "
                    + "agree."
                    : MediaLeg.senderName(from, s) + " sends to " + dst + ", which " + toName + " neither announced "
                    + "nor sends its own RTP from: unless a NAT between them forwards that address to "
                    + toSdp.media() + ", the RTP is lost. Check where " + MediaLeg.senderName(from, s) + " takes the "
                    + "destination from (an SDP it did not update after a re-INVITE or UPDATE, a media server or SBC "
                    + "rewriting it, a NAT rule).");
        }
        if (wrongSrc) {
            frames.add(fromSdp.frame());
            facts.add(fromName + " announced " + fromSdp.media() + ": " + MediaLeg.sdpFact(fromSdp));
            what.add("it comes from " + src + " although " + fromName + " announced " + fromSdp.media()
                    + " (NAT, or a media server sending from another port)");
            boolean replies = leg.toward(from).stream().anyMatch(r -> r.key().dst().equals(src));
            flows &= replies;
            what.add(toName + " must latch: send its RTP back to " + src + " where the RTP comes from, not to "
                    + fromSdp.media() + " (the capture shows it does" + (replies ? ")" : " not)"));
            // where the capture shows the receiver latching, asking it to latch (or saying it cannot) contradicts it
            steps.add(replies ? toName + " already sends its RTP back to " + src + " (it latches), so the audio "
                    + "flows; " + (to.isLiveKit(toSdp) ? "LiveKit SIP does so only with symmetric_rtp: true (or "
                    + "ignore_local_addr_in_sdp: true for a private SDP address) in its config, so keep that, or make "
                    : "a peer that does not latch sends to " + fromSdp.media() + " and loses it, so make ")
                    + fromName + " send from the address and port it announces."
                    : to.isLiveKit(toSdp) ? MediaReasons.LIVEKIT_LATCH
                    : "Enable symmetric RTP (latching, \"comedia\") on " + toName + " so it answers to the source "
                    + "address of the RTP it receives.");
            if (PrivateAddresses.isPrivate(fromSdp.address())) {
                steps.add(MediaReasons.advertisePublic(from, fromSdp));
            }
        }
        return new Finding(CODE, flows ? Severity.INFO : CODE.severity(), CODE.title(toName),
                "The RTP of this leg does not follow the addresses in the SDP: " + String.join("; ", what)
                        + ". Where the sender is behind NAT, media reaches the far side only if it latches onto "
                        + "the source address." + (flows ? " Here the capture shows it latched, so the audio flows "
                        + "both ways: worth knowing for peers that do not latch, not a fault of this call." : ""),
                leg.leg.callId(), leg.flow.id(), false, Findings.evidence(frames.stream().distinct().toList(),
                        List.of(), facts), Findings.fix(steps, List.of(), null));
    }
}
