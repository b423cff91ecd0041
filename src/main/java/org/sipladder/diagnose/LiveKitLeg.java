package org.sipladder.diagnose;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.SipMessage;

/**
 * What one call shows of LiveKit's side, for the config's own findings ({@link CallImpact}): whether an INVITE of it
 * reached LiveKit, or whether it is a call that could have gone on to LiveKit (a B2BUA such as Jambonz forwards the
 * carrier's INVITE under a new Call-ID) whose leg to LiveKit is not in the capture.
 *
 * @param reached an INVITE of the call went to LiveKit
 * @param missing none of the call's INVITEs went to LiveKit, yet it could have gone on to LiveKit: its first INVITE
 *                (not a scanner's, not one LiveKit placed) is for a number a loaded inbound trunk lists, or went to a
 *                host that passes calls on (Jambonz, another B2BUA, a proxy)
 * @param claimed for a missing leg whose called number (the To user, as LiveKit matches) a loaded inbound trunk lists:
 *                "call C is for N, a number trunk T lists"; else null
 */
public record LiveKitLeg(boolean reached, boolean missing, String claimed) {

    /** A call that shows nothing of LiveKit's side and would not have reached it (a registration, a scan...). */
    public static final LiveKitLeg NONE = new LiveKitLeg(false, false, null);

    /** The LiveKit leg of {@code flow}, whose INVITEs that reached LiveKit are {@code routed}. */
    static LiveKitLeg of(CallFlow flow, List<LiveKitRouting> routed, CallMemo memo, LiveKitConfig config) {
        if (!routed.isEmpty()) {
            return new LiveKitLeg(true, false, null);
        }
        SipMessage invite = null;
        for (InviteTransaction tx : memo.invites(flow)) {
            if (tx.inDialog()) {
                continue;
            }
            if (LiveKitRoutings.sentToLiveKit(flow, tx.request())) {
                return new LiveKitLeg(true, false, null); // LiveKit passed it on, so it saw it
            }
            invite = invite == null ? tx.request() : invite;
        }
        if (invite == null || flow.placedByLiveKit() || flow.scanner() != null) {
            return NONE;
        }
        String called = SipAddress.parse(memo.header(invite, "To")).user();
        List<SIPInboundTrunkInfo> listing = called == null || called.isEmpty() ? List.of()
                : config.trunksListing(called);
        if (!listing.isEmpty()) {
            return new LiveKitLeg(false, true, "call " + invite.callId() + " is for " + called + ", a number trunk "
                    + listing.get(0).getSipTrunkId() + " lists");
        }
        boolean forwarder = flow.hasHop(invite.dst(), Role.JAMBONZ) || flow.hasHop(invite.dst(), Role.B2BUA)
                || flow.hasHop(invite.dst(), Role.PROXY);
        return forwarder ? new LiveKitLeg(false, true, null) : NONE;
    }
}
