package org.sipladder.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sipladder.Counted;
import org.sipladder.diagnose.CallGroup;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.FailureCauses;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCounts;
import org.sipladder.diagnose.ScanSource;
import org.sipladder.diagnose.ScanSources;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallFlow;

/**
 * What the text diagnosis of many calls opens with, so a day of traffic reads from the top: the failed calls by
 * primary cause, by where their failures started and, with a LiveKit config, by the inbound trunk LiveKit matched,
 * counted as the PDF report counts them ({@link FailureCauses}), then the answered calls' warnings and errors by
 * finding code, then the scans (calls from SIP scanners, which neither failed nor were answered calls) by code and by
 * scanner.
 */
final class DiagnosisOverview {

    /** The Call-IDs named per cause: enough to open a few with {@code report --call}, few enough for one line. */
    static final int IDS_SHOWN = 3;
    /** The scanners listed one by one: a honeypot's day has thousands, the busiest say enough. */
    static final int SCANNERS_SHOWN = 20;

    private final FailureCauses<Void> failed = new FailureCauses<>(IDS_SHOWN, null);
    private final FindingCounts.Counter answered = new FindingCounts.Counter();
    private final FindingCounts.Counter scans = new FindingCounts.Counter();
    private final ScanSources scanSources = new ScanSources();
    private boolean otherDialogsFailed;
    private boolean otherDialogsAnswered;

    /** Counts {@code flow}, whose diagnosis alone is {@code ofCall}; true when it failed. */
    boolean add(CallFlow flow, Diagnosis ofCall) {
        if (failed.add(flow, ofCall)) {
            otherDialogsFailed |= !flow.aLeg().isCall();
            return true;
        }
        List<Finding> warnings = ofCall.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
        if (flow.scanner() != null) {
            // a scan is neither a failed call nor an answered one with warnings
            scans.addCall(warnings);
            scanSources.add(flow);
            return false;
        }
        answered.addCall(warnings);
        otherDialogsAnswered |= !warnings.isEmpty() && !flow.aLeg().isCall();
        return false;
    }

    /**
     * Prints the overview; {@code shown}: how the details below were chosen when not every call is shown (null when
     * every call with findings is).
     */
    void print(PrintWriter out, String shown) {
        if (failed.count() > 0) {
            causes(out);
            out.println("Where the failures started:");
            TextTable points = new TextTable(new String[] {"CALLS", "HOP THAT SENT THE FAILING RESPONSE", "RESPONSE"}, 0);
            failed.failurePoints().forEach(p -> points.add(Counted.grouped(p.calls()), p.key().get(0), p.key().get(1)));
            points.print(out);
            trunks(out);
        }
        FindingCounts counts = answered.counts();
        if (counts.calls() > 0) {
            out.println();
            out.println((otherDialogsAnswered ? "Answered calls and dialogs" : "Answered calls")
                    + " with warnings or errors, by finding code: " + Counted.grouped(counts.calls()));
            TextTable codes = new TextTable(new String[] {"CALLS", "SEVERITY", "CODE", "FIRST CALL"}, 0);
            counts.codes().forEach(c -> codes.add(Counted.grouped(c.calls()), c.severity().name(), c.code().name(),
                    c.example().flowId()));
            codes.print(out);
        }
        FindingCounts scanned = scans.counts();
        if (scanned.calls() > 0) {
            out.println();
            out.println("Calls and dialogs from SIP scanners (scans, not counted as failed): "
                    + Counted.grouped(scanned.calls()));
            TextTable codes = new TextTable(new String[] {"CALLS", "SEVERITY", "CODE", "FIRST CALL"}, 0);
            scanned.codes().forEach(c -> codes.add(Counted.grouped(c.calls()), c.severity().name(), c.code().name(),
                    c.example().flowId()));
            codes.print(out);
            scanners(out);
        }
        if (failed.count() == 0 && counts.calls() == 0 && scanned.calls() == 0) {
            out.println();
            out.println("No call failed, and no answered call has a warning or error.");
        }
        out.println();
        new WrappedText(out).print("In detail below: the failed calls first, then those that failed after the "
                + "answer, then the others with findings, each in start order."
                + (shown == null ? "" : " " + shown), "", "");
    }

    /** The scans by scanner address, most calls first; the first {@value #SCANNERS_SHOWN}, then counted. */
    private void scanners(PrintWriter out) {
        List<ScanSource> sources = scanSources.sources();
        out.println("Scans by scanner: " + Counted.grouped(sources.size()));
        TextTable table = new TextTable(new String[] {"SCANNER", "TOOL", "CALLS", "REQUESTS", "TARGETS", "USERS",
                "WORST ANSWER"}, 2, 4, 5);
        sources.stream().limit(SCANNERS_SHOWN).forEach(s -> table.add(s.address(), s.toolName(),
                Counted.grouped(s.calls()), TextTable.fit(s.requests(), 60), Counted.grouped(s.targets()),
                Counted.grouped(s.users()), TextTable.fit(s.worstAnswer(), 80)));
        table.print(out);
        if (sources.size() > SCANNERS_SHOWN) {
            int calls = sources.stream().skip(SCANNERS_SHOWN).mapToInt(ScanSource::calls).sum();
            out.println("and " + Counted.grouped(sources.size() - SCANNERS_SHOWN) + " more scanners with "
                    + Counted.groupedOf(calls, "call"));
        }
    }

    /** The failed calls by the trunk their last INVITE matched in LiveKit; nothing when no config was loaded. */
    private void trunks(PrintWriter out) {
        if (failed.trunks().isEmpty()) {
            return;
        }
        out.println((otherDialogsFailed ? "Failed calls and dialogs" : "Failed calls")
                + " by LiveKit inbound trunk (simulated with the loaded config):");
        TextTable trunks = new TextTable(new String[] {"CALLS", "TRUNK THE INVITE MATCHED"}, 0);
        failed.trunks().forEach(t -> trunks.add(Counted.grouped(t.calls()), t.key().get(0)));
        trunks.print(out);
    }

    /** Each primary cause: its calls, their share of the failed calls, its label and its first Call-IDs. */
    private void causes(PrintWriter out) {
        WrappedText text = new WrappedText(out);
        out.println();
        out.println((otherDialogsFailed ? "Failed calls and dialogs" : "Failed calls") + " by primary cause: "
                + Counted.grouped(failed.count()));
        List<CallGroup<Void>> causes = failed.causes();
        int width = Counted.grouped(causes.get(0).calls()).length();
        for (CallGroup<Void> c : causes) {
            String calls = Counted.grouped(c.calls());
            // the wrapping puts a space after the head
            String head = "  " + " ".repeat(width - calls.length()) + calls + "  "
                    + String.format(Locale.ROOT, "%5.1f %%", 100.0 * c.calls() / failed.count()) + " ";
            String indent = " ".repeat(head.length() + 1);
            text.print(c.label(), head, indent);
            text.print(ids(c), indent, indent);
        }
    }

    /** The cause's first Call-IDs and how many more calls it has. */
    private static String ids(CallGroup<Void> cause) {
        int more = cause.calls() - cause.first().size();
        return cause.first().stream().map(CallFlow::id).collect(Collectors.joining(", "))
                + (more == 0 ? "" : " and " + Counted.grouped(more) + " more");
    }
}
