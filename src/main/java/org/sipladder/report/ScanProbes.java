package org.sipladder.report;

import java.util.List;
import org.sipladder.Counted;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.ScanSource;
import org.sipladder.diagnose.ScanSources;
import org.sipladder.flow.CallFlow;

/**
 * The first page's scans: the probes of calls from SIP scanners (SIP_SCANNER_PROBE), which are no failed calls and no
 * answered ones either, listed apart from both, after a table of the scanners (tool, calls, requests, targets,
 * users, worst answer); the first {@value #LISTED}, then counted.
 */
final class ScanProbes {

    /** Up to this many probes are listed one by one. */
    static final int LISTED = 30;

    /** Up to this many scanners are summed up one by one. */
    static final int SCANNERS_LISTED = 20;

    private final PageFlow page;
    private final FlowRedactor redactor;

    ScanProbes(PageFlow page, FlowRedactor redactor) {
        this.page = page;
        this.redactor = redactor;
    }

    /** The probes, after the scanners of {@code flows} summed up one row each. */
    void write(List<Finding> probes, List<CallFlow> flows) {
        if (probes.isEmpty()) {
            return;
        }
        page.heading("Scans by SIP scanners", 2);
        scanners(flows);
        List<Finding> listed = probes.subList(0, Math.min(LISTED, probes.size()));
        page.table(Table.of(List.of("Call-ID", "Severity", "Scan"), List.of(2.2, 0.9, 6.4),
                listed.stream().map(f -> List.of(f.callId() == null ? "" : f.callId(),
                        FindingBlock.severity(f.severity()), f.title())).toList()));
        page.paragraph((probes.size() > LISTED ? Times.count(probes.size() - LISTED) + " more scans not listed. " : "")
                + "A scanner's probes are not calls of this system and are not counted as failed; an error means the "
                + "target let the scanner in. What to do, with the ladder: sipladder report CAPTURE --call CALL-ID -o "
                + "call.pdf", page.small);
    }

    private void scanners(List<CallFlow> flows) {
        ScanSources summed = new ScanSources();
        flows.forEach(summed::add);
        List<ScanSource> sources = summed.sources();
        page.table(Table.of(List.of("Scanner", "Tool", "Calls", "Requests", "Targets", "Users", "Worst answer"),
                List.of(1.55, 1.0, 0.6, 2.0, 0.85, 0.7, 2.8), sources.stream().limit(SCANNERS_LISTED)
                        .map(s -> List.of(redactor.text(s.address()), s.toolName(), Counted.grouped(s.calls()),
                                s.requests(), Counted.grouped(s.targets()), Counted.grouped(s.users()),
                                s.worstAnswer())).toList()));
        if (sources.size() > SCANNERS_LISTED) {
            int calls = sources.stream().skip(SCANNERS_LISTED).mapToInt(ScanSource::calls).sum();
            page.paragraph(Times.count(sources.size() - SCANNERS_LISTED) + " more scanners with "
                    + Counted.groupedOf(calls, "call") + " not listed.", page.small);
        }
    }
}
