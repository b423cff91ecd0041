package org.sipladder.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sipladder.diagnose.Finding;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Timings;
import org.sipladder.ladder.LadderStreams;
import org.sipladder.media.RtpStream;
import org.sipladder.sip.RawSipText;
import org.sipladder.sip.SipMessage;

/** The pages about one call: its facts, legs and hops, the findings, its media, the ladder and the key messages. */
final class CallSection {

    /** Room for a key message's title and the first lines of its text. */
    private static final float MESSAGE_START = 80;
    /**
     * Lines of one key message shown at most (two pages): an INVITE with a video and ICE offer fits whole, a message
     * with a body of tens of kilobytes (seen in captures) would otherwise fill ten pages with it.
     */
    static final int MESSAGE_LINES = 150;

    private final PageFlow page;
    private final LadderPages ladder;
    private final MediaSection media;
    private final FlowRedactor redactor;

    CallSection(PageFlow page, LadderPages ladder, MediaSection media, FlowRedactor redactor) {
        this.page = page;
        this.ladder = ladder;
        this.media = media;
        this.redactor = redactor;
    }

    /** "Call", or "REGISTER dialog" for a dialog that is no call (a registration, a subscription, a ping). */
    static String label(CallFlow flow) {
        String method = flow.aLeg().method();
        return Leg.isCallMethod(method) ? "Call" : method + " dialog";
    }

    /** The call's pages; {@code streams} are its RTP streams as captured (redacted here). */
    void write(int number, CallFlow flow, List<Finding> findings, List<RtpStream> streams) {
        page.newPage();
        page.heading(label(flow) + " " + number + ": " + title(flow), 1);
        page.paragraph(outcome(flow), page.body.withColour(flow.failedForGood() ? FindingBlock.ERROR : PageFlow.TEXT));
        page.gap(6);
        page.table(Table.facts(facts(flow)));
        legs(flow);
        hops(flow);
        Finding primary = findings.stream().filter(Finding::primary).findFirst().orElse(null);
        FindingBlock block = new FindingBlock(page);
        // a call that did not fail has no primary cause to head its findings (one shown for its audio, say)
        boolean answered = primary == null && !flow.failedForGood();
        if (!answered) {
            page.heading("Primary cause", 2);
            if (primary == null) {
                page.paragraph("No rule explains this failure. The ladder and the messages below show what each hop "
                        + "answered.");
            } else {
                block.write(primary);
            }
        }
        List<Finding> others = findings.stream().filter(f -> !f.primary()).toList();
        if (!others.isEmpty()) {
            page.heading(answered ? "Findings" : "Other findings", 2);
            others.forEach(block::write);
        }
        media.write(streams, findings, redactor);
        ladder.write(flow, redactor.streams(LadderStreams.of(streams, flow)));
        keyMessages(flow, primary);
    }

    static String title(CallFlow flow) {
        Leg a = flow.aLeg();
        return Parties.user(a.from()) + " \u2192 " + Parties.user(a.to());
    }

    /**
     * The call's outcome in one sentence; a scanner's call is a scan, not a failed call ({@link CallFlow#failedForGood}),
     * as diagnose and the call list count it.
     */
    static String outcome(CallFlow flow) {
        Leg a = flow.outcome();
        if (flow.scanner() != null) {
            return "A scan, not a call: " + (a.hasFinalResponse() ? "the scanner got " + a.statusText() + "."
                    : "no final response reached the scanner.");
        }
        // in a call LiveKit placed, LiveKit is the caller
        boolean outbound = flow.placedByLiveKit();
        if (!a.hasFinalResponse()) {
            return outbound ? "No final response reached LiveKit." : "No final response reached the caller.";
        }
        return (flow.failed() ? "Failed: " : "Answered: ") + (outbound ? "LiveKit's outbound call got " : "the caller got ")
                + a.statusText() + ".";
    }

    private static List<List<String>> facts(CallFlow flow) {
        Leg a = flow.aLeg();
        Timings t = flow.timings();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Call-ID", a.callId()));
        rows.add(List.of("From", nonNull(a.from())));
        rows.add(List.of("To", nonNull(a.to())));
        rows.add(List.of("Request-URI", nonNull(a.requestUri())));
        rows.add(List.of("Started", Times.stamp(flow.startMicros())));
        rows.add(List.of("Path", flow.hops().stream().map(CallSection::hopName).collect(Collectors.joining(" \u2192 "))));
        if (t != null) {
            rows.add(List.of("Post-dial delay", Times.duration(t.postDialDelayMicros())));
            rows.add(List.of("First provisional", Times.duration(t.firstProvisionalMicros())));
            rows.add(List.of("Final response after", Times.duration(t.finalResponseMicros())));
            if (t.durationMicros() != null) {
                rows.add(List.of("Call duration", Times.duration(t.durationMicros())));
            }
        }
        return rows;
    }

    private void legs(CallFlow flow) {
        page.heading("Legs", 3);
        List<List<String>> rows = flow.legs().stream().map(l -> List.of(
                Integer.toString(l.index() + 1), l.callId(),
                Parties.user(l.from()) + " \u2192 " + Parties.user(l.to()),
                Integer.toString(l.messageCount()),
                l.hasFinalResponse() ? l.finalStatus() + (l.finalReason() == null ? "" : " " + l.finalReason()) : "none"))
                .toList();
        page.table(new Table(List.of("Leg", "Call-ID", "From \u2192 To", "Msgs", "Final response"),
                List.of(0.5, 3.2, 2.6, 0.7, 2.0), rows, List.of(false, true, false, false, false)));
        if (!flow.joinEvidence().isEmpty()) {
            page.paragraph("Why these legs are one call: " + String.join(" ", flow.joinEvidence()), page.small);
            page.gap(4);
        }
    }

    private void hops(CallFlow flow) {
        page.heading("Hops", 3);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < flow.hops().size(); i++) {
            Hop h = flow.hops().get(i);
            rows.add(List.of(Integer.toString(i + 1), h.role().displayName(), h.place(), String.join(" ", h.evidence())));
        }
        page.table(Table.of(List.of("Column", "Role", "Address", "Why this role"), List.of(0.8, 1.3, 2.0, 4.9), rows));
    }

    /** The messages a reader needs in full, each under a title that stays on the page with its start. */
    void keyMessages(CallFlow flow, Finding primary) {
        List<FlowMessage> key = KeyMessages.of(flow, primary);
        if (key.isEmpty()) {
            return;
        }
        page.heading("Key messages", 2, MESSAGE_START);
        for (FlowMessage m : key) {
            SipMessage s = m.message();
            page.ensure(MESSAGE_START);
            page.paragraph(s.label() + "  (frame " + s.frame() + ", " + Times.clock(s.timestampMicros()) + ", "
                    + s.src() + " \u2192 " + s.dst() + " " + s.transport() + ")", page.strong);
            page.gap(2);
            // a digest response with its nonce allows an offline guess of the password: shown as the inspector does
            String raw = s.raw();
            page.mono(RawSipText.redact(raw), MESSAGE_LINES, String.format(Locale.ROOT, "The rest of this message is "
                    + "left out: it is %,d characters long, more than %d lines here. Frame %d of the capture holds it "
                    + "whole.", raw.length(), MESSAGE_LINES, s.frame()));
            page.gap(4);
        }
    }

    private static String hopName(Hop h) {
        return h.role().displayName() + " " + h.place();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
