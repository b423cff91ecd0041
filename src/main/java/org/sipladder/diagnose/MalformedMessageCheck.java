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
            Announced announced = new Announced(context, flow.legs().size());
            for (int i = 0; i < messages.size(); i++) {
                FlowMessage m = messages.get(i);
                if (!m.retransmission() && reason(context, m, announced) != null) {
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

    /**
     * Whether the media analysis took an SDP announcement from a message, asked of the capture once per leg: a call's
     * legs each carry a few SDP messages, and each ask was a look-up in the capture's index.
     */
    private static final class Announced {
        private final DiagnosisContext context;
        private final String[] callIds;
        private final long[][] frames;

        Announced(DiagnosisContext context, int legs) {
            this.context = context;
            this.callIds = new String[legs];
            this.frames = new long[legs][];
        }

        /** {@link org.sipladder.media.CaptureMedia#announcedFrom} of {@code m}'s message; false when it has no SDP. */
        boolean from(FlowMessage m) {
            SipMessage message = m.message();
            String callId = message.callId();
            if (!message.hasSdp() || callId == null) {
                return false;
            }
            int leg = m.legIndex();
            if (leg < 0 || leg >= frames.length) {
                return context.media().announcedFrom(callId, message.frame());
            }
            if (frames[leg] == null || !callId.equals(callIds[leg])) {
                callIds[leg] = callId;
                frames[leg] = context.media().announcedFrames(callId);
            }
            return java.util.Arrays.binarySearch(frames[leg], message.frame()) >= 0;
        }
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
        String flagged = flagged(m);
        if (!m.hasSdp() || context.media().announcedFrom(m.callId(), m.frame())) {
            return flagged;
        }
        return reason(flagged, unaddressed(context.sdp(m)));
    }

    /**
     * {@link #reason(DiagnosisContext, SipMessage)} of {@code fm}'s message, the capture's announcements asked through
     * {@code announced}. An SDP the other rules have parsed already is looked at first: it has its address (nearly
     * every one does), and the announcements are not asked (a look-up in the capture's large index per leg); one
     * not parsed yet is read back only when the media analysis took nothing from it.
     */
    private static String reason(DiagnosisContext context, FlowMessage fm, Announced announced) {
        SipMessage m = fm.message();
        String flagged = flagged(m);
        if (!m.hasSdp()) {
            return flagged;
        }
        SdpMedia lost;
        if (context.memo().sdpKept(m)) {
            lost = unaddressed(context.sdp(m));
            if (lost == null || announced.from(fm)) {
                return flagged;
            }
        } else {
            if (announced.from(fm)) {
                return flagged;
            }
            lost = unaddressed(context.sdp(m));
        }
        return reason(flagged, lost);
    }

    /** The reader's flag of {@code m}, or null. */
    private static String flagged(SipMessage m) {
        return m.malformed() ? (m.malformedReason() == null ? "malformed" : m.malformedReason()) : null;
    }

    /** {@link Sdp#withoutAddress} of {@code sdp}, null for none. */
    private static SdpMedia unaddressed(Sdp sdp) {
        return sdp == null ? null : sdp.withoutAddress();
    }

    /** The reader's flag {@code flagged} with what {@code lost} (a section without an address, or null) adds. */
    private static String reason(String flagged, SdpMedia lost) {
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
