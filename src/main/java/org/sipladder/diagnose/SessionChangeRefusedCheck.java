package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/**
 * SIP_SESSION_CHANGE_REFUSED: a re-INVITE or UPDATE of an answered call (hold, resume, codec change, session refresh)
 * refused. A refused change leaves the session as it was (RFC 3261 14.1, RFC 3311 5.1, RFC 3264): the call stays
 * answered, so this is its own finding and never the call's failure. A 491 to a re-INVITE is SIP_REINVITE_GLARE's, a
 * 481 SIP_DIALOG_NOT_FOUND's, a re-INVITE LiveKit ran as a new call LK_REINVITE_NEW_CALL's.
 */
final class SessionChangeRefusedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_SESSION_CHANGE_REFUSED;

    private static final List<String> METHODS = List.of("INVITE", "UPDATE");

    /** What a refused request asked for: a hold, a switch to T.38 fax, a session refresh, another media change. */
    private enum Kind { HOLD, T38, REFRESH, MEDIA, NO_SDP }

    /** A request's change: its kind, and how people read it ("hold re-INVITE (a=sendonly)"). */
    private record Change(Kind kind, String text) {
    }

    /** The fix for an early UPDATE its refuser does not take: no re-INVITE can replace it before the answer. */
    private static final String EARLY_UPDATE_UNSUPPORTED = "Have %2$s send UPDATE before the answer only to peers whose"
            + " Allow header lists it (here %1$s's does not), and make the change with a re-INVITE once the call is"
            + " answered: a re-INVITE cannot replace it while the INVITE is still in progress (RFC 3261 14.1).";

    /** A BYE this soon after the refusal, from either side, is taken as the call ending because of it. */
    private static final long ENDED_BY_IT_MICROS = 5_000_000;

    /** LiveKit's 405 to an UPDATE: it takes none, whatever its settings; it accepts every re-INVITE of a call it has. */
    private static final StatusMeaning LIVEKIT_405 = new StatusMeaning(405, 405, "LiveKit SIP handles only "
            + RequestRejectedCheck.LIVEKIT_METHODS + " and answers every other method 405 (livekit/sip "
            + "pkg/sip/server.go); it accepts a re-INVITE of a call it has with its own SDP (pkg/sip/inbound.go)",
            "Have %2$s refresh or change the session toward LiveKit with re-INVITE, not UPDATE (in Jambonz: on the "
                    + "LiveKit carrier).");

    /**
     * A refused switch to T.38 fax (RFC 3362 image/t38 over UDPTL, ITU-T T.38 Annex D): the refuser has no T.38 (off,
     * or no fax gateway behind it); the call then stays on audio, where a fax goes through as G.711 pass-through.
     */
    private static final StatusMeaning T38_REFUSED = new StatusMeaning(300, 699, "it does not take T.38 fax (T.38 "
            + "switched off there, or no fax gateway behind it)", "Enable T.38 on %1$s, or send fax as G.711 "
            + "pass-through (PCMA/PCMU with no codec change, silence suppression or comfort noise on the call).");

    /**
     * What an UPDATE refused in the early dialog means where the answered dialog's advice does not hold: before the
     * INVITE completes no re-INVITE may be sent (RFC 3261 14.1), so UPDATE is the only way to change the session then
     * (RFC 3311 5.1). Other statuses mean there what they mean after the answer ({@link #MEANINGS}).
     */
    private static final List<StatusMeaning> EARLY_MEANINGS = List.of(
            new StatusMeaning(405, 405, "it does not take UPDATE (its Allow header lists the methods it does)",
                    EARLY_UPDATE_UNSUPPORTED),
            new StatusMeaning(501, 501, "it does not implement UPDATE", EARLY_UPDATE_UNSUPPORTED));

    /** What a refusal of an in-dialog INVITE or UPDATE means and what to check, most specific first. */
    private static final List<StatusMeaning> MEANINGS = List.of(
            new StatusMeaning(401, 401, "it asks for credentials and the sender did not send the request again with "
                    + "them", "Have %2$s answer the challenge for in-dialog requests too."),
            new StatusMeaning(407, 407, "a proxy asks for credentials and the sender did not send the request again "
                    + "with them", "Have %2$s answer the challenge for in-dialog requests too."),
            new StatusMeaning(405, 405, "it does not take this method (its Allow header lists those it does)",
                    "Have %2$s change the session with the methods %1$s allows (re-INVITE instead of UPDATE; a "
                            + "session refresh may use either, RFC 4028 7.4)."),
            new StatusMeaning(408, 408, "the request timed out; RFC 3261 12.2.1.2 says the sender should then end the "
                    + "dialog", "Check that in-dialog requests reach %1$s (the 200 OK's Contact and Record-Route)."),
            new StatusMeaning(422, 422, "the Session-Expires it asked for is below the refuser's minimum (its Min-SE "
                    + "header, RFC 4028 6)",
                    "Have %2$s send the refresh again with Session-Expires at least the Min-SE of %1$s's 422, or "
                            + "lower the Min-SE at %1$s."),
            new StatusMeaning(488, 488, "the refuser cannot accept the offered media (codecs, direction or address)",
                    "Offer what %1$s accepts: for hold, a=sendonly with the session's codecs and address (some peers "
                            + "refuse a=inactive or c=0.0.0.0); for a codec change, a codec both sides already "
                            + "use."),
            new StatusMeaning(491, 491, "both sides changed the session at once (glare); RFC 3311 5.1 and RFC 3261 "
                    + "14.1 have each side retry after a random delay (the Call-ID owner 2.1-4 s, the other 0-2 s)",
                    "Make %2$s retry after RFC 3261 14.1's random delay; let one side be the session-timer refresher."),
            new StatusMeaning(500, 500, "it had another offer or INVITE of this dialog still open (RFC 3261 14.2, "
                    + "RFC 3311 5.2 answer so, with Retry-After) or failed internally",
                    "Have %2$s wait for the open transaction (or Retry-After) and send the change again; check the "
                            + "logs of %1$s if none was open."),
            new StatusMeaning(501, 501, "it does not implement this method",
                    "Have %2$s change the session with re-INVITE instead."),
            new StatusMeaning(606, 606, "it accepts none of the offered media anywhere",
                    "Offer what %1$s accepts: a codec both sides already use."),
            new StatusMeaning(300, 499, "it rejected the change",
                    "Read the reason phrase, the Warning and the logs of %1$s for the exact cause."),
            new StatusMeaning(500, 599, "it failed or is unavailable",
                    "Check the health of %1$s; retry after Retry-After when it gives one."),
            new StatusMeaning(600, 699, "it declined the change", "Ask the operator of %1$s why it declines it."));

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>(0);
        for (CallFlow flow : context.flows()) {
            if (!refusedChange(flow)) {
                continue; // nearly every call
            }
            List<RefusalRelays.Refusal> refusals = refusals(context, flow);
            for (List<RefusalRelays.Refusal> chain : RefusalRelays.chains(flow, refusals)) {
                findings.add(finding(context, flow, chain));
            }
        }
        return findings;
    }

    /**
     * The refused changes of {@code flow}, in the order they were sent. A refusal passed on by a proxy (the same Call-ID
     * on each hop) pairs with the same answer on every hop: it is taken once, from the request first sent.
     */
    private static List<RefusalRelays.Refusal> refusals(DiagnosisContext context, CallFlow flow) {
        List<RefusalRelays.Refusal> refusals = new ArrayList<>(2);
        List<SipMessage> taken = new ArrayList<>(2);
        for (String method : METHODS) {
            List<DialogRequests> requests = context.dialogRequests(flow, method);
            for (DialogRequests r : requests) {
                SipMessage fin = r.finalResponse();
                if (fin == null || fin.status() < 300 || !r.request().hasToTag() || coveredElsewhere(method, fin)
                        || challengeAnswered(requests, r) || taken.contains(fin)
                        || LiveKitReinviteNewCallCheck.takenAsNewCall(flow, r)) {
                    continue;
                }
                boolean early = !answeredBefore(flow, r.request());
                // RFC 3261 14.1 has no re-INVITE before the answer; RFC 3311 5.1 allows an UPDATE there
                if (!early || "UPDATE".equals(method)) {
                    taken.add(fin);
                    refusals.add(new RefusalRelays.Refusal(method, r, early));
                }
            }
        }
        refusals.sort((a, b) -> Long.compare(a.request().request().frame(), b.request().request().frame()));
        return refusals;
    }

    /**
     * True when an UPDATE of {@code flow} was refused, or an INVITE after an INVITE of it was answered 2xx: cheap, from
     * the message index's statuses and CSeq methods.
     */
    private static boolean refusedChange(CallFlow flow) {
        boolean answered = false;
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            int status = m.status();
            if (status < 200 || m.isRequest()) {
                continue;
            }
            String method = m.cseqMethod();
            if (status < 300) {
                answered |= "INVITE".equals(method);
            } else if ("UPDATE".equals(method) || answered && "INVITE".equals(method)) {
                return true;
            }
        }
        return false;
    }

    /** True when the INVITE of {@code request}'s dialog was answered 2xx before {@code request} was sent. */
    private static boolean answeredBefore(CallFlow flow, SipMessage request) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (m.frame() >= request.frame()) {
                return false;
            }
            if (!m.isRequest() && m.status() >= 200 && m.status() < 300 && "INVITE".equals(m.cseqMethod())
                    && request.callId().equals(m.callId())) {
                return true;
            }
        }
        return false;
    }

    private static boolean coveredElsewhere(String method, SipMessage fin) {
        return fin.status() == 481 || fin.status() == 491 && "INVITE".equals(method);
    }

    /** True when a 401/407 to {@code r} was followed by the same sender's request of the dialog with credentials. */
    private static boolean challengeAnswered(List<DialogRequests> requests, DialogRequests r) {
        int status = r.finalResponse().status();
        return (status == 401 || status == 407) && laterFromSender(requests, r, true) != null;
    }

    /**
     * The first request of {@code r}'s dialog its sender sent after {@code r}'s refusal (with credentials when
     * {@code credentials}; answered 2xx otherwise), or null.
     */
    private static DialogRequests laterFromSender(List<DialogRequests> requests, DialogRequests r, boolean credentials) {
        SipMessage refused = r.request();
        for (DialogRequests o : requests) {
            SipMessage m = o.request();
            SipMessage fin = o.finalResponse();
            if (m.frame() > r.finalResponse().frame() && m.hasToTag() && refused.callId().equals(m.callId())
                    && m.src().address().equals(refused.src().address())
                    && (credentials ? DialogRequests.hasCredentials(m)
                    : fin != null && fin.status() >= 200 && fin.status() < 300)) {
                return o;
            }
        }
        return null;
    }

    /**
     * The finding of one refusal, named after where it started ({@code chain}'s first step) and told from the sender
     * of its last step, the request the B2BUA answered with what came back (the refusal itself when nobody relayed it).
     */
    private static Finding finding(DiagnosisContext context, CallFlow flow, List<RefusalRelays.Refusal> chain) {
        RefusalRelays.Refusal origin = chain.get(0);
        RefusalRelays.Refusal last = chain.get(chain.size() - 1);
        String method = origin.method();
        SipMessage request = origin.request().request();
        SipMessage answer = origin.answer();
        String refuser = name(flow, answer);
        String sender = request.src().address();
        Change asked = change(context, method, request);
        String change = asked.text();
        boolean fax = asked.kind() == Kind.T38;
        StatusMeaning m = answer.status() == 405 && flow.hasHop(answer.src(), Role.LIVEKIT) ? LIVEKIT_405
                : fax && answer.status() != 491 && answer.status() != 500 ? T38_REFUSED
                : origin.early() && inRange(EARLY_MEANINGS, answer.status()) ? StatusMeaning.of(EARLY_MEANINGS, answer.status())
                : StatusMeaning.of(MEANINGS, answer.status());
        List<Long> frames = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        facts.add(change + ": " + method + " frame " + request.frame() + " from " + sender + " to " + request.dst()
                + ", answered " + answer.label() + " (frame " + answer.frame() + ")");
        ResponseFacts.add(answer, facts);
        String relayed = relayFacts(flow, chain, frames, facts);
        DialogRequests retry = laterFromSender(context.dialogRequests(flow, last.method()), last.request(), false);
        String after;
        boolean wentThrough = false;
        if (retry != null) {
            frames.add(retry.request().frame());
            frames.add(retry.finalResponse().frame());
            // the same change asked again, or something else instead (a refused T.38 switch followed by audio)
            Change nextChange = change(context, last.method(), retry.request());
            String next = nextChange.text();
            // a hold asked again with another direction, or a codec change with other codecs, is the change in
            // another form; a refused T.38 switch followed by audio is not
            wentThrough = nextChange.kind() == asked.kind();
            after = " A later " + label(last.method()) + " from " + retry.request().src().address() + " (frame "
                    + retry.request().frame() + ") was answered " + retry.finalResponse().label() + (next.equals(change)
                    ? ", so the change went through in the end." : wentThrough ? " (" + next + "), so the change went "
                    + "through in that form in the end." : ", but it asked for something else: " + next
                    + (fax ? "; the call stayed on audio, so a fax goes through as G.711 pass-through, if at all."
                    : "; the change itself did not go through."));
            facts.add("Later " + label(last.method()) + " frame " + retry.request().frame() + " (" + next
                    + ") answered " + retry.finalResponse().label() + " (frame " + retry.finalResponse().frame() + ")");
        } else {
            after = origin.early() ? inviteOutcome(flow, last.answer(), frames, facts)
                    : ending(flow, last.answer(), frames, facts);
        }
        String why = refuser + " refused the " + change + " with " + answer.label() + ": " + m.meaning() + "."
                + relayed + (origin.early() ? early(asked) : " A refused " + label(method) + " leaves the session as it "
                + "was before it (RFC 3261 14.1, RFC 3311 5.1, RFC 3264): the call stays answered with its earlier media"
                + (asked.kind() == Kind.HOLD ? ", so it was not put on hold" : "") + ".") + after;
        frames.sort(null);
        FindingCode code = origin.early() ? FindingCode.SIP_EARLY_UPDATE_REFUSED : CODE;
        String status = answer.label() + (chain.size() > 1 ? relayTitle(flow, chain) : "");
        Finding f = DialogRequests.finding(flow, last.request().request(), code, code.title(change, refuser, status),
                why, frames, facts, List.of(m.check(answer.src().address(), sender)));
        return wentThrough ? f.withSeverity(Severity.INFO) : f;
    }

    /** True when a row of {@code table} holds {@code status}. */
    private static boolean inRange(List<StatusMeaning> table, int status) {
        for (StatusMeaning m : table) {
            if (status >= m.from() && status <= m.to()) {
                return true;
            }
        }
        return false;
    }

    /** What a refused UPDATE of an early dialog means for the call and its media. */
    private static String early(Change asked) {
        return " The UPDATE came in the early dialog, before the INVITE was answered (RFC 3311 5.1 allows one once a "
                + "provisional response set the dialog up). A refused UPDATE leaves the early session as it was: the "
                + "offer and answer made before it (in the INVITE and a reliable provisional response, RFC 3262) stay "
                + "in force, so early media such as ringback or announcements flows as before"
                + (asked.kind() == Kind.HOLD ? " and was not put on hold" : asked.kind() == Kind.NO_SDP
                ? " (an UPDATE without SDP changes only the remote target, which stays as it was)" : "")
                + ". It does not end the INVITE transaction: the call is answered or fails on its own.";
    }

    /**
     * Adds each step a B2BUA passed the refusal back over ({@code chain} after its first) to the evidence, and every
     * step's request and answer to the frames; returns the sentence saying so, or "" for a refusal nobody relayed.
     */
    private static String relayFacts(CallFlow flow, List<RefusalRelays.Refusal> chain, List<Long> frames,
                                     List<String> facts) {
        SipMessage previous = null;
        List<String> legs = new ArrayList<>(chain.size());
        for (RefusalRelays.Refusal step : chain) {
            SipMessage fin = step.answer();
            frames.add(step.request().request().frame());
            frames.add(fin.frame());
            if (previous != null) {
                facts.add(name(flow, fin) + (previous.status() == fin.status() ? " relayed " + fin.status()
                        : " turned " + previous.status() + " into " + fin.label()) + " to " + fin.dst().address()
                        + " on its other leg (frame " + fin.frame() + ", Call-ID " + fin.callId() + ")");
            }
            legs.add("Call-ID " + fin.callId());
            previous = fin;
        }
        if (chain.size() < 2) {
            return "";
        }
        facts.add(1, "It started at " + name(flow, chain.get(0).answer()) + " and came back over "
                + String.join(", then ", legs));
        return " A B2BUA runs a dialog per leg: it sent the change on over its next leg and answered the one it got "
                + "with what came back, so this one refusal shows on " + chain.size() + " legs; the cause is where it "
                + "started.";
    }

    /** The title's tail for a relayed refusal: who passed it back to whom, and as what when the status changed. */
    private static String relayTitle(CallFlow flow, List<RefusalRelays.Refusal> chain) {
        List<String> relays = new ArrayList<>(chain.size() - 1);
        for (int i = 1; i < chain.size(); i++) {
            String relay = name(flow, chain.get(i).answer());
            if (!relays.contains(relay)) {
                relays.add(relay);
            }
        }
        SipMessage first = chain.get(0).answer();
        SipMessage last = chain.get(chain.size() - 1).answer();
        return ", relayed by " + String.join(" and ", relays) + " to " + name(flow, last.dst())
                + (last.status() == first.status() ? "" : " as " + last.label());
    }

    /** What became of the INVITE after a refused early UPDATE: its final response, or that the capture shows none. */
    private static String inviteOutcome(CallFlow flow, SipMessage answer, List<Long> frames, List<String> facts) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (!fm.retransmission() && !m.isRequest() && m.frame() > answer.frame() && m.status() >= 200
                    && "INVITE".equals(m.cseqMethod()) && answer.callId().equals(m.callId())) {
                frames.add(m.frame());
                facts.add("The INVITE was then answered " + m.label() + " (frame " + m.frame() + ")");
                return m.status() < 300 ? " The INVITE was then answered " + m.label() + " (frame " + m.frame()
                        + "): the call started with the media agreed before the refused UPDATE."
                        : " The INVITE then failed with " + m.label() + " (frame " + m.frame() + "): that failure has "
                        + "its own finding; the refused UPDATE did not cause it by itself.";
            }
        }
        return " The capture shows no final response to the INVITE after it.";
    }

    /** What happened after the refusal: the BYE that ended the dialog, by whom and when, or that none came. */
    private static String ending(CallFlow flow, SipMessage answer, List<Long> frames, List<String> facts) {
        SipMessage bye = null;
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (!fm.retransmission() && m.frame() > answer.frame() && "BYE".equals(m.method())
                    && answer.callId().equals(m.callId())) {
                bye = m;
                break;
            }
        }
        if (bye == null) {
            return " The capture shows no BYE of this dialog after it: the call went on.";
        }
        frames.add(bye.frame());
        long micros = bye.timestampMicros() - answer.timestampMicros();
        String when = String.format(Locale.ROOT, "%.1f s", micros / 1e6);
        facts.add("BYE frame " + bye.frame() + " from " + bye.src().address() + ", " + when + " after the refusal");
        boolean byRefuser = bye.src().address().equals(answer.src().address());
        if (micros > ENDED_BY_IT_MICROS) {
            return " The call went on; " + bye.src().address() + " ended it " + when + " later (BYE, frame "
                    + bye.frame() + ").";
        }
        return " Then " + (byRefuser ? "the refuser" : "the sender") + " ended the call " + when + " later (BYE, frame "
                + bye.frame() + "), right after the refusal: the refused change is the likely reason the call ended.";
    }

    /** The refuser's address, with its role when the flow knows it (LiveKit, Jambonz, carrier). */
    private static String name(CallFlow flow, SipMessage answer) {
        return name(flow, answer.src());
    }

    /** The address of {@code endpoint}, with its role when the flow knows it. */
    private static String name(CallFlow flow, Endpoint endpoint) {
        for (Role role : new Role[] {Role.LIVEKIT, Role.JAMBONZ, Role.CARRIER}) {
            if (flow.hasHop(endpoint, role)) {
                return role.displayName() + " " + endpoint.address();
            }
        }
        return endpoint.address();
    }

    private static String label(String method) {
        return "INVITE".equals(method) ? "re-INVITE" : method;
    }

    /** What the request asked to change, from its SDP and Session-Expires: hold, resume, media or a session refresh. */
    private static Change change(DiagnosisContext context, String method, SipMessage request) {
        Sdp sdp = context.sdp(request);
        boolean refresh = request.header("Session-Expires") != null;
        if (sdp == null) {
            return refresh ? new Change(Kind.REFRESH, "session refresh " + label(method) + " (RFC 4028)")
                    : new Change(Kind.NO_SDP, label(method) + " without SDP");
        }
        for (SdpMedia media : sdp.media()) {
            if ("image".equalsIgnoreCase(media.type()) && media.port() != 0 && media.protocol() != null
                    && media.protocol().toLowerCase(Locale.ROOT).contains("udptl")) {
                return new Change(Kind.T38, "T.38 fax " + label(method) + " (m=image " + media.protocol() + " "
                        + String.join(" ", media.codecs()) + ")");
            }
        }
        for (SdpMedia media : sdp.media()) {
            if ("audio".equalsIgnoreCase(media.type()) && media.direction() != null
                    && !"sendrecv".equalsIgnoreCase(media.direction())) {
                return new Change(Kind.HOLD, "hold " + label(method) + " (a=" + media.direction() + ")");
            }
        }
        return new Change(refresh ? Kind.REFRESH : Kind.MEDIA, (refresh ? "session refresh " : "media change ")
                + label(method) + " (offer: " + String.join(", ", audioCodecs(sdp)) + ")");
    }

    /** The audio codecs offered, or the other media when there is no audio. */
    private static List<String> audioCodecs(Sdp sdp) {
        List<String> codecs = new ArrayList<>();
        for (SdpMedia media : sdp.media()) {
            if ("audio".equalsIgnoreCase(media.type())) {
                codecs.addAll(media.codecs());
            }
        }
        if (codecs.isEmpty()) {
            // no audio offered (a T.38 fax switch, video only): name the media instead
            for (SdpMedia media : sdp.media()) {
                codecs.add("m=" + media.type() + " " + media.protocol());
            }
        }
        return codecs;
    }
}
