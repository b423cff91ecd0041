package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.sip.B2buaProfile;
import org.sipladder.sip.SipMessage;

/**
 * LK_REINVITE_NEW_CALL: a re-INVITE of a call LiveKit answered or placed, which LiveKit answered the way it answers a
 * new call. livekit/sip (pkg/sip/inbound.go processInvite) looks an INVITE's call up only by its To tag among the
 * calls of the node that got it, the inbound calls and then the outbound ones (Client.getActiveCall): a call it has
 * gets 200 OK with its own SDP at once; with none (another node has the call, or the call ended there) the re-INVITE
 * goes through trunk matching, auth and dispatch as a brand-new call, so it gets 100 Processing, then ringing, a
 * refusal, or the 200 of a second call. A plain 200 alone is not told apart from the first case.
 */
final class LiveKitReinviteNewCallCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_REINVITE_NEW_CALL;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>(0);
        for (CallFlow flow : context.flows()) {
            if (!newCallAnswerAfterAnswer(flow)) {
                continue; // nearly every call
            }
            for (DialogRequests r : context.dialogRequests(flow, "INVITE")) {
                Finding f = finding(flow, r);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return findings;
    }

    /** True when LiveKit answered {@code r}, a re-INVITE to it, as a new call: SIP_SESSION_CHANGE_REFUSED leaves it here. */
    static boolean takenAsNewCall(CallFlow flow, DialogRequests r) {
        return answers(flow, r) != null;
    }

    /** True when, after a 2xx to an INVITE, an INVITE got 100 Processing or a 18x: cheap, statuses only. */
    private static boolean newCallAnswerAfterAnswer(CallFlow flow) {
        boolean answered = false;
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if (m.isRequest() || !"INVITE".equals(m.cseqMethod())) {
                continue;
            }
            if (answered && newCallAnswer(m)) {
                return true;
            }
            answered |= m.status() >= 200 && m.status() < 300;
        }
        return false;
    }

    /**
     * True for what LiveKit sends only to an INVITE it runs as a new call, never to a re-INVITE of a call it has: its
     * 100 Processing (sent before trunk matching unless hide_inbound_port is set) and its ringing. A refusal alone is
     * left to SIP_SESSION_CHANGE_REFUSED: LiveKit Cloud's build or what stands in front of LiveKit may refuse too.
     */
    private static boolean newCallAnswer(SipMessage m) {
        int status = m.status();
        return status == 100 && "Processing".equals(m.reason()) || status > 100 && status < 200;
    }

    /**
     * LiveKit's responses to {@code r} in order, when {@code r} is a re-INVITE to LiveKit after the 2xx to the call's
     * INVITE, sent by LiveKit (it answered) or to it (it placed the call), and one of them is a new call's answer; else
     * null.
     */
    private static List<SipMessage> answers(CallFlow flow, DialogRequests r) {
        SipMessage request = r.request();
        if (!request.hasToTag() || !flow.hasHop(request.dst(), Role.LIVEKIT)) {
            return null;
        }
        SipMessage answer = DialogNotFoundCheck.answerOf(flow, request.callId());
        if (answer == null || answer.frame() >= request.frame()
                || !flow.hasHop(answer.src(), Role.LIVEKIT) && !flow.hasHop(answer.dst(), Role.LIVEKIT)) {
            return null;
        }
        List<SipMessage> responses = new ArrayList<>(3);
        boolean newCall = false;
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (m.frame() > request.frame() && !fm.retransmission() && !m.isRequest() && "INVITE".equals(m.cseqMethod())
                    && m.cseqNumber() == request.cseqNumber() && request.callId().equals(m.callId())
                    && DialogRequests.answers(m, request)) {
                responses.add(m);
                newCall |= newCallAnswer(m);
            }
        }
        return newCall ? responses : null;
    }

    /**
     * LiveKit's own tag of the dialog {@code answer} answered: the To tag of its 200 OK when it answered, the From tag
     * of its INVITE when it placed the call; null when neither is LiveKit's.
     */
    static String liveKitTag(CallFlow flow, SipMessage answer) {
        if (flow.hasHop(answer.src(), Role.LIVEKIT)) {
            return answer.toTag();
        }
        SipMessage placed = placingInvite(flow, answer.callId());
        return placed == null ? null : SipMessage.tagOf(placed.header("From"));
    }

    /**
     * Why LiveKit could not match {@code request} when its To tag is not LiveKit's {@code tag} for the dialog, or null
     * when it is (or LiveKit's tag is unknown).
     */
    static String otherTag(SipMessage request, String tag) {
        return tag == null || tag.equals(request.toTag()) ? null : "Its To tag " + request.toTag() + " is not "
                + "LiveKit's tag for this call (" + tag + "): LiveKit finds a call by that tag alone (livekit/sip "
                + "pkg/sip/types.go GetLocalTagUAS), so no node of it could match this " + request.method()
                + "; its sender, or an SBC on the way, changed the tag";
    }

    /** LiveKit's INVITE that opened the call {@code callId} it placed (no To tag), or null. */
    private static SipMessage placingInvite(CallFlow flow, String callId) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (m.isRequest() && "INVITE".equals(m.method()) && !m.hasToTag() && callId.equals(m.callId())
                    && flow.hasHop(m.src(), Role.LIVEKIT)) {
                return m;
            }
        }
        return null;
    }

    private static Finding finding(CallFlow flow, DialogRequests r) {
        List<SipMessage> responses = answers(flow, r);
        if (responses == null) {
            return null;
        }
        SipMessage request = r.request();
        SipMessage answer = DialogNotFoundCheck.answerOf(flow, request.callId());
        String liveKit = request.dst().address();
        List<String> labels = new ArrayList<>(responses.size());
        List<Long> frames = new ArrayList<>(List.of(answer.frame(), request.frame()));
        for (SipMessage m : responses) {
            labels.add(m.label());
            frames.add(m.frame());
        }
        String outcome = String.join(", ", labels);
        // LiveKit's own Contact: in its 200 OK when it answered the call, in its INVITE when it placed it
        SipMessage placed = flow.hasHop(answer.src(), Role.LIVEKIT) ? null : placingInvite(flow, request.callId());
        SipMessage own = placed != null ? placed : answer;
        String contact = own.header("Contact");
        List<String> facts = new ArrayList<>();
        if (placed != null) {
            frames.add(0, placed.frame());
            facts.add("LiveKit " + placed.src().address() + " placed the call (INVITE frame " + placed.frame()
                    + ", Contact " + contact + ", From tag " + SipMessage.tagOf(placed.header("From")) + "); " + answer.src().address()
                    + " answered it 200 (frame " + answer.frame() + ")");
        } else {
            facts.add("LiveKit " + answer.src().address() + " answered the call 200 (frame " + answer.frame()
                    + ") with Contact " + contact + " and To tag " + answer.toTag());
        }
        facts.add("re-INVITE frame " + request.frame() + " (CSeq " + request.cseqNumber() + ", To tag " + request.toTag()
                + ") from " + request.src().address() + " to " + request.requestUri() + " (sent to " + liveKit
                + ") was answered " + outcome);
        if (!liveKit.equals(own.src().address())) {
            facts.add("The re-INVITE went to " + liveKit + (placed != null ? ", the call was placed by "
                    : ", the 200 OK came from ") + own.src().address());
        }
        String otherTag = otherTag(request, liveKitTag(flow, answer));
        if (otherTag != null) {
            facts.add(otherTag);
        }
        String target = request.requestUri() == null ? "" : B2buaProfile.hostOf(request.requestUri());
        if (contact != null && !target.isEmpty() && !contact.toLowerCase(Locale.ROOT).contains(target)) {
            facts.add("The re-INVITE's Request-URI host " + target + " is not that of LiveKit's Contact: it was not "
                    + "sent to the node that " + (placed != null ? "placed the call" : "answered"));
        }
        SipMessage fin = responses.get(responses.size() - 1);
        String effect = fin.status() >= 200 && fin.status() < 300
                ? "Here it was answered 200 as a second call: another room or agent may now hold a copy of this call, "
                + "while the session change never reached the call that is up."
                : fin.status() >= 300
                ? "Here the new call was refused, so the session change (hold, codec, media address or session refresh) "
                + "never reached the call that is up; if it was a session refresh, the session timer expires and "
                + "ends the call unless a later refresh reaches the node that has it."
                : "The session change never reached the call that is up.";
        String explanation = "LiveKit answered this re-INVITE (" + outcome + ") as it answers a new call. livekit/sip "
                + "looks an INVITE's call up only by its To tag among the " + (placed != null ? "outbound calls" : "calls")
                + " of the node that got it (pkg/sip/inbound.go processInvite): a re-INVITE of a call it has gets 200 "
                + "OK with its own SDP at once, never 100 Processing, ringing or a refusal. " + (otherTag != null
                ? otherTag + ". " : "The node that got this one "
                + "has no such call: the re-INVITE reached another node of the cluster or of LiveKit Cloud than the one "
                + "that " + (placed != null ? "placed the call" : "answered") + ", or the call had already ended there. ")
                + "So it ran trunk matching, auth and dispatch again as for a brand-new call. " + effect;
        String firstStep = placed != null
                ? "Send in-dialog requests (re-INVITE, BYE) to the node that placed the call: to the Contact of "
                + "LiveKit's INVITE (" + contact + "), through its Record-Route entries"
                : "Send in-dialog requests (re-INVITE, BYE) to the node that answered: to the 200 OK's Contact ("
                + contact + "), through its Record-Route entries";
        List<String> steps = new ArrayList<>();
        if (otherTag != null) {
            steps.add(keepTag(liveKitTag(flow, answer)));
        }
        return DialogRequests.finding(flow, request, CODE, CODE.title(liveKit, outcome), explanation, frames, facts,
                addAll(steps, firstStep + "; no load balancer or SBC between may rewrite them or spread one dialog's "
                                + "requests over several nodes.",
                        "With LiveKit Cloud, send them to the Contact LiveKit gave, not back to the project's SIP "
                                + "URI (<project>.sip.livekit.cloud), which may reach another node."));
    }

    /** The step that keeps LiveKit's tag on a dialog's requests. */
    static String keepTag(String tag) {
        return "Keep LiveKit's tag (" + tag + ") in the To header of every request of the dialog: an SBC or B2BUA "
                + "in front of LiveKit must map its own tags back, not pass them on.";
    }

    private static List<String> addAll(List<String> steps, String... more) {
        steps.addAll(List.of(more));
        return steps;
    }
}
