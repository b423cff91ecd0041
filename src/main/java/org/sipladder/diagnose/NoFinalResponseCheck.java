package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.capture.Unreachable;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * SIP_NO_FINAL_RESPONSE: an INVITE got no final response at all in the capture; or, in a dialog without INVITE (an
 * OPTIONS ping, a REGISTER, a MESSAGE...), the last attempt of the request that opened it got none
 * ({@link UnansweredRequest}).
 */
final class NoFinalResponseCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_NO_FINAL_RESPONSE;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            List<InviteTransaction> invites = context.invites(flow);
            for (InviteTransaction tx : invites) {
                if (tx.finalResponse() == null && !cancelledForABranch(tx, invites)) {
                    boolean toLiveKit = LiveKitRoutings.sentToLiveKit(flow, tx.request());
                    Unreachable refused = tx.responses().isEmpty()
                            ? UnreachableEvidence.first(context, tx.request(), TIMER_B_MICROS) : null;
                    Finding f = finding(tx, invites, toLiveKit, context.config().hasInbound(),
                            context.media().lastPacketMicros(), refused,
                            toLiveKit || !tx.responses().isEmpty() || tx.inDialog() ? null
                                    : meantForLiveKit(context, tx.request()));
                    SipMessage bye = tx.inDialog() && tx.responses().isEmpty() && refused == null ? timedOutBye(tx) : null;
                    findings.add(bye == null ? f : endedBy(f, tx, bye));
                }
            }
            if (invites.isEmpty() && flow.failed() && flow.finalStatus() == 0) {
                Finding f = UnansweredRequest.finding(context, flow);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return findings;
    }

    /**
     * The BYE with which the sender of {@code tx}, a re-INVITE that got no response, ended its dialog when the re-INVITE
     * timed out (Timer B, RFC 3261 14.1: "the UAC SHOULD terminate the dialog"): its first BYE of the Call-ID, sent
     * from 90 % of Timer B to 8 s past it after the re-INVITE; null when it sent none then.
     */
    private static SipMessage timedOutBye(InviteTransaction tx) {
        SipMessage reinvite = tx.request();
        for (FlowMessage fm : tx.flow().messages()) {
            SipMessage m = fm.message();
            if (m.frame() > reinvite.frame() && !fm.retransmission() && m.isRequest() && "BYE".equals(m.method())
                    && reinvite.callId().equals(m.callId()) && m.src().address().equals(reinvite.src().address())) {
                long after = m.timestampMicros() - reinvite.timestampMicros();
                return after >= TIMER_B_MICROS * 9 / 10 && after <= TIMER_B_MICROS + 8_000_000 ? m : null;
            }
        }
        return null;
    }

    /**
     * {@code f} about the unanswered re-INVITE {@code tx} whose sender ended the call with {@code bye} when it timed out:
     * what cut a working call, a warning (as a session timer's cut is: the call worked until then).
     */
    private static Finding endedBy(Finding f, InviteTransaction tx, SipMessage bye) {
        SipMessage reinvite = tx.request();
        String sender = reinvite.src().address();
        String dst = reinvite.dst().toString();
        double after = (bye.timestampMicros() - reinvite.timestampMicros()) / 1e6;
        List<Long> frames = new ArrayList<>(f.evidence().frames());
        frames.add(bye.frame());
        List<String> facts = new ArrayList<>(f.evidence().facts());
        facts.add(String.format(Locale.ROOT, "%s sent BYE frame %d %.1f s after the re-INVITE, which still had no response",
                sender, bye.frame(), after));
        String why = "Every INVITE must end with a final response (2xx-6xx). Nothing came back to this re-INVITE: it did "
                + "not reach " + dst + ", or its responses did not come back. " + String.format(Locale.ROOT, "%s gave "
                + "up on it and ended the call with BYE frame %d, %.1f s after the re-INVITE", sender, bye.frame(), after)
                + ": RFC 3261 14.1 has a UAC end the dialog when a re-INVITE times out (Timer B, 64*T1 = 32 s), so the "
                + "unanswered re-INVITE cut a call that was up until then.";
        return new Finding(f.code(), Severity.WARNING, f.title(), why, f.callId(), f.flowId(), f.primary(),
                Findings.evidence(frames, f.evidence().configIds(), facts), Findings.fix(List.of("Check that " + dst
                        + " is reachable from " + sender + " for the whole call, not only at its start: in-dialog "
                        + "requests go to the Contact it gave (a NAT binding that expired since the INVITE, a private "
                        + "Contact, a firewall that closed the path)."), List.of(), null));
    }

    /**
     * A span of capture time as people read it: "9.9 s" under an hour, else hours or days (two captures of
     * different days read as one span months).
     */
    static String span(long micros) {
        double seconds = micros / 1e6;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return seconds < 2 * 86_400 ? String.format(Locale.ROOT, "%.1f h", seconds / 3600)
                : String.format(Locale.ROOT, "%.1f days", seconds / 86_400);
    }

    /**
     * How long an INVITE waits for a final response with no provisional one before its transaction times out
     * (Timer B, 64 * T1: RFC 3261 17.1.1.2); after a provisional one a call may ring for minutes.
     */
    static final long TIMER_B_MICROS = 32_000_000;

    /**
     * How long a proxy lets an INVITE ring after a provisional response before it gives up (Timer C, more than
     * 3 minutes: RFC 3261 16.6 step 11); a capture that stops sooner may simply have stopped while the call rang.
     */
    static final long TIMER_C_MICROS = 180_000_000;

    /**
     * What to check when the peer answered the INVITE provisionally and never finally: it is reachable (it answered),
     * so the question is why it never decided, or whether the capture simply stopped while the call rang.
     */
    private static void addStepsAfterProvisional(InviteTransaction tx, long captureEndMicros, SipMessage unansweredCancel,
                                                 List<String> steps) {
        // the furthest the peer got: 180 Ringing rather than a 100 Trying after it
        SipMessage furthest = tx.responses().stream().map(FlowMessage::message)
                .max(Comparator.comparingInt(SipMessage::status)).orElseThrow();
        String dst = tx.request().dst().toString();
        List<FlowMessage> messages = tx.flow().messages();
        long after = captureEndMicros - messages.get(messages.size() - 1).message().timestampMicros();
        if (unansweredCancel != null) {
            // the caller gave up: the question is why the callee answered neither request
            steps.add(dst + " answered " + furthest.label() + ", so it is reachable, but it answered neither the INVITE"
                    + " nor the CANCEL: check in its logs whether it had already dropped the call (then its INVITE"
                    + " transaction was gone and it owed a 481 to the CANCEL, RFC 3261 9.2) or never received the CANCEL"
                    + " (a firewall or NAT on the way, or a CANCEL sent elsewhere than the INVITE).");
            return;
        }
        if (captureEndMicros > 0 && after < TIMER_C_MICROS) {
            steps.add(String.format(Locale.ROOT, "Capture until the call ends: the capture stops %.1f s after the"
                    + " call's last message, while the call may still have been ringing.", after / 1e6));
        }
        boolean alerted = furthest.status() > 100;
        steps.add(alerted ? dst + " answered " + furthest.label() + ", so it is reachable: if the call went on longer than"
                + " the capture shows, check why " + dst + " never sent a final response (its no-answer timeout, the phone"
                + " or leg behind it) and why the caller never cancelled."
                : dst + " answered " + furthest.label() + ", so it is reachable and took the INVITE, but it never went"
                + " further: check its logs and the hop it passes the call to.");
    }

    /**
     * The failure the INVITE's sender answered an INVITE it had received with after sending it (a proxy's 408 or 503
     * under the same Call-ID, a B2BUA's on its other leg): the answer the silence turned into; null when none.
     */
    static SipMessage answeredBack(InviteTransaction tx) {
        SipMessage request = tx.request();
        if (tx.index() != null) {
            return tx.index().failureSentBack(request);
        }
        for (FlowMessage fm : tx.flow().messages()) {
            SipMessage r = fm.message();
            if (!fm.retransmission() && r.frame() > request.frame() && r.status() >= 300 && "INVITE".equals(r.cseqMethod())
                    && r.src().address().equals(request.src().address())
                    && !r.dst().address().equals(request.dst().address())) {
                return r;
            }
        }
        return null;
    }

    /**
     * True when {@code tx} is a fork branch off the caller's path: it got no final answer, and another branch of the
     * same INVITE decided the call instead, its sender either cancelling it after that branch's final answer or
     * passing that answer back (RFC 3261 16.7 steps 6 and 10). Whatever went wrong on it did not fail the call.
     */
    static boolean offCallerPath(InviteTransaction tx, List<InviteTransaction> invites) {
        if (tx.finalResponse() != null || tx.inDialog()) {
            return false;
        }
        if (cancelledForABranch(tx, invites)) {
            return true;
        }
        SipMessage gaveUp = answeredBack(tx);
        return gaveUp != null && siblingAnswer(tx, invites, gaveUp.frame(), gaveUp) != null;
    }

    /**
     * True when {@code tx} is a branch its sender cancelled after another branch of the same INVITE (same sender,
     * Call-ID and CSeq) got a final answer: a forking proxy cancels the branches still pending then (RFC 3261 16.7
     * step 10), so this branch's missing answer is no failure of its own; SIP_CALL_REJECTED lists it with the others.
     */
    private static boolean cancelledForABranch(InviteTransaction tx, List<InviteTransaction> invites) {
        SipMessage cancel = tx.cancel();
        if (cancel == null) {
            return false;
        }
        return siblingAnswer(tx, invites, cancel.frame(), null) != null;
    }

    /**
     * The first final answer to another branch of {@code tx}'s INVITE (sent by the same host under the same Call-ID
     * and CSeq to another one) that reached its sender before {@code beforeFrame}, with the status and To tag of
     * {@code relayed} unless that is null (the answer the sender passed on, RFC 3261 16.7); null when none.
     */
    private static SipMessage siblingAnswer(InviteTransaction tx, List<InviteTransaction> invites, long beforeFrame,
                                            SipMessage relayed) {
        SipMessage request = tx.request();
        for (InviteTransaction t : invites) {
            SipMessage other = t.request();
            SipMessage fin = t.finalResponse();
            if (t != tx && fin != null && fin.frame() < beforeFrame && other.cseqNumber() == request.cseqNumber()
                    && other.src().address().equals(request.src().address())
                    && !other.dst().address().equals(request.dst().address()) && other.callId().equals(request.callId())
                    && (relayed == null || fin.status() == relayed.status() && fin.sameToTag(relayed))) {
                return fin;
            }
        }
        return null;
    }

    /** The final response of the INVITE's receiver to its CANCEL, or null (no CANCEL, or no answer to it). */
    private static SipMessage cancelAnswer(InviteTransaction tx) {
        SipMessage cancel = tx.cancel();
        return cancel == null ? null : tx.cancelAnswer(cancel);
    }

    /**
     * {@code cancelAnswer} when it is a 481, or null: the receiver no longer had the INVITE transaction (RFC 3261
     * 9.2), so it had ended the call on its side although no final response shows.
     */
    private static SipMessage forgotten(SipMessage cancelAnswer) {
        return cancelAnswer != null && cancelAnswer.status() == 481 ? cancelAnswer : null;
    }

    /**
     * {@code cancelAnswer} when it is a 2xx, or null: the receiver accepted the CANCEL, so it owed the INVITE a 487
     * Request Terminated at once (RFC 3261 9.2), and the call had stopped ringing.
     */
    private static SipMessage cancelAccepted(SipMessage cancelAnswer) {
        return cancelAnswer != null && cancelAnswer.status() >= 200 && cancelAnswer.status() < 300 ? cancelAnswer : null;
    }

    private static String missing487Text(InviteTransaction tx, SipMessage accepted) {
        return String.format(Locale.ROOT, " The CANCEL sent %.1f s after the INVITE was answered %s, so the call was no"
                        + " longer ringing: after a 200 to a CANCEL the callee must answer the INVITE 487 Request"
                        + " Terminated (RFC 3261 9.2), and no 487 shows. %s's stack did not finish the INVITE"
                        + " transaction, or the 487 was lost on the way back or fell outside the capture.",
                (tx.cancel().timestampMicros() - tx.request().timestampMicros()) / 1e6, accepted.label(),
                tx.request().dst());
    }

    /**
     * What the capture shows when the caller cancelled the ringing INVITE and nothing answered the CANCEL: the call no
     * longer rang for the caller, and the callee either had dropped it or never got the CANCEL.
     */
    private static String unansweredCancelText(InviteTransaction tx, SipMessage cancel, int sent, long captureEndMicros,
                                               boolean toLiveKit) {
        long after = captureEndMicros - cancel.timestampMicros();
        String text = String.format(Locale.ROOT, " The caller cancelled %.1f s after the INVITE (frame %d), and the"
                        + " CANCEL got no response either", (cancel.timestampMicros() - tx.request().timestampMicros()) / 1e6,
                cancel.frame());
        if (sent == 1 && after < TIMER_B_MICROS) {
            return text + String.format(Locale.ROOT, "; the capture ends %.1f s after it, so an answer may have come"
                    + " later.", after / 1e6);
        }
        return text + String.format(Locale.ROOT, " (sent %d time%s, the capture going on %s after the first): %s had"
                        + " dropped the call without a final response, or the CANCEL did not reach it.%s", sent,
                sent == 1 ? "" : "s", span(after), tx.request().dst(), toLiveKit ? " LiveKit stops ringing and forgets"
                        + " the INVITE when it drops a call no dispatch rule takes." : "");
    }

    private static String forgottenText(InviteTransaction tx, SipMessage forgotten, boolean toLiveKit) {
        return String.format(Locale.ROOT, "The CANCEL sent %.1f s after the INVITE got %s: %s no longer had the INVITE"
                        + " transaction (RFC 3261 9.2), so it had already ended the call on its side without a final"
                        + " response the capture shows, and the call was no longer ringing there%s",
                (tx.cancel().timestampMicros() - tx.request().timestampMicros()) / 1e6, forgotten.label(),
                tx.request().dst(), toLiveKit ? ": LiveKit does this when it drops a call no dispatch rule takes"
                        + " (it stops ringing and forgets the call)." : ".");
    }

    /**
     * The fact that a loaded inbound trunk lists the called number (the To user) of {@code invite}, or null: an INVITE
     * nothing answered, to a host nothing names, that LiveKit would have taken.
     */
    private static String meantForLiveKit(DiagnosisContext context, SipMessage invite) {
        if (!context.config().hasInbound()) {
            return null;
        }
        String called = SipAddress.parse(context.header(invite, "To")).user();
        List<SIPInboundTrunkInfo> listing = called == null || called.isEmpty() ? List.of()
                : context.config().trunksListing(called);
        return listing.isEmpty() ? null : "Trunk " + listing.get(0).getSipTrunkId() + " of the loaded LiveKit config "
                + "lists the called number " + called + ": the INVITE was most likely meant for LiveKit SIP";
    }

    /**
     * The finding about {@code tx}; {@code configLoaded}: LiveKit's inbound config is loaded (its own findings check
     * the rules); {@code refused}: an ICMP error about its INVITE, or null; {@code meantForLiveKit}: the fact that a
     * loaded trunk lists the called number of an INVITE nothing answered ({@link #meantForLiveKit}), or null.
     */
    private static Finding finding(InviteTransaction tx, List<InviteTransaction> invites, boolean toLiveKit,
                                   boolean configLoaded, long captureEndMicros, Unreachable refused,
                                   String meantForLiveKit) {
        String dst = tx.request().dst().toString();
        List<String> facts = new ArrayList<>();
        facts.add("INVITE frame " + tx.frame() + " to " + dst);
        facts.add(tx.responses().isEmpty() ? "No response at all"
                : "Only provisional responses: " + String.join(", ", tx.responses().stream().map(m -> m.message().label()).toList()));
        if (meantForLiveKit != null) {
            facts.add(meantForLiveKit);
        }
        if (refused != null) {
            facts.add(UnreachableEvidence.fact(refused, tx.request()));
        }
        SipMessage gaveUp = answeredBack(tx);
        SipMessage branch = gaveUp == null ? null : siblingAnswer(tx, invites, gaveUp.frame(), gaveUp);
        if (branch != null) {
            facts.add(String.format(Locale.ROOT, "%s passed on %s's %s from another branch (frame %d) to %s (frame %d),"
                    + " %.1f s after sending this one", tx.request().src().address(), branch.src().address(),
                    branch.label(), branch.frame(), gaveUp.dst().address(), gaveUp.frame(),
                    (gaveUp.timestampMicros() - tx.request().timestampMicros()) / 1e6));
        } else if (gaveUp != null) {
            facts.add(String.format(Locale.ROOT, "%s gave up on it and answered %s %s itself (frame %d), %.1f s after"
                    + " sending it", tx.request().src().address(), gaveUp.dst().address(), gaveUp.label(), gaveUp.frame(),
                    (gaveUp.timestampMicros() - tx.request().timestampMicros()) / 1e6));
        }
        SipMessage cancelAnswer = cancelAnswer(tx);
        SipMessage forgotten = forgotten(cancelAnswer);
        if (forgotten != null) {
            facts.add(tx.cancel().label() + " frame " + tx.cancel().frame() + " was answered " + forgotten.label()
                    + " (frame " + forgotten.frame() + ")");
        }
        SipMessage accepted = cancelAccepted(cancelAnswer);
        // the caller cancelled and nothing answered the CANCEL: it no longer waited for the call to ring
        SipMessage unansweredCancel = tx.cancel() != null && cancelAnswer == null ? tx.cancel() : null;
        int cancelsSent = unansweredCancel == null ? 0 : 1 + tx.retransmissionsOf(unansweredCancel);
        if (unansweredCancel != null) {
            facts.add(String.format(Locale.ROOT, "%s frame %d, %.1f s after the INVITE, got no response (sent %d time%s)",
                    unansweredCancel.label(), unansweredCancel.frame(),
                    (unansweredCancel.timestampMicros() - tx.request().timestampMicros()) / 1e6, cancelsSent,
                    cancelsSent == 1 ? "" : "s"));
        }
        if (accepted != null) {
            facts.add(tx.cancel().label() + " frame " + tx.cancel().frame() + " was answered " + accepted.label()
                    + " (frame " + accepted.frame() + "), and no 487 Request Terminated to the INVITE followed");
        }
        // how much longer the capture went on: after the INVITE when nothing answered it (its timeout runs from
        // there), after the call's last message when something did
        String ended = "";
        // the capture stopped before the outcome was due: sent once and no timeout yet, or ringing a moment ago
        boolean early = false;
        if (forgotten != null) {
            ended = " " + forgottenText(tx, forgotten, toLiveKit);
        } else if (accepted != null) {
            ended = missing487Text(tx, accepted);
        }
        if (captureEndMicros > 0) {
            if (tx.responses().isEmpty()) {
                SipMessage invite = tx.request();
                long waited = captureEndMicros - invite.timestampMicros();
                int sent = 1 + tx.retransmissions();
                early = waited < TIMER_B_MICROS && sent == 1;
                facts.add(String.format(Locale.ROOT, "Sent %d time%s; the capture ends %s after the first", sent,
                        sent == 1 ? "" : "s", span(waited)));
                if (waited < TIMER_B_MICROS) {
                    ended = String.format(Locale.ROOT, " The capture ends %.1f s after the INVITE, before the 32 s its"
                            + " sender waits for an answer (Timer B): a response may have come later.", waited / 1e6);
                }
            } else if (forgotten == null) {
                List<FlowMessage> messages = tx.flow().messages();
                SipMessage last = messages.get(messages.size() - 1).message();
                long after = captureEndMicros - last.timestampMicros();
                // a CANCEL sent again went unanswered for its retransmission intervals: no answer was on its way
                early = unansweredCancel != null ? cancelsSent == 1 && after < TIMER_B_MICROS : after < TIMER_B_MICROS;
                facts.add(String.format(Locale.ROOT, "The capture ends %s after the call's last message (%s, frame"
                        + " %d)", span(after), last.label(), last.frame()));
                ended = unansweredCancel != null ? unansweredCancelText(tx, unansweredCancel, cancelsSent,
                        captureEndMicros, toLiveKit)
                        : accepted != null ? ended + String.format(Locale.ROOT, " The capture ends %s after the"
                        + " call's last message.", span(after))
                        // minutes later nothing still rings: a proxy gives up after Timer C (RFC 3261 16.6 step 11)
                        : after >= TIMER_C_MICROS ? String.format(Locale.ROOT, " The capture goes on %s after the"
                        + " call's last message, longer than a proxy lets an INVITE ring (Timer C, over 3 minutes):"
                        + " the final response was never sent, or it was lost on the way back.", span(after))
                        : String.format(Locale.ROOT, " The capture ends %.1f s after the call's last message: it may"
                        + " still have been ringing.", after / 1e6);
            }
        }
        String why = "Every INVITE must end with a final response (2xx-6xx). "
                + (refused != null ? UnreachableEvidence.answered(refused, tx.request())
                : (tx.responses().isEmpty() ? "Nothing came back: the request may not have reached " + dst
                + " (routing, firewall, wrong port or transport), or the capture does not show the return path."
                : accepted != null ? "The peer answered provisionally and accepted the CANCEL, but never ended the INVITE."
                : "The peer answered provisionally and then never decided.")
                + (toLiveKit ? " LiveKit itself stays silent after 100 Processing and 180 Ringing when no dispatch rule "
                + "matches the call." : "")
                + (ended.isEmpty() ? " If the capture stopped right after the INVITE, capture longer."
                : forgotten != null || accepted != null || unansweredCancel != null ? ended
                : ended + " Capture until the call ends to see its outcome."));
        List<String> steps = new ArrayList<>();
        if (toLiveKit && refused == null) {
            if (!configLoaded) {
                steps.add(Findings.loadConfigStep("so that the analyzer can check the dispatch rules"));
            }
            steps.add("Check that a dispatch rule matches this trunk: lk sip dispatch list.");
        }
        List<Long> frames = Findings.frames(tx);
        if (gaveUp != null) {
            frames.add(gaveUp.frame());
        }
        if (branch != null) {
            frames.add(branch.frame());
        }
        if (unansweredCancel != null) {
            frames.add(unansweredCancel.frame());
        }
        frames.sort(null);
        if (refused != null) {
            steps.add(UnreachableEvidence.step(refused, tx.request()));
            frames.add(refused.frame());
        } else if (tx.responses().isEmpty()) {
            steps.add("Check that " + dst + " is reachable from the sender (firewall, security groups, transport and port).");
            if (meantForLiveKit != null) {
                steps.add("If " + dst + " is meant to be LiveKit SIP: it listens on port 5060 (UDP and TCP; 5061 for "
                        + "TLS). LiveKit Cloud takes calls at the project's SIP URI host (<project>.sip.livekit.cloud), "
                        + "whose addresses can change: send there by name, not to an address found once. A self-hosted "
                        + "server must run its SIP service with that port open to the sender.");
            }
        } else if (forgotten != null) {
            steps.add("Check in " + dst + "'s logs why it ended the INVITE without a final response"
                    + (toLiveKit ? " (LiveKit logs a dropped call as a flood)." : "."));
        } else if (accepted != null) {
            steps.add("Check in " + dst + "'s logs or SIP trace whether it sent 487 Request Terminated to the INVITE"
                    + " after its " + accepted.label() + " to the CANCEL (RFC 3261 9.2 requires it): if it did not, its"
                    + " SIP stack leaves the INVITE transaction open; if it did, capture on the path back to "
                    + tx.request().src().address() + " (and for longer after the CANCEL) to see where the 487 was lost.");
            steps.add("Check that " + tx.request().src().address() + " acknowledges a 487 when it comes (ACK, RFC 3261"
                    + " 17.1.1.3), so the callee stops retransmitting it.");
        } else {
            addStepsAfterProvisional(tx, captureEndMicros, unansweredCancel, steps);
        }
        // an INVITE within the dialog (hold, a codec change, a session refresh) is named as SIP people name it
        Finding f = Findings.call(tx, CODE, CODE.title(tx.inDialog() ? "re-INVITE" : "INVITE", dst), why,
                Findings.evidence(frames, List.of(), facts),
                Findings.fix(steps, toLiveKit && refused == null ? List.of(LkCommand.listRules()) : List.of(), null));
        return early && refused == null ? f.withSeverity(Severity.WARNING) : f;
    }
}
