package org.sipladder.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sipladder.AppVersion;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Finding;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;

/** The first page: what was captured, how many calls failed and why, in one table. */
final class CoverPage {

    private final PageFlow page;
    private final FlowRedactor redactor;

    CoverPage(PageFlow page, FlowRedactor redactor) {
        this.page = page;
        this.redactor = redactor;
    }

    /**
     * The cover page: the capture, the reported calls with their primary causes (counted by cause, hop and trunk when
     * there are many), {@code others} (errors and warnings of calls not reported: answered calls with media or
     * address risks), and the config's own findings.
     *
     * @param reported the calls shown in full, as redacted: the failed ones, then those of {@code audio}
     * @param scans    the probes of calls from SIP scanners (SIP_SCANNER_PROBE), listed apart
     */
    void write(ReportInput input, FailedCalls failed, List<CallFlow> reported, List<Finding> findings,
               List<Finding> others, List<Finding> scans, Redaction redaction, AudioTroubleCalls audio) {
        page.newPage();
        page.heading("SIP Ladder findings report", 1);
        page.paragraph(input.captureName(), new TextStyle(page.fonts().regular(), 12f, PageFlow.MUTED, 16f));
        page.gap(8);
        page.table(Table.facts(facts(input)));
        if (redaction.active()) {
            page.paragraph(redaction.notice(), page.small);
            page.gap(6);
        }
        if (failed.summarised()) {
            new FailureSummary(page, redactor).write(failed);
        }
        int failedInFull = failed.inFull().size();
        if (!failed.condensed()) {
            list(reported.subList(0, failedInFull), findings, failed.summarised());
        }
        audio(reported.subList(failedInFull, reported.size()), failedInFull, findings, audio);
        Set<String> withWarnings = others.stream().map(Finding::flowId).collect(Collectors.toSet());
        new AnsweredCallWarnings(page).write(others, input.flows().stream()
                .anyMatch(f -> withWarnings.contains(f.id()) && !Leg.isCallMethod(f.aLeg().method())));
        new ScanProbes(page, redactor).write(scans, input.flows());
        List<Finding> general = findings.stream().filter(f -> f.flowId() == null).toList();
        if (!general.isEmpty()) {
            page.heading("Configuration findings", 2);
            page.table(Table.of(List.of("Code", "Severity", "Finding"), List.of(2.8, 0.9, 5.0), general.stream()
                    .map(f -> List.of(f.code().name(), FindingBlock.severity(f.severity()), f.title())).toList()));
            page.paragraph("Details and fixes are in the appendix.", page.small);
        }
    }

    /** Every call shown in full, numbered as its section is. */
    private void list(List<CallFlow> reported, List<Finding> findings, boolean afterSummary) {
        // registrations, subscriptions and pings are named apart from calls, as diagnose counts them
        boolean otherDialogs = reported.stream().anyMatch(f -> !Leg.isCallMethod(f.aLeg().method()));
        String selected = reported.size() == 1 ? CallSection.label(reported.get(0)) : null;
        page.heading(selected != null && !reported.get(0).failedForGood()
                ? "Selected " + ("Call".equals(selected) ? "call" : selected)
                : otherDialogs ? "Failed calls and other dialogs" : "Failed calls", 2);
        if (reported.isEmpty()) {
            page.paragraph("No call in this capture failed.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < reported.size(); i++) {
                CallFlow flow = reported.get(i);
                rows.add(List.of(Integer.toString(i + 1), CallSection.title(flow), flow.outcome().statusText(),
                        primary(flow, findings)));
            }
            page.table(Table.of(List.of("Call", "From \u2192 To", "Caller got", "Primary cause"),
                    List.of(0.5, 2.6, 1.6, 5.0), rows));
            if (!afterSummary) {
                page.paragraph("Each call has its own section: the findings with fixes, the ladder and the key "
                        + "messages.", page.small);
            }
        }
    }

    /** The answered calls shown for their audio, numbered as their sections are, after the failed calls. */
    private void audio(List<CallFlow> shown, int before, List<Finding> findings, AudioTroubleCalls audio) {
        if (shown.isEmpty()) {
            return;
        }
        page.heading("Answered calls with audio problems", 2);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            CallFlow flow = shown.get(i);
            Finding worst = AudioTroubleCalls.worstIfMedia(findings.stream().filter(f -> flow.id().equals(f.flowId()))
                    .toList());
            rows.add(List.of(Integer.toString(before + i + 1), CallSection.title(flow),
                    flow.outcome().statusText(), worst == null ? "" : worst.code() + ": " + worst.title()));
        }
        page.table(Table.of(List.of("Call", "From \u2192 To", "Caller got", "Worst finding"),
                List.of(0.5, 2.6, 1.6, 5.0), rows));
        page.paragraph(audio.condensed()
                ? Times.count(audio.count()) + " answered calls have a media warning or error as their worst finding. "
                + "Each problem follows, most calls first: its first " + FailedCalls.IN_FULL_PER_CAUSE + " calls in "
                + "full (streams, findings, ladder), then its other calls in a table. Every call in full: sipladder "
                + "report CAPTURE --all-in-full -o all.pdf; one call: --call CALL-ID."
                : "Each has its own section: its RTP streams with their figures, the findings, the ladder.", page.small);
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

    private static String primary(CallFlow flow, List<Finding> findings) {
        Optional<Finding> p = findings.stream().filter(f -> f.primary() && flow.id().equals(f.flowId())).findFirst();
        return p.map(f -> f.code() + ": " + f.title()).orElse("no rule explains it; see the ladder");
    }
}
