package org.sipladder.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.diagnose.CallGroup;
import org.sipladder.diagnose.Tally;

/** The first page's counts of many failed calls: by primary cause, by where the failure started, by LiveKit trunk. */
final class FailureSummary {

    private final PageFlow page;
    private final FlowRedactor redactor;

    FailureSummary(PageFlow page, FlowRedactor redactor) {
        this.page = page;
        this.redactor = redactor;
    }

    void write(FailedCalls failed) {
        page.heading("Failed calls by primary cause", 2);
        List<List<String>> rows = new ArrayList<>();
        int number = 1;
        for (CallGroup<CallRow> c : failed.causes()) {
            int shown = failed.condensed() ? c.first().size() : 0;
            rows.add(List.of(redactor.text(c.label()), Times.count(c.calls()), percent(c.calls(), failed.count()),
                    failed.condensed() ? inThisReport(number, shown, c.others().size()) : ""));
            number += shown;
        }
        page.table(Table.of(List.of("Primary cause", "Calls", "Share", "In this report"), List.of(5.2, 0.8, 0.8, 2.2),
                rows));
        page.heading("Where the failures started", 2);
        page.table(Table.of(List.of("Hop that sent the failing response", "Response", "Calls"), List.of(4.4, 3.8, 0.8),
                failed.failurePoints().stream().map(r -> List.of(redactor.text(r.key().get(0)), r.key().get(1),
                        Times.count(r.calls()))).toList()));
        if (!failed.trunks().isEmpty()) {
            page.heading("Failed calls by LiveKit inbound trunk", 2);
            page.table(new Table(List.of("Trunk the INVITE matched (simulated with the loaded config)", "Calls"),
                    List.of(8.2, 0.8), failed.trunks().stream().map(FailureSummary::row).toList(), List.of(false, false)));
        }
        page.paragraph(failed.condensed()
                ? "Each cause follows, most calls first: its first " + FailedCalls.IN_FULL_PER_CAUSE + " calls in full "
                + "(findings with fixes, ladder, key messages), then its other calls in a table. Every call in full: "
                + "sipladder report CAPTURE --all-in-full -o all.pdf; one call: --call CALL-ID."
                : "Each call has its own section: the findings with fixes, the ladder and the key messages.", page.small);
    }

    /** The key's texts, then the number of calls. */
    private static List<String> row(Tally.Row r) {
        List<String> row = new ArrayList<>(r.key());
        row.add(Times.count(r.calls()));
        return row;
    }

    private static String inThisReport(int first, int shown, int condensed) {
        String full = shown == 1 ? "call " + first + " in full" : "calls " + first + "\u2013" + (first + shown - 1)
                + " in full";
        return condensed == 0 ? full : full + ", " + CondensedCalls.placed(condensed);
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
