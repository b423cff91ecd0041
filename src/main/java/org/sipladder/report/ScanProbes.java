package org.sipladder.report;

import java.util.List;
import org.sipladder.diagnose.Finding;

/**
 * The first page's scans: the probes of calls from SIP scanners (SIP_SCANNER_PROBE), which are no failed calls and no
 * answered ones either, listed apart from both; the first {@value #LISTED}, then counted.
 */
final class ScanProbes {

    /** Up to this many probes are listed one by one. */
    static final int LISTED = 30;

    private final PageFlow page;

    ScanProbes(PageFlow page) {
        this.page = page;
    }

    void write(List<Finding> probes) {
        if (probes.isEmpty()) {
            return;
        }
        page.heading("Scans by SIP scanners", 2);
        List<Finding> listed = probes.subList(0, Math.min(LISTED, probes.size()));
        page.table(Table.of(List.of("Call-ID", "Severity", "Scan"), List.of(2.2, 0.9, 6.4),
                listed.stream().map(f -> List.of(f.callId() == null ? "" : f.callId(),
                        FindingBlock.severity(f.severity()), f.title())).toList()));
        page.paragraph((probes.size() > LISTED ? Times.count(probes.size() - LISTED) + " more scans not listed. " : "")
                + "A scanner's probes are not calls of this system and are not counted as failed; an error means the "
                + "target let the scanner in. What to do, with the ladder: sipladder report CAPTURE --call CALL-ID -o "
                + "call.pdf", page.small);
    }
}
