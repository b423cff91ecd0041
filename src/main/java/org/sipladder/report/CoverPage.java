package org.sipladder.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sipladder.AppVersion;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Finding;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;

/** The first page: what was captured, how many calls failed and why, in one table. */
final class CoverPage {

    private final PageFlow page;

    CoverPage(PageFlow page) {
        this.page = page;
    }

    /** At most this many findings of calls not reported are listed on the cover page. */
    static final int OTHER_FINDINGS_LISTED = 30;

    /**
     * The cover page: the capture, the reported calls with their primary causes, {@code others} (errors and warnings
     * of calls not reported: answered calls with media or address risks), and the config's own findings.
     */
    void write(ReportInput input, List<CallFlow> reported, List<Finding> findings, List<Finding> others,
               Redaction redaction) {
        page.newPage();
        page.heading("SIP Ladder findings report", 1);
        page.paragraph(input.captureName(), new TextStyle(page.fonts().regular(), 12f, PageFlow.MUTED, 16f));
        page.gap(8);
        page.table(Table.facts(facts(input)));
        if (redaction.active()) {
            page.paragraph(redaction.notice(), page.small);
            page.gap(6);
        }
        // registrations, subscriptions and pings are named apart from calls, as diagnose counts them
        boolean otherDialogs = reported.stream().anyMatch(f -> !Leg.isCallMethod(f.aLeg().method()));
        String selected = reported.size() == 1 ? CallSection.label(reported.get(0)) : null;
        page.heading(selected != null && !reported.get(0).failed()
                ? "Selected " + ("Call".equals(selected) ? "call" : selected)
                : otherDialogs ? "Failed calls and other dialogs" : "Failed calls", 2);
        if (reported.isEmpty()) {
            page.paragraph("No call in this capture failed.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < reported.size(); i++) {
                CallFlow flow = reported.get(i);
                rows.add(List.of(Integer.toString(i + 1), CallSection.title(flow), status(flow),
                        primary(flow, findings)));
            }
            page.table(Table.of(List.of("Call", "From \u2192 To", "Caller got", "Primary cause"),
                    List.of(0.5, 2.6, 1.6, 5.0), rows));
            page.paragraph("Each call has its own section: the findings with fixes, the ladder and the key messages.",
                    page.small);
        }
        if (!others.isEmpty()) {
            page.heading("Warnings on answered calls", 2);
            List<List<String>> rows = others.stream().limit(OTHER_FINDINGS_LISTED).map(f -> List.of(
                    f.callId() == null ? "" : f.callId(), FindingBlock.severity(f.severity()), f.code().name(),
                    f.title())).toList();
            page.table(Table.of(List.of("Call-ID", "Severity", "Code", "Finding"), List.of(2.2, 0.9, 2.4, 4.0), rows));
            page.paragraph((others.size() > OTHER_FINDINGS_LISTED ? (others.size() - OTHER_FINDINGS_LISTED)
                    + " more not listed. " : "") + "A report of one call, with its ladder and the details and fixes of "
                    + "its findings: sipladder report CAPTURE --call CALL-ID -o call.pdf", page.small);
        }
        List<Finding> general = findings.stream().filter(f -> f.flowId() == null).toList();
        if (!general.isEmpty()) {
            page.heading("Configuration findings", 2);
            page.table(Table.of(List.of("Code", "Severity", "Finding"), List.of(2.8, 0.9, 5.0), general.stream()
                    .map(f -> List.of(f.code().name(), FindingBlock.severity(f.severity()), f.title())).toList()));
            page.paragraph("Details and fixes are in the appendix.", page.small);
        }
    }

    private static List<List<String>> facts(ReportInput input) {
        long messages = input.flows().stream().mapToLong(f -> f.messages().size()).sum();
        Diagnosis diagnosis = new Diagnosis(input.findings(), input.routings());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Capture", input.captureName()));
        if (input.firstMicros() > 0) {
            rows.add(List.of("Time span", Times.stamp(input.firstMicros()) + "  to  " + Times.stamp(input.lastMicros())
                    + "  (" + Times.duration(input.lastMicros() - input.firstMicros()) + ")"));
        }
        rows.add(List.of("Packets", Times.count(input.packets())));
        rows.add(List.of("SIP messages", Times.count(messages)));
        rows.add(List.of("Calls", diagnosis.counts(input.flows())));
        rows.add(List.of("Generated", Instant.now().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC")
                + " by SIP Ladder " + AppVersion.current()));
        return rows;
    }

    private static String status(CallFlow flow) {
        var a = flow.outcome();
        if (!a.hasFinalResponse()) {
            return "no final response";
        }
        return a.finalReason() == null || a.finalReason().isEmpty() ? Integer.toString(a.finalStatus())
                : a.finalStatus() + " " + a.finalReason();
    }

    private static String primary(CallFlow flow, List<Finding> findings) {
        Optional<Finding> p = findings.stream().filter(f -> f.primary() && flow.id().equals(f.flowId())).findFirst();
        return p.map(f -> f.code() + ": " + f.title()).orElse("no rule explains it; see the ladder");
    }
}
