package org.sipladder.report;

import java.util.List;
import org.sipladder.diagnose.CallGroup;

/** The calls of one primary cause or audio problem not shown in full: one table row each, under a sentence saying so. */
final class CondensedCalls {

    /**
     * A table lists at most this many calls (about ten pages), so a capture with hundreds of thousands of failed
     * calls still makes a report of bounded size; the calls beyond are counted under the table. The finding codes,
     * and so the tables, are a fixed few.
     */
    static final int ROWS_AT_MOST = 200;

    /** What the calls of a table share. */
    enum Shared {
        CAUSE("cause", "failed calls have this primary cause"),
        AUDIO_PROBLEM("audio problem", "answered calls have this as their worst finding");

        private final String noun;
        private final String sentence;

        Shared(String noun, String sentence) {
            this.noun = noun;
            this.sentence = sentence;
        }
    }

    private final PageFlow page;
    private final FlowRedactor redactor;

    CondensedCalls(PageFlow page, FlowRedactor redactor) {
        this.page = page;
        this.redactor = redactor;
    }

    /** @param firstCall the number of the cause's first call in full, which these calls are like */
    void write(CallGroup<CallRow> cause, int firstCall, Shared shared) {
        List<CallRow> others = cause.others();
        if (others.isEmpty()) {
            return;
        }
        List<CallRow> rows = others.subList(0, inTable(others.size()));
        page.newPage();
        page.heading(Times.count(others.size()) + " more " + (others.size() == 1 ? "call" : "calls") + " with this "
                + shared.noun,
                1);
        page.paragraph(redactor.text(cause.label()), page.strong);
        page.gap(2);
        String day = Times.day(rows.get(0).startMicros());
        boolean oneDay = day.equals(Times.day(rows.get(rows.size() - 1).startMicros()));
        page.paragraph(sentence(cause, firstCall, shared) + (oneDay ? " All started on " + day + " (UTC)." : ""),
                page.small);
        page.gap(4);
        page.table(new Table(List.of("Started (UTC)", "Call-ID", "From", "To", "Caller got"),
                List.of(1.3, 3.6, 1.7, 1.7, 1.5), rows.stream().map(r -> List.of(
                        (oneDay ? "" : Times.day(r.startMicros()) + " ") + Times.clock(r.startMicros()),
                        redactor.text(r.callId()), redactor.text(r.from()), redactor.text(r.to()), r.status())).toList(),
                List.of(false, true, false, false, false)));
        int leftOut = others.size() - rows.size();
        if (leftOut > 0) {
            page.paragraph("The table stops at " + Times.count(ROWS_AT_MOST) + " calls: the last " + Times.count(leftOut)
                    + " calls with this " + shared.noun + " are left out of this report. Every call, with its status: "
                    + "sipladder calls CAPTURE; every finding: sipladder diagnose CAPTURE --all --json.", page.small);
        }
    }

    /** How many of a group's {@code others} calls its table lists. */
    static int inTable(int others) {
        return Math.min(others, ROWS_AT_MOST);
    }

    /** What the report does with a group's calls beyond those in full: "12 in a table", "200 in a table, 7 left out". */
    static String placed(int others) {
        int leftOut = others - inTable(others);
        return Times.count(inTable(others)) + " in a table" + (leftOut == 0 ? "" : ", " + Times.count(leftOut)
                + " left out");
    }

    /** How many calls have the cause, which are in full, how many condensed, and how to get them in full. */
    private static String sentence(CallGroup<CallRow> cause, int firstCall, Shared shared) {
        int shown = cause.first().size();
        String inFull = shown == 1 ? "Call " + firstCall + " shows it"
                : "Calls " + firstCall + "\u2013" + (firstCall + shown - 1) + " show it";
        int others = cause.others().size();
        String condensed = inTable(others) == others ? "the other " + Times.count(others)
                : "the next " + Times.count(inTable(others)) + " of the other " + Times.count(others);
        return Times.count(cause.calls()) + " " + shared.sentence + ". " + inFull + " in full; " + condensed
                + " are condensed into this table. For one of them in full: "
                + "sipladder report CAPTURE --call CALL-ID -o call.pdf; for every call in full: --all-in-full.";
    }
}
