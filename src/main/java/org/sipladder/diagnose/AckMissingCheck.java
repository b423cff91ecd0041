package org.sipladder.diagnose;

import java.util.List;
import java.util.ArrayList;
import java.util.Locale;
import org.sipladder.Counted;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.sip.SipMessage;

/**
 * SIP_ACK_MISSING: the 200 OK to an INVITE was retransmitted because no ACK reached its sender; LiveKit ends such
 * a call with a BYE. A LiveKit answer is also unacknowledged when no ACK came back to LiveKit before its BYE although
 * the capture sees that direction (the INVITE): LiveKit sends its 200 OK only once over TCP or TLS, and a capture
 * point may miss its copies. A call that went on all the same (RTP both ways, not ended by the answerer) gets a
 * warning: the ACK path is broken, but this call did not fail of it.
 */
final class AckMissingCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_ACK_MISSING;

    /**
     * Copies of a message closer together than this are the one packet captured twice (on two interfaces, or by a
     * mirror port that sees both directions of a link), not a retransmission: a UA sends the 2xx again after T1
     * (RFC 3261 17.2.1/13.3.1.4: 500 ms unless configured lower, and never nearly this low).
     */
    static final long DUPLICATE_MICROS = 50_000;

    /**
     * How many times LiveKit's server sends a 200 OK over UDP at most without an ACK: 3 by default (at 0, 0.25 and
     * 0.75 s), 6 with {@code experimental.inbound_wait_ack} (livekit/sip inbound.go {@code Accept}:
     * {@code inviteOKRetryAttemptsNoACK} 2 and {@code inviteOKRetryAttempts} 5 retries, 250 ms doubling to 3 s).
     */
    static final int LIVEKIT_MAX_COPIES = 6;
    /** How many times LiveKit's server sends a 200 OK over UDP by default (at 0, 0.25 and 0.75 s). */
    static final int LIVEKIT_DEFAULT_COPIES = 3;

    /**
     * What LiveKit does without an ACK (livekit/sip pkg/sip/inbound.go, default settings: Accept sends the 200 OK
     * at 0, 0.25 and 0.75 s over UDP, once over TCP or TLS; waitForCallEnd waits inviteOkAckLateTimeout, 3 s, for the
     * ACK and then shortens the media timeout to 3 s; mediaTimeout with no ACK closes the call as callNoACK).
     */
    private static final String LIVEKIT_NO_ACK = "LiveKit sends its 200 OK three times over UDP (at 0, 0.25 and "
            + "0.75 s; once over TCP or TLS), waits 3 s more for the ACK, then cuts its media timeout to 3 s: when "
            + "no RTP has reached it by then it ends the call with a BYE, some 6 to 8 s after the "
            + "answer. That BYE is the missing ACK's doing, not an ordinary media timeout; if RTP does reach LiveKit, "
            + "the call goes on without the ACK.";

    /**
     * What LiveKit does without an ACK when it sent more copies than its default three: its experimental
     * inbound_wait_ack (inbound.go {@code Accept} returns errNoACK after the last wait, {@code closeWithNoACK}).
     */
    private static final String LIVEKIT_NO_ACK_WAITING = "LiveKit sends its 200 OK up to six times over UDP when its "
            + "experimental inbound_wait_ack is set (at 0, 0.25, 0.75, 1.75, 3.75 and 6.75 s; three times by default) "
            + "and, with no ACK 3 s after the last, ends the call as 'no ACK' with a BYE, about 10 s after the answer. "
            + "That BYE is the missing ACK's doing, not a media timeout.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            CseqPlaces byCseq = null;
            for (FlowMessage m : flow.messages()) {
                SipMessage ok = m.message();
                if (m.retransmission() || ok.isRequest() || ok.status() < 200 || ok.status() >= 300
                        || !"INVITE".equals(ok.cseqMethod())) {
                    continue;
                }
                if (byCseq == null) {
                    // a call of a day answers a re-INVITE every minute: each answer looks at its own CSeq's messages
                    byCseq = context.cseqs(flow).places();
                }
                List<SipMessage> copies = copies(flow.messages(), byCseq.get(ok.cseqNumber()), ok);
                if (copies.isEmpty()) {
                    // LiveKit waits for the ACK of its first answer only: a re-INVITE's it answers and forgets
                    SipMessage bye = flow.hasHop(ok.src(), Role.LIVEKIT) && !answersReInvite(flow, ok)
                            ? liveKitByeWithoutAck(flow, ok) : null;
                    if (bye != null) {
                        findings.add(finding(flow, ok, 0, ack(flow, ok), bye));
                    }
                    continue;
                }
                // another branch's 2xx of a forked INVITE acknowledged: its ACK is not this answer's
                SipMessage kept = ackedFork(flow.messages(), ok);
                SipMessage acked = kept != null ? sameTagAck(flow.messages(), ok) : ackBack(flow.messages(), ok);
                // an ACK that reached the answerer after which it stopped sending the 200 OK: acknowledged, late
                if (acked != null && copies.get(copies.size() - 1).frame() < acked.frame()) {
                    continue;
                }
                Finding f = kept != null ? forked(flow, ok, copies.size(), kept, acked)
                        : finding(flow, ok, copies.size(), acked != null ? acked : ack(flow, ok),
                        flow.hasHop(ok.src(), Role.LIVEKIT) ? bye(flow, ok) : null);
                // the caller hung up as the answer came: it owed an ACK and a BYE, and no call was lost
                SipMessage cancel = kept == null && ack(flow, ok) == null ? crossedCancel(flow.messages(), ok) : null;
                if (cancel != null) {
                    findings.add(crossed(f, ok, cancel));
                    continue;
                }
                // a second branch's answer is a warning already, and the kept branch's RTP is not its own
                MediaLeg went = kept != null ? null : wentOn(context, flow, ok);
                findings.add(went == null ? f : wentOn(f, went));
            }
        }
        return findings;
    }

    /**
     * The media leg {@code ok} answered when the call went on without the ACK: RTP reached both parties (neither way
     * a trickle) and the answerer did not end it (the other party hung up, or nobody in the capture). LiveKit, without
     * the ACK, only cuts its media timeout, which counts until the first packet arrives (livekit/sip inbound.go
     * waitForCallEnd; media_port.go timeoutLoop), so such a call lives on. Null otherwise, and for a capture without
     * RTP (no media legs are worked out then).
     */
    private static MediaLeg wentOn(DiagnosisContext context, CallFlow flow, SipMessage ok) {
        if (MediaLeg.noStreams(context)) {
            return null;
        }
        for (MediaLeg leg : context.mediaLegs(flow)) {
            if (leg.answered() && leg.leg.callId().equals(ok.callId())) {
                MediaParty answerer = leg.callee.is(ok.src()) ? leg.callee : leg.caller;
                boolean bothWays = MediaOneWayCheck.heard(leg, leg.caller) && MediaOneWayCheck.heard(leg, leg.callee);
                return bothWays && (leg.bye == null || !answerer.is(leg.bye.src())) ? leg : null;
            }
        }
        return null;
    }

    /**
     * {@code f} for a call that went on without the ACK ({@link #wentOn}): a protocol fault to fix, a warning, and no
     * failed call.
     */
    private static Finding wentOn(Finding f, MediaLeg leg) {
        MediaParty hanger = leg.bye == null ? null : leg.caller.is(leg.bye.src()) ? leg.caller : leg.callee;
        String end = hanger == null ? "the capture ends with the call still up"
                : "the call went on until " + hanger.name() + " hung up (BYE frame " + leg.bye.frame() + ")";
        return new Finding(f.code(), Severity.WARNING, f.title(), f.explanation() + " Here RTP flowed both ways and "
                + end + ": the missing ACK did not end this call. The ACK path is still broken, and a call whose RTP "
                + "starts late is dropped by it.", f.callId(), f.flowId(), false, f.evidence(), f.fix());
    }

    /**
     * The retransmissions of {@code ok} after it: the same answer sent again by the same sender to the same
     * receiver, each at least {@link #DUPLICATE_MICROS} after the copy before it. A copy of the answer between
     * other addresses (the same message behind a NAT, or on another hop) is not this sender's. {@code sameNumber}: the
     * places of the messages with {@code ok}'s CSeq number, their count first ({@link CseqPlaces}).
     */
    private static List<SipMessage> copies(List<FlowMessage> messages, int[] sameNumber, SipMessage ok) {
        List<SipMessage> copies = new ArrayList<>();
        long last = ok.timestampMicros();
        for (int j = 1; j <= sameNumber[0]; j++) {
            FlowMessage x = messages.get(sameNumber[j]);
            SipMessage c = x.message();
            if (x.retransmission() && c.frame() > ok.frame() && !c.isRequest() && c.status() == ok.status()
                    && ok.callId().equals(c.callId())
                    && ok.src().equals(c.src()) && ok.dst().equals(c.dst()) && ok.sameToTag(c)) {
                if (c.timestampMicros() - last >= DUPLICATE_MICROS) {
                    copies.add(c);
                }
                last = c.timestampMicros();
            }
        }
        return copies;
    }

    /**
     * Another 2xx to {@code ok}'s INVITE (its Call-ID and CSeq) with another To tag, sent before it and acknowledged by
     * an ACK with that tag: a forked INVITE's first answer, which the caller kept. Null when there is none.
     */
    private static SipMessage ackedFork(List<FlowMessage> messages, SipMessage ok) {
        for (int i = 0; i < messages.size(); i++) {
            FlowMessage x = messages.get(i);
            SipMessage other = x.message();
            if (other.frame() >= ok.frame()) {
                return null;
            }
            if (!x.retransmission() && !other.isRequest() && other.status() >= 200 && other.status() < 300
                    && "INVITE".equals(other.cseqMethod()) && other.cseqNumber() == ok.cseqNumber()
                    && ok.callId().equals(other.callId()) && other.hasToTag() && !ok.sameToTag(other)
                    && sameTagAck(messages, other) != null) {
                return other;
            }
        }
        return null;
    }

    /** The first ACK after {@code ok} of its Call-ID, CSeq number and To tag, wherever it went, or null. */
    private static SipMessage sameTagAck(List<FlowMessage> messages, SipMessage ok) {
        for (int i = 0; i < messages.size(); i++) {
            SipMessage x = messages.get(i).message();
            if (x.frame() > ok.frame() && x.isRequest() && "ACK".equals(x.method()) && ok.callId().equals(x.callId())
                    && x.cseqNumber() == ok.cseqNumber() && ok.sameToTag(x)) {
                return x;
            }
        }
        return null;
    }

    /**
     * The finding about {@code ok}, a second branch's 2xx to a forked INVITE sent {@code copies} more times, when the
     * caller acknowledged the first branch's {@code kept} and not this one ({@code ack}: an ACK with its To tag that
     * came too early to stop it, or null). A warning: the call goes on over the branch the caller kept.
     */
    private static Finding forked(CallFlow flow, SipMessage ok, long copies, SipMessage kept, SipMessage ack) {
        SipMessage keptAck = sameTagAck(flow.messages(), kept);
        String caller = keptAck.src().address();
        List<String> facts = new ArrayList<>();
        facts.add("200 OK frame " + ok.frame() + " from " + ok.src() + " (To tag " + ok.toTag() + ", Contact "
                + ok.header("Contact") + ") sent " + (copies + 1) + " times");
        facts.add("200 OK frame " + kept.frame() + " to the same INVITE, To tag " + kept.toTag() + ", was acknowledged"
                + " (ACK frame " + keptAck.frame() + "): the INVITE forked and both branches answered");
        facts.add(ack == null ? "No ACK with To tag " + ok.toTag() + " in the capture"
                : "ACK frame " + ack.frame() + " with To tag " + ok.toTag() + " did not stop the retransmissions");
        return DialogRequests.finding(flow, ok, CODE, CODE.title("200 OK retransmitted " + Counted.of(copies, "time")
                        + " (a second branch's answer)"),
                "The INVITE forked and two branches answered it 2xx, each with a dialog of its own (To tags "
                        + kept.toTag() + " and " + ok.toTag() + "). " + caller + " acknowledged only the first. RFC 3261 "
                        + "13.2.2.4 has the caller ACK every 2xx it gets and end the dialogs it does not keep with BYE; "
                        + "unacknowledged, this branch's answerer retransmits its 200 OK and ends its dialog itself after "
                        + "64*T1 (32 s), while the callee there may already have picked up.",
                new ArrayList<>(List.of(ok.frame(), kept.frame(), keptAck.frame())), facts,
                List.of("Make " + caller + " ACK every 2xx its INVITE gets, one per To tag, and send BYE on each dialog "
                        + "it does not keep (RFC 3261 13.2.2.4).",
                        "Or have the forking proxy cancel the other branches as soon as one answers (RFC 3261 16.7 step "
                                + "10), which leaves fewer double answers."))
                // the call goes on over the branch the caller kept: a fault to fix, not a failed call
                .withSeverity(Severity.WARNING);
    }

    /** How long after a 2xx a CANCEL of its INVITE still counts as sent before the caller could have had it. */
    private static final long CROSSING_MICROS = 2_000_000;

    /**
     * The CANCEL of {@code ok}'s INVITE (its Call-ID and CSeq number) sent to {@code ok}'s sender before it or at most
     * {@link #CROSSING_MICROS} after it: the caller hung up as the answer came. Null when there is none.
     */
    private static SipMessage crossedCancel(List<FlowMessage> messages, SipMessage ok) {
        for (int i = 0; i < messages.size(); i++) {
            SipMessage x = messages.get(i).message();
            if (x.isRequest() && "CANCEL".equals(x.method()) && ok.callId().equals(x.callId())
                    && x.cseqNumber() == ok.cseqNumber() && x.dst().address().equals(ok.src().address())
                    && x.timestampMicros() <= ok.timestampMicros() + CROSSING_MICROS) {
                return x;
            }
        }
        return null;
    }

    /**
     * {@code f} about {@code ok} when it crossed the caller's {@code cancel}: RFC 3261 9.1 and 15 still have the caller
     * ACK such a 2xx and end the call with BYE. The caller had hung up, so no call was lost: a warning.
     */
    private static Finding crossed(Finding f, SipMessage ok, SipMessage cancel) {
        String caller = cancel.src().address();
        List<Long> frames = new ArrayList<>(f.evidence().frames());
        frames.add(cancel.frame());
        List<String> facts = new ArrayList<>(f.evidence().facts());
        facts.add(String.format(Locale.ROOT, "CANCEL frame %d from %s, %.3f s %s the 200 OK: the answer crossed it",
                cancel.frame(), caller, Math.abs(cancel.timestampMicros() - ok.timestampMicros()) / 1e6,
                cancel.timestampMicros() <= ok.timestampMicros() ? "before" : "after"));
        String why = caller + " hung up (CANCEL frame " + cancel.frame() + ") as " + ok.src().address() + " answered: the "
                + "200 OK crossed the CANCEL, which cannot undo an answer already sent (RFC 3261 9.1). The caller must "
                + "still ACK that 200 OK and then end the call with BYE (RFC 3261 9.1, 15); " + caller + " did neither, so "
                + ok.src().address() + " retransmitted its answer and kept a call nobody was on until it gave up (RFC "
                + "3261 13.3.1.4: after 64*T1, 32 s). The caller meant to hang up, so no call was lost, but the callee "
                + "was answered into silence.";
        return new Finding(f.code(), Severity.WARNING, f.title(), why, f.callId(), f.flowId(), f.primary(),
                Findings.evidence(frames, f.evidence().configIds(), facts),
                Findings.fix(List.of("Make " + caller + " ACK a 2xx that arrives after its CANCEL and then send BYE "
                        + "(RFC 3261 9.1, 15), instead of dropping it."), List.of(), null));
    }

    /** The first ACK of {@code ok}'s transaction after it sent back to its sender, or null. */
    private static SipMessage ackBack(List<FlowMessage> messages, SipMessage ok) {
        for (int i = 0; i < messages.size(); i++) {
            SipMessage x = messages.get(i).message();
            if (x.frame() > ok.frame() && x.isRequest() && "ACK".equals(x.method()) && ok.callId().equals(x.callId())
                    && x.cseqNumber() == ok.cseqNumber() && ok.src().equals(x.dst())) {
                return x;
            }
        }
        return null;
    }

    /**
     * LiveKit's BYE of {@code ok}'s dialog when no ACK came back to LiveKit before it and the capture holds the INVITE
     * sent to LiveKit (so it sees the direction an ACK takes); null otherwise.
     */
    private static SipMessage liveKitByeWithoutAck(CallFlow flow, SipMessage ok) {
        SipMessage bye = bye(flow, ok);
        if (bye == null) {
            return null;
        }
        boolean inviteSeen = false;
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size() && messages.get(i).message().frame() < bye.frame(); i++) {
            SipMessage x = messages.get(i).message();
            if (x.isRequest() && ok.callId().equals(x.callId()) && ok.src().equals(x.dst())) {
                if ("ACK".equals(x.method()) && x.frame() > ok.frame()) {
                    return null;
                }
                inviteSeen |= "INVITE".equals(x.method()) && x.cseqNumber() == ok.cseqNumber();
            }
        }
        return inviteSeen ? bye : null;
    }

    /**
     * True when {@code ok} answers a re-INVITE (an INVITE of its Call-ID and CSeq with a To tag). LiveKit answers a
     * re-INVITE of a call it has once, with its first SDP, and never waits for its ACK (livekit/sip inbound.go
     * processInvite: AcceptAsKeepAlive on a new transaction; only the first answer's ACK feeds waitForCallEnd).
     */
    private static boolean answersReInvite(CallFlow flow, SipMessage ok) {
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage x = messages.get(i).message();
            if (x.frame() >= ok.frame()) {
                return false;
            }
            if (x.isRequest() && "INVITE".equals(x.method()) && x.cseqNumber() == ok.cseqNumber()
                    && ok.callId().equals(x.callId())) {
                return x.hasToTag();
            }
        }
        return false;
    }

    /** The first BYE of {@code ok}'s dialog that its sender sent after it, or null. */
    private static SipMessage bye(CallFlow flow, SipMessage ok) {
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage x = messages.get(i).message();
            if (x.frame() > ok.frame() && x.isRequest() && "BYE".equals(x.method()) && ok.callId().equals(x.callId())
                    && ok.src().address().equals(x.src().address())) {
                return x;
            }
        }
        return null;
    }

    private static SipMessage ack(CallFlow flow, SipMessage ok) {
        return flow.messages().stream().map(FlowMessage::message).filter(x -> x.isRequest() && "ACK".equals(x.method())
                && ok.callId().equals(x.callId()) && x.cseqNumber() == ok.cseqNumber()).findFirst().orElse(null);
    }

    /**
     * The finding about {@code ok}, sent {@code copies} more times; {@code ack} is the transaction's ACK seen (null:
     * none), {@code bye} the answerer's BYE when the answerer is LiveKit (null: none, or not LiveKit).
     */
    private static Finding finding(CallFlow flow, SipMessage ok, long copies, SipMessage ack, SipMessage bye) {
        boolean liveKitHop = flow.hasHop(ok.src(), Role.LIVEKIT);
        // LiveKit's server sends at most six copies over UDP: more are another retransmission schedule (RFC 3261's
        // timers), to which its ACK wait does not apply
        boolean liveKit = liveKitHop && copies + 1 <= LIVEKIT_MAX_COPIES && !answersReInvite(flow, ok);
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(ok.frame()));
        facts.add("200 OK frame " + ok.frame() + " from " + ok.src() + " sent " + (copies + 1) + " times; Contact "
                + ok.header("Contact") + (ok.header("Record-Route") == null ? "" : ", Record-Route " + ok.header("Record-Route")));
        if (liveKitHop && !liveKit) {
            facts.add("LiveKit's SIP server sends its 200 OK at most " + LIVEKIT_MAX_COPIES + " times over UDP (3 by "
                    + "default, at 0, 0.25 and 0.75 s; up to 6 with its experimental inbound_wait_ack, the last at "
                    + "6.75 s): " + (copies + 1) + " copies follow another schedule, as RFC 3261's timers do, so another "
                    + "SIP stack at " + ok.src().address() + " (or a LiveKit SIP release other than the one read) sent them");
        }
        if (ack == null) {
            facts.add("No ACK in the capture");
        } else if (ack.dst().equals(ok.src())) {
            facts.add("ACK frame " + ack.frame() + " reached " + ok.src() + ", which sent the 200 OK again after it: the"
                    + " ACK did not match the answer (Request-URI " + ack.requestUri() + ")");
        } else {
            facts.add("ACK frame " + ack.frame() + " went to " + ack.dst() + " (Request-URI " + ack.requestUri()
                    + "), not back to " + ok.src());
        }
        if (bye != null) {
            frames.add(bye.frame());
            facts.add(String.format(Locale.ROOT, "%s sent BYE frame %d %.1f s after the 200 OK", bye.src().address(),
                    bye.frame(), (bye.timestampMicros() - ok.timestampMicros()) / 1e6));
        }
        // only a failed call gets here: reading the Record-Route back is affordable
        RouteSet routes = ack == null ? null : RouteSet.of(flow, ack);
        RouteSet.Bypass bypass = routes == null ? null : routes.bypass(ack);
        if (bypass != null) {
            frames.add(ack.frame());
            facts.add(bypass.fact());
        }
        String title = copies > 0 ? "200 OK retransmitted " + Counted.of(copies, "time")
                : "no ACK reached LiveKit before its BYE";
        return DialogRequests.finding(flow, ok, CODE, CODE.title(title), (liveKit
                ? copies + 1 > LIVEKIT_DEFAULT_COPIES ? LIVEKIT_NO_ACK_WAITING : LIVEKIT_NO_ACK
                : "The party that answers retransmits its 200 OK until the ACK arrives, and ends the call (BYE) "
                        + "when none does (RFC 3261 13.3.1.4: after 64*T1, 32 s).")
                        + " A missing ACK, or one sent to another address than the 200 OK's Contact and Record-Route, "
                        + "means the caller's side cannot reach the answerer: NAT, a Contact with a private address, "
                        + "or Record-Route ignored." + (bypass == null ? "" : bypass.cause()),
                frames, facts, bypass != null ? bypass.steps() : List.of("Send the ACK to the Contact of the 200 OK through its Record-Route entries.",
                        "Make sure the answerer's Contact address is reachable from the caller (public address, "
                                + "correct port and transport)."));
    }
}
