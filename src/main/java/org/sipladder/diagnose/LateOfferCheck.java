package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.sip.SipMessage;

/**
 * SIP_LATE_OFFER: an initial INVITE to LiveKit without SDP (delayed offer). LiveKit takes the offer from the INVITE
 * and cannot start media without one.
 */
final class LateOfferCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_LATE_OFFER;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.routings()) {
            SipMessage invite = r.transaction().request();
            if (!invite.hasSdp()) {
                CallFlow flow = r.transaction().flow();
                findings.add(DialogRequests.finding(flow, invite, CODE, CODE.title(),
                        "LiveKit answers an INVITE with an SDP answer to the offer in that INVITE (its media "
                                + "connection is started from the INVITE body); it does not make an offer in its 200 OK "
                                + "for the caller to answer in the ACK. An INVITE without SDP (delayed offer, common "
                                + "behind SBCs and some PBXs) leaves it nothing to answer, and the call fails or has no audio.",
                        Findings.frames(r.transaction()),
                        List.of("INVITE frame " + invite.frame() + " has no SDP body (Content-Type "
                                + invite.header("Content-Type") + ")", r.summary()),
                        List.of("Enable early offer (send SDP in the INVITE) on the SBC or PBX that sends calls to "
                                + "LiveKit (e.g. 'early offer forced' / 'delayed offer to early offer' interworking).")));
            }
        }
        return findings;
    }
}
