package org.sipladder.report;

import java.util.List;
import org.sipladder.report.FailedCalls.Cause;

/** The calls of one primary cause not shown in full: one table row each, under a sentence saying so. */
final class CondensedCalls {

    private final PageFlow page;
    private final FlowRedactor redactor;

    CondensedCalls(PageFlow page, FlowRedactor redactor) {
        this.page = page;
        this.redactor = redactor;
    }

    /** @param firstCall the number of the cause's first call in full, which these calls are like */
    void write(Cause cause, int firstCall) {
        List<CallRow> rows = cause.condensed();
        if (rows.isEmpty()) {
            return;
        }
        page.newPage();
        page.heading(Times.count(rows.size()) + " more " + (rows.size() == 1 ? "call" : "calls") + " with this cause",
                1);
        page.paragraph(redactor.text(cause.label()), page.strong);
        page.gap(2);
        int shown = cause.inFull().size();
        page.paragraph(Times.count(cause.calls()) + " failed calls have this primary cause. "
                + (shown == 1 ? "Call " + firstCall + " shows it" : "Calls " + firstCall + "\u2013" + (firstCall + shown - 1)
                + " show it") + " in full; the other " + Times.count(rows.size()) + " are condensed into this table. "
                + "For one of them in full: sipladder report CAPTURE --call CALL-ID -o call.pdf; for every call in "
                + "full: --all-in-full.", page.small);
        page.gap(4);
        boolean oneDay = Times.day(rows.get(0).startMicros()).equals(Times.day(rows.get(rows.size() - 1).startMicros()));
        String started = oneDay ? "Started (UTC, " + Times.day(rows.get(0).startMicros()) + ")" : "Started (UTC)";
        page.table(new Table(List.of(started, "Call-ID", "From", "To", "Caller got"), List.of(1.3, 3.6, 1.7, 1.7, 1.5),
                rows.stream().map(r -> List.of((oneDay ? "" : Times.day(r.startMicros()) + " ") + Times.clock(r.startMicros()),
                        redactor.text(r.callId()), redactor.text(r.from()), redactor.text(r.to()), r.status())).toList(),
                List.of(false, true, false, false, false)));
    }
}
