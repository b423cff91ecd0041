package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipUriEquivalence;

/**
 * SIP_DIALOG_NOT_FOUND: a BYE (or other in-dialog request) answered 481: it reached a hop that does not know the
 * dialog, usually because the sender ignored Record-Route or sent it to the wrong Contact.
 */
final class DialogNotFoundCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_DIALOG_NOT_FOUND;

    private static final List<String> METHODS = List.of("BYE", "INVITE", "UPDATE", "REFER", "NOTIFY", "INFO");

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            if (!DialogRequests.hasStatus(flow, 481)) {
                continue; // nearly every call: no request of it can have been answered 481
            }
            List<DialogRequests> byes = context.dialogRequests(flow, "BYE");
            for (String method : METHODS) {
                for (DialogRequests r : context.dialogRequests(flow, method)) {
                    if (refused(r)) {
                        findings.add(finding(flow, r, byes, context.liveKitLaterTimeout(flow)));
                    }
                }
            }
        }
        return findings;
    }

    private static boolean refused(DialogRequests r) {
        return r.finalResponse() != null && r.finalResponse().status() == 481;
    }

    /**
     * {@code bye} as one of {@code byes} when it ended no dialog: answered 481 itself, or sent again and again with no
     * response at all (it never reached the other side); null otherwise.
     */
    private static DialogRequests unendingBye(SipMessage bye, List<DialogRequests> byes) {
        for (DialogRequests b : byes) {
            if (b.request() == bye && (refused(b) || b.finalResponse() == null && b.copies() > 1)) {
                return b;
            }
        }
        return null;
    }

    /**
     * The finding for the refused request {@code r}; {@code laterTimeout}: LiveKit's later media timeout for the call
     * ({@link DiagnosisContext#liveKitLaterTimeout}).
     */
    private static Finding finding(CallFlow flow, DialogRequests r, List<DialogRequests> byes, String laterTimeout) {
        SipMessage request = r.request();
        SipMessage refusal = r.finalResponse();
        List<String> facts = new ArrayList<>();
        facts.add(request.method() + " frame " + request.frame() + " to " + request.requestUri() + " (sent to "
                + request.dst() + ") was answered 481 " + refusal.reason());
        List<Long> frames = new ArrayList<>(List.of(request.frame(), refusal.frame()));
        SipMessage ended = firstBye(flow, request, 0, refusal.frame(), request.toTag());
        DialogRequests unending = ended == null ? null : unendingBye(ended, byes);
        if (unending != null) {
            // the other side's BYE was refused too: the dialog lived on where it was refused, and this BYE ends it
            // there later, to a side that had given it up (no crossing)
            frames.add(0, ended.frame());
            String fate = unending.finalResponse() == null ? "got no response at all" : "was answered 481 itself";
            facts.add(ended.src().address() + "'s BYE (frame " + ended.frame() + ") " + fate);
            return DialogRequests.finding(flow, request, CODE, CODE.title(request.method()),
                    "481 Call/Transaction Does Not Exist answers a dialog its receiver no longer has: "
                            + ended.src().address() + " hung up with its BYE (frame " + ended.frame() + "), which "
                            + fate + ", so the call stayed up at " + request.src().address() + " until "
                            + "it ended it with this " + request.method() + String.format(Locale.ROOT, " %.1f s later",
                            (request.timestampMicros() - ended.timestampMicros()) / 1e6)
                            + ", to a side that had given the call up. This follows from the first BYE's fate.",
                    frames, facts, List.of("Fix the first BYE (frame " + ended.frame() + "): see its own finding."))
                    .withSeverity(Severity.INFO);
        }
        if (ended != null) {
            // the other side ended the dialog before the 481: the request crossed its BYE, nothing was lost
            frames.add(0, ended.frame());
            facts.add(ended.src().address() + " had already sent BYE (frame " + ended.frame() + ") for this dialog");
            return DialogRequests.finding(flow, request, CODE, CODE.title(request.method()),
                    "481 Call/Transaction Does Not Exist answers a request for a dialog its receiver no longer has: "
                            + ended.src().address() + " ended the call with its own BYE (frame " + ended.frame()
                            + ") before this " + request.method() + " was answered, so the two crossed. The dialog "
                            + "is over on both sides: nothing is left to tear down.",
                    frames, facts, List.of("Nothing to fix: both sides ended the call at about the same time."))
                    .withSeverity(Severity.INFO);
        }
        RouteSet routes = RouteSet.of(flow, request);
        RouteSet.Bypass bypass = routes == null ? null : routes.bypass(request);
        SipMessage answer = answerOf(flow, request.callId());
        if (bypass != null) {
            facts.add(bypass.fact());
        } else if (answer != null) {
            String recordRoute = answer.header("Record-Route");
            facts.add("The 200 OK (frame " + answer.frame() + ") had Contact " + answer.header("Contact")
                    + (recordRoute == null ? " and no Record-Route" : " and Record-Route " + recordRoute));
            if (recordRoute != null && request.header("Route") == null) {
                facts.add("The " + request.method() + " carries no Route header: it ignored the Record-Route");
            }
        }
        String otherTag = flow.hasHop(refusal.src(), Role.LIVEKIT) && answer != null
                ? LiveKitReinviteNewCallCheck.otherTag(request, LiveKitReinviteNewCallCheck.liveKitTag(flow, answer)) : null;
        if (otherTag != null) {
            facts.add(otherTag);
        }
        if (flow.hasHop(refusal.src(), Role.LIVEKIT)) {
            facts.add("INVITE".equals(request.method())
                    ? "The open-source LiveKit SIP server never answers 481 to an INVITE: a re-INVITE whose To tag "
                    + "names no call of the node that got it is processed as a new call (livekit/sip "
                    + "pkg/sip/inbound.go processInvite), so this 481 came from what is in front of LiveKit or from "
                    + "LiveKit Cloud's own build"
                    : "LiveKit answers 481 \"Call does not exist\" to a BYE or NOTIFY whose To tag names no call of "
                    + "the node that got it: the call ended there already, or the request reached another node "
                    + "(livekit/sip pkg/sip/inbound.go)");
        }
        // sent to the answer's Contact with its route set kept: nothing wrong with where it went
        boolean wellAddressed = otherTag == null && bypass == null && !flow.hasHop(refusal.src(), Role.LIVEKIT)
                && wellAddressed(request, answer);
        String after = "";
        SipMessage bye = "BYE".equals(request.method()) ? null
                : firstBye(flow, request, refusal.frame(), Long.MAX_VALUE, null);
        SipMessage lingered = "BYE".equals(request.method()) && flow.hasHop(refusal.src(), Role.LIVEKIT)
                ? firstBye(flow, request, refusal.frame(), Long.MAX_VALUE, null) : null;
        if (lingered != null && lingered.src().address().equals(refusal.src().address())) {
            // LiveKit never got the hang-up: its call, room and agent stayed until it ended the call itself
            frames.add(lingered.frame());
            facts.add(String.format(Locale.ROOT, "LiveKit sent its own BYE (frame %d) %.1f s after the 481",
                    lingered.frame(), (lingered.timestampMicros() - refusal.timestampMicros()) / 1e6));
            after = " Here LiveKit, which never got the hang-up, kept its side of the call (the room, the agent) until "
                    + "it ended it itself with BYE frame " + lingered.frame() + " (with no RTP reaching it, LiveKit does so after "
                    + "its media_timeout, " + laterTimeout
                    + "; livekit/sip pkg/sip/media_port.go).";
        } else if (bye != null) {
            frames.add(bye.frame());
            facts.add("BYE frame " + bye.frame() + " from " + bye.src().address() + " ended the call after the 481");
            after = bye.src().address().equals(refusal.src().address())
                    ? " Here " + bye.src().address() + ", which had answered 481, then ended the call itself (BYE, frame "
                    + bye.frame() + "): it did have the dialog, so the 481 came from a part of it that did not (another "
                    + "node or process behind that address) or from a request it could not match to the dialog."
                    : " Here " + bye.src().address() + " then ended the call (BYE, frame " + bye.frame() + "): RFC 3261 "
                    + "12.2.1.2 has the sender of an in-dialog request answered 481 end the dialog (RFC 4028 10 for a "
                    + "session refresh), so the 481 is why the call ended.";
        }
        String receiver = refusal.src().address();
        return DialogRequests.finding(flow, request, CODE,
                CODE.title(request.method()),
                (wellAddressed ? "481 Call/Transaction Does Not Exist means the request reached a SIP element with no "
                        + "such dialog. This " + request.method() + " went where RFC 3261 12.2.1.1 sends it (the "
                        + "Contact of the 200 OK, through its Record-Route if any), so " + receiver + " itself no "
                        + "longer had the dialog: it had dropped it without a BYE the capture shows (a restart or "
                        + "failover, a timer of its own), or could not match the request's tags to it. The call may "
                        + "then never be torn down on the other side."
                        : "481 Call/Transaction Does Not Exist means the request reached a SIP element with no such dialog: the "
                        + "sender addressed it to the wrong target (not the Contact of the answer), ignored the "
                        + "Record-Route set (so a proxy or SBC that must stay in the path was skipped), or the dialog "
                        + "had already ended there. The call may then never be torn down on the other side.")
                        + (otherTag == null ? "" : " Here: " + otherTag + ".") + after
                        + (bypass == null ? "" : bypass.cause()),
                frames, facts, otherTag != null ? List.of(LiveKitReinviteNewCallCheck.keepTag(
                        LiveKitReinviteNewCallCheck.liveKitTag(flow, answer))) : bypass != null ? bypass.steps()
                        : wellAddressed ? List.of("Look in " + receiver + "'s logs for when and why it dropped the "
                        + "dialog (a restart, a failover to another node, a session or media timer of its own); one "
                        + "that ends a call must send BYE, and one behind a shared address must share its dialogs.")
                        : List.of("Send in-dialog requests to the Contact of the 200 OK, through every Record-Route "
                                + "entry (as Route headers, in order).",
                        "If an SBC or Jambonz rewrites Contact, make sure the address it puts there reaches it."));
    }

    /**
     * True when {@code request}, sent by the party that got {@code answer} (its From tag), went to the answer's Contact
     * URI (RFC 3261 19.1.4 equality) and carries a Route header where the answer had a Record-Route.
     */
    private static boolean wellAddressed(SipMessage request, SipMessage answer) {
        String contact = answer == null ? null : answer.header("Contact");
        String tag = contact == null || request.header("From") == null ? null : SipMessage.tagOf(request.header("From"));
        if (tag == null || answer.header("From") == null || !tag.equals(SipMessage.tagOf(answer.header("From")))) {
            return false;
        }
        int open = contact.indexOf('<');
        int close = contact.indexOf('>', open + 1);
        String target = open >= 0 && close > open ? contact.substring(open + 1, close) : contact.split(";")[0].trim();
        return SipUriEquivalence.equivalent(target, request.requestUri())
                && (answer.header("Record-Route") == null || request.header("Route") != null);
    }

    /**
     * The first BYE of {@code request}'s dialog between frames {@code after} and {@code before} (exclusive), sent by the
     * party whose tag is {@code fromTag} (null: by either; through a proxy the sender's address changes, its tag not),
     * or null.
     */
    private static SipMessage firstBye(CallFlow flow, SipMessage request, long after, long before, String fromTag) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (m.frame() > after && m.frame() < before && m != request && !fm.retransmission()
                    && "BYE".equals(m.method()) && request.callId().equals(m.callId())
                    && (fromTag == null || fromTag.equals(SipMessage.tagOf(m.header("From"))))) {
                return m;
            }
        }
        return null;
    }

    /** The first 2xx answer to an INVITE with Call-ID {@code callId} in the flow, or null. */
    static SipMessage answerOf(CallFlow flow, String callId) {
        if (callId == null) {
            return null;
        }
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if (isInviteAnswer(m) && callId.equals(m.callId())) {
                return m;
            }
        }
        return null;
    }

    /** True when {@code m} is a 2xx response to an INVITE. */
    static boolean isInviteAnswer(SipMessage m) {
        return !m.isRequest() && m.status() >= 200 && m.status() < 300 && "INVITE".equals(m.cseqMethod());
    }
}
