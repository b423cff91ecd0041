package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.sip.SipMessage;

/**
 * LK_DTMF_INFO_REFUSED: DTMF sent to LiveKit as SIP INFO (application/dtmf-relay or application/dtmf). LiveKit SIP
 * has no INFO handler and answers every INFO 405 Method Not Allowed ({@link LiveKitDtmf}), so the agent never gets
 * the digits; it takes DTMF only as RFC 4733 telephone-events in the RTP. INFOs the capture shows LiveKit accepting
 * (a 2xx) are not reported: the capture wins over what its code says.
 */
final class DtmfInfoCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_DTMF_INFO_REFUSED;
    private static final int MAX_FRAMES = 6;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>(0);
        for (CallFlow flow : context.flows()) {
            if (!flow.aLeg().isCall()) {
                continue;
            }
            List<DialogRequests> refused = new ArrayList<>(0);
            for (DialogRequests r : context.dialogRequests(flow, "INFO")) {
                SipMessage answer = r.finalResponse();
                if ((answer == null || answer.status() >= 300) && LiveKitDtmf.dtmfInfo(context, flow, r.request())) {
                    refused.add(r);
                }
            }
            if (!refused.isEmpty()) {
                findings.add(finding(context, flow, refused));
            }
        }
        return findings;
    }

    private static Finding finding(DiagnosisContext context, CallFlow flow, List<DialogRequests> refused) {
        StringBuilder digits = new StringBuilder();
        Set<String> answers = new LinkedHashSet<>();
        List<Long> frames = new ArrayList<>();
        int unanswered = 0;
        for (DialogRequests r : refused) {
            digits.append(LiveKitDtmf.digit(r.request()));
            if (r.finalResponse() == null) {
                unanswered++;
            } else {
                answers.add(r.finalResponse().label());
            }
            if (frames.size() < MAX_FRAMES) {
                frames.add(r.request().frame());
                if (r.finalResponse() != null) {
                    frames.add(r.finalResponse().frame());
                }
            }
        }
        SipMessage first = refused.get(0).request();
        String sender = first.src().address();
        String outcome = (answers.isEmpty() ? "" : "answered " + String.join(", ", answers))
                + (unanswered == 0 ? "" : (answers.isEmpty() ? "" : "; ") + unanswered + " without an answer in the capture");
        List<String> facts = new ArrayList<>();
        facts.add(refused.size() + " INFO with DTMF from " + sender + " to LiveKit " + first.dst() + " from frame "
                + first.frame() + " (Content-Type " + context.header(first, "Content-Type").trim() + "), digits "
                + digits + ": " + outcome);
        LiveKitDtmf call = LiveKitDtmf.of(context, flow);
        String rtp;
        if (call == null) {
            rtp = "";
        } else if (call.negotiated()) {
            facts.add((call.outbound() ? "The answer to LiveKit" : "LiveKit's answer") + " (frame " + call.answer().frame() + ") names " + String.join(", ", call.answered()));
            rtp = " This call did negotiate telephone-event with LiveKit, so sending the digits as RFC 4733 events is "
                    + "enough.";
        } else {
            facts.add("No telephone-event negotiated with LiveKit: " + call.gap());
            rtp = " This call did not negotiate telephone-event with LiveKit either (" + call.gap() + "), so the "
                    + (call.outbound() ? "answer to LiveKit's INVITE must also name telephone-event/8000."
                    : "INVITE must also offer telephone-event/8000.");
        }
        String explanation = sender + " sent the caller's key presses to LiveKit as SIP INFO (" + outcome + "). "
                + "LiveKit SIP has no INFO handler: it answers every INFO 405 Method Not Allowed (livekit/sip "
                + "pkg/sip/server.go handles INVITE, ACK, BYE, OPTIONS and NOTIFY; OnNoRoute refuses the rest), "
                + "although the Allow header it sends lists INFO, so the agent never gets these digits. LiveKit takes "
                + "DTMF only as RFC 4733 telephone-events in the RTP, of the payload type its SDP answer names for "
                + "telephone-event/8000, and passes them to the room as SIP DTMF events." + rtp;
        return new Finding(CODE, CODE.severity(), CODE.title(digits, outcome), explanation, first.callId(), flow.id(),
                false, Findings.evidence(frames, List.of(), facts),
                Findings.fix(List.of("Send DTMF as RFC 2833/4733 telephone-events instead of SIP INFO: in Jambonz, set "
                        + "the carrier's DTMF type to RFC 2833 (the carrier's events then reach LiveKit in the RTP); on "
                        + "a PBX, SBC or softphone in front, its DTMF mode (rfc2833 or rfc4733, not info or sip-info).",
                        "Make sure the INVITE to LiveKit offers a=rtpmap:<pt> telephone-event/8000: LiveKit reads no "
                                + "other rate."), List.of(), null));
    }
}
