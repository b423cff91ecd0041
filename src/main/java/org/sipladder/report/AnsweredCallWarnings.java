package org.sipladder.report;

import java.util.List;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCounts;

/**
 * The first page's errors and warnings of calls the report does not show (answered calls with media or address
 * risks): each finding while they are few, counted by code when they are many.
 */
final class AnsweredCallWarnings {

    /** Up to this many findings are listed one by one. */
    static final int LISTED = 30;

    private final PageFlow page;

    AnsweredCallWarnings(PageFlow page) {
        this.page = page;
    }

    /**
     * @param otherDialogs whether some of {@code others} are of registrations, subscriptions or pings, named apart
     *                     from calls as on the failed calls' table
     */
    void write(List<Finding> others, boolean otherDialogs) {
        if (others.isEmpty()) {
            return;
        }
        page.heading(otherDialogs ? "Warnings on answered calls and other dialogs" : "Warnings on answered calls", 2);
        if (others.size() <= LISTED) {
            page.table(Table.of(List.of("Call-ID", "Severity", "Code", "Finding"), List.of(2.2, 0.9, 2.4, 4.0),
                    others.stream().map(f -> List.of(f.callId() == null ? "" : f.callId(),
                            FindingBlock.severity(f.severity()), f.code().name(), f.title())).toList()));
        } else {
            byCode(others, otherDialogs);
        }
        page.paragraph("A report of one call, with its ladder and the details and fixes of its findings: sipladder "
                + "report CAPTURE --call CALL-ID -o call.pdf", page.small);
    }

    private void byCode(List<Finding> others, boolean otherDialogs) {
        FindingCounts counts = FindingCounts.of(others);
        page.table(Table.of(List.of("Code", "Severity", "Calls", "Example"), List.of(2.4, 0.9, 0.7, 5.0),
                counts.codes().stream().map(c -> List.of(c.code().name(), FindingBlock.severity(c.severity()),
                        Times.count(c.calls()), "e.g. " + c.example().callId() + ": " + c.example().title())).toList()));
        page.paragraph(Times.count(counts.findings()) + " findings on " + Times.count(counts.calls())
                + (otherDialogs ? " answered calls and dialogs, " : " answered calls, ") + "counted by code.", page.small);
    }
}
