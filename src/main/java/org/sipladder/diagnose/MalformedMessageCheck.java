package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/**
 * SIP_MALFORMED_MESSAGE: the messages of a call that the capture's SIP reader flagged malformed, each with what is
 * wrong with it, so that the diagnosis says what {@code messages} and the ladder flag (a message is never dropped
 * for it). It pairs nothing, so it runs on calls without a Call-ID too.
 */
final class MalformedMessageCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_MALFORMED_MESSAGE;

    /** The distinct problems told one by one, and the frames given as evidence; the others are counted. */
    static final int LISTED = 10;

    private static final String EXPLANATION = "The capture's SIP reader could not read these messages as RFC 3261 "
            + "writes them; each fact says what is wrong. A peer's SIP stack may answer such a message 400 Bad Request "
            + "or drop it without a word, which leaves its request unanswered, while a lenient one reads it: whether "
            + "it mattered shows in what the peer answered.";

    /** It reads each message's own flag: a call without a Call-ID has its malformed messages said too. */
    @Override
    public boolean pairsByCallId() {
        return false;
    }

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = List.of();
        for (CallFlow flow : context.flows()) {
            List<FlowMessage> messages = flow.messages();
            List<FlowMessage> malformed = null;
            for (int i = 0; i < messages.size(); i++) {
                FlowMessage m = messages.get(i);
                if (!m.retransmission() && reason(context, m.message()) != null) {
                    if (malformed == null) {
                        malformed = new ArrayList<>(2);
                    }
                    malformed.add(m);
                }
            }
            if (malformed != null) {
                if (findings.isEmpty()) {
                    findings = new ArrayList<>(1);
                }
                findings.add(finding(context, flow, malformed));
            }
        }
        return findings;
    }

    /** "Frame 4, INVITE from A to B: reason", or "Frames 4, 5, 6 (3 messages, the first INVITE from A to B): reason". */
    private static String fact(List<SipMessage> messages, String reason) {
        SipMessage m = messages.get(0);
        String first = m.label() + " from " + m.src() + " to " + m.dst();
        if (messages.size() == 1) {
            return "Frame " + m.frame() + ", " + first + ": " + reason;
        }
        StringBuilder frames = new StringBuilder("Frames ");
        for (int i = 0; i < messages.size() && i < LISTED; i++) {
            frames.append(i == 0 ? "" : ", ").append(messages.get(i).frame());
        }
        if (messages.size() > LISTED) {
            frames.append(", ...");
        }
        return frames + " (" + messages.size() + " messages, the first " + first + "): " + reason;
    }

    /**
     * What is wrong with {@code m}: the reader's flag, and an SDP the media analysis took no address from because it
     * has none ({@link Sdp#withoutAddress}), which the reader does not judge (a message read in bulk has its body read
     * only when asked); null when nothing.
     */
    private static String reason(DiagnosisContext context, SipMessage m) {
        String flagged = m.malformed() ? (m.malformedReason() == null ? "malformed" : m.malformedReason()) : null;
        if (!m.hasSdp() || context.media().announcedFrom(m.callId(), m.frame())) {
            return flagged;
        }
        Sdp sdp = context.sdp(m);
        SdpMedia lost = sdp == null ? null : sdp.withoutAddress();
        if (lost == null) {
            return flagged;
        }
        String unaddressed = "its SDP has an m=" + lost.type() + " section with no c= line, in it or at the session "
                + "level (RFC 4566 5.7 requires one): it names no address for its media, so no RTP can be tied to it";
        return flagged == null ? unaddressed : flagged + "; " + unaddressed;
    }

    private static Finding finding(DiagnosisContext context, CallFlow flow, List<FlowMessage> malformed) {
        SipMessage first = malformed.get(0).message();
        int more = malformed.size() - 1;
        List<Long> frames = new ArrayList<>();
        for (int i = 0; i < malformed.size() && i < LISTED; i++) {
            frames.add(malformed.get(i).message().frame());
        }
        // one fact per distinct problem, in the order first met: a call's messages often share one (an empty Call-ID)
        Map<String, List<SipMessage>> byReason = new LinkedHashMap<>();
        for (FlowMessage fm : malformed) {
            SipMessage m = fm.message();
            byReason.computeIfAbsent(reason(context, m), k -> new ArrayList<>(1)).add(m);
        }
        List<String> facts = new ArrayList<>();
        int unlisted = 0;
        for (Map.Entry<String, List<SipMessage>> e : byReason.entrySet()) {
            if (facts.size() == LISTED) {
                unlisted += e.getValue().size();
                continue;
            }
            facts.add(fact(e.getValue(), e.getKey()));
        }
        if (unlisted > 0) {
            facts.add(unlisted + " more malformed message" + (unlisted == 1 ? "" : "s")
                    + " (sipladder messages lists them all)");
        }
        String title = CODE.title(first.label(), first.src().address(),
                more == 0 ? "" : " (and " + more + " more message" + (more == 1 ? "" : "s") + ")");
        List<String> steps = List.of(
                "Correct what the sender writes in the part each fact names (RFC 3261 section 20 gives each header's "
                        + "syntax, section 7 the message's); a message cut short or followed by other bytes points at "
                        + "its transport instead (UDP fragments and the path MTU, TCP framing).",
                "The raw text of each message is in the ladder's inspector (its frame), and sipladder messages --json "
                        + "gives each message's malformedReason.");
        String callId = flow.legs().get(malformed.get(0).legIndex()).callId();
        return new Finding(CODE, CODE.severity(), title, EXPLANATION, callId, flow.id(), false,
                Findings.evidence(frames, List.of(), facts), Findings.fix(steps, List.of(), null));
    }
}
