package org.sipladder.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sipladder.diagnose.DialogCounts;
import org.sipladder.Counted;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;
import org.sipladder.livekit.LiveKitConfig;

/**
 * The human-readable diagnosis: an overview when several calls have findings; then per call, failed calls first and
 * each call's primary cause first; then what is wrong in the config alone. Fed one call at a time as the calls are
 * diagnosed, so a day of traffic is never held whole: the overview is counted as the calls come, and the calls'
 * details wait in three sections (on disk when large) until the overview is printed. Unless every call is asked for,
 * only the first {@value #SHOWN_PER_KIND} calls of each kind are shown in detail (the failed calls of one primary
 * cause, the other calls with one set of finding codes); the rest are counted below them.
 */
final class DiagnosisText implements AutoCloseable {

    /** How many calls of one kind are shown in detail unless every call is asked for ({@code diagnose --all}). */
    static final int SHOWN_PER_KIND = 5;

    private final int shownPerKind;
    private final DialogCounts counts = new DialogCounts();
    private final DiagnosisOverview overview = new DiagnosisOverview();
    private final Section failed = new Section("failed calls", "PRIMARY CAUSE", "primary cause");
    private final Section failedAfterAnswer = new Section("calls that failed after the answer", "PRIMARY CAUSE",
            "primary cause");
    private final Section others = new Section("other calls with findings", "FINDING CODES", "set of finding codes");
    private int flows;
    private int findings;
    private int callsWithFindings;

    /** @param shownPerKind how many calls of each kind to show in detail ({@link Integer#MAX_VALUE}: every one) */
    DiagnosisText(int shownPerKind) {
        this.shownPerKind = shownPerKind;
    }

    /**
     * Prints the diagnosis of calls held whole ({@code flows}, as {@code diagnosis} found them); {@code captureRead}:
     * it is of captures (not of a LiveKit config alone).
     */
    static void print(PrintWriter out, List<CallFlow> flows, LiveKitConfig config, Diagnosis diagnosis,
                      boolean captureRead, int shownPerKind) throws IOException {
        Map<String, List<Finding>> findingsByFlow = diagnosis.findings().stream().filter(f -> f.flowId() != null)
                .collect(Collectors.groupingBy(Finding::flowId));
        Map<String, List<LiveKitRouting>> routingsByFlow = diagnosis.routings().stream()
                .collect(Collectors.groupingBy(LiveKitRouting::flowId));
        try (DiagnosisText text = new DiagnosisText(shownPerKind)) {
            for (CallFlow flow : flows) {
                text.add(flow, new Diagnosis(findingsByFlow.getOrDefault(flow.id(), List.of()),
                        routingsByFlow.getOrDefault(flow.id(), List.of())), null, 0, 0);
            }
            text.print(out, config, diagnosis.findings().stream().filter(f -> f.flowId() == null).toList(),
                    captureRead);
        }
    }

    /**
     * Counts {@code flow}, whose diagnosis alone is {@code ofCall} (its findings in the order they are listed), and
     * keeps its details when they are to be shown: the {@code length} bytes of {@code details} at {@code from}, as
     * {@link #details} made them in UTF-8, or made here when {@code details} is null.
     */
    void add(CallFlow flow, Diagnosis ofCall, byte[] details, int from, int length) throws IOException {
        flows++;
        List<Finding> about = ofCall.findings();
        findings += about.size();
        callsWithFindings += about.isEmpty() ? 0 : 1;
        // every call is counted, as the PDF report counts them, though only those with something to say are shown
        boolean failure = overview.add(flow, ofCall);
        counts.add(flow, failure);
        if (about.isEmpty() && ofCall.routings().isEmpty()) {
            return;
        }
        // what a reader looks for first comes first: calls that failed, then those that failed after the answer
        Section section = !failure ? others : afterAnswer(flow, ofCall) ? failedAfterAnswer : failed;
        String kind = section == others ? codes(about) : primaryCause(about);
        if (section.shows(kind, shownPerKind)) {
            if (details != null) {
                section.text.append(details, from, length);
            } else {
                section.text.append(details(flow, ofCall).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Prints what was added: the header, the overview, the calls' details and {@code configFindings} (those about the
     * config alone); {@code captureRead}: the calls are of captures (not of a LiveKit config alone).
     */
    void print(PrintWriter out, LiveKitConfig config, List<Finding> configFindings, boolean captureRead)
            throws IOException {
        int total = findings + configFindings.size();
        out.println("Diagnosis: " + counts + ", "
                + Counted.groupedOf(total, "finding") + "; "
                + (config.isEmpty() ? "no LiveKit config loaded (use --livekit-config or --livekit-url)"
                : "LiveKit config: " + Counted.of(config.trunks().size(), "inbound trunk") + ", "
                + Counted.of(config.rules().size(), "dispatch rule") + (config.outboundTrunks().isEmpty() ? ""
                : ", " + Counted.of(config.outboundTrunks().size(), "outbound trunk"))
                + (config.participantRequests().isEmpty() ? ""
                : ", " + Counted.of(config.participantRequests().size(), "CreateSIPParticipant request"))
                + " from " + String.join(", ", config.sources())));
        if (callsWithFindings > 1) {
            boolean some = failed.omitted() + failedAfterAnswer.omitted() + others.omitted() > 0;
            overview.print(out, !some ? null : "Of each primary cause, and of the other calls each set of finding "
                    + "codes, the first " + shownPerKind + " calls are shown; diagnose --all shows every call.");
        }
        for (Section section : List.of(failed, failedAfterAnswer, others)) {
            section.print(out, shownPerKind);
        }
        if (!configFindings.isEmpty()) {
            out.println();
            out.println("LiveKit config");
            WrappedText wrapped = new WrappedText(out);
            configFindings.forEach(f -> finding(out, wrapped, f));
        }
        if (total == 0) {
            out.println();
            // an empty capture is no evidence of a working one (the reader's warnings say what it held)
            out.println(captureRead && flows == 0 ? "No SIP call in the capture: nothing to diagnose."
                    : "No problems found.");
        }
    }

    @Override
    public void close() throws IOException {
        for (Section section : List.of(failed, failedAfterAnswer, others)) {
            section.text.close();
        }
    }

    /**
     * One call's details, as {@link #add} shows them: "Call ID: ...", its LiveKit routings, its findings (the
     * primary cause first). Needs nothing but the call: may be made on any thread.
     */
    static String details(CallFlow flow, Diagnosis ofCall) {
        StringWriter text = new StringWriter(4096);
        PrintWriter out = new PrintWriter(text);
        WrappedText wrapped = new WrappedText(out);
        out.println();
        // a sender's kilobytes-long method in the heading's dialog is cut as in the findings below
        out.println(WrappedText.cutWords(heading(flow, ofCall, ofCall.findings())));
        ofCall.routings().forEach(r -> routing(out, wrapped, r));
        ofCall.findings().forEach(f -> finding(out, wrapped, f));
        out.flush();
        return text.toString();
    }

    /** The primary cause's code of a failed call, "" when none explains it. */
    private static String primaryCause(List<Finding> about) {
        for (Finding f : about) {
            if (f.primary()) {
                return f.code().name();
            }
        }
        return "";
    }

    /** The codes of a call's findings, each once, in the order they are listed. */
    private static String codes(List<Finding> about) {
        Set<String> codes = new LinkedHashSet<>();
        about.forEach(f -> codes.add(f.code().name()));
        return String.join(", ", codes);
    }

    /** The details of one group of calls (failed, failed after the answer, the others), and those not shown. */
    private static final class Section {
        private final String calls;
        private final String kindHeader;
        private final String kindName;
        private final SpillBuffer text = new SpillBuffer();
        /** By kind: how many of its calls were seen, in order of each kind's first call. */
        private final Map<String, Integer> kinds = new LinkedHashMap<>();
        private int omitted;

        Section(String calls, String kindHeader, String kindName) {
            this.calls = calls;
            this.kindHeader = kindHeader;
            this.kindName = kindName;
        }

        /** Counts a call of {@code kind}; true when it is to be shown. */
        boolean shows(String kind, int shownPerKind) {
            int seen = kinds.merge(kind, 1, Integer::sum);
            omitted += seen > shownPerKind ? 1 : 0;
            return seen <= shownPerKind;
        }

        int omitted() {
            return omitted;
        }

        void print(PrintWriter out, int shownPerKind) throws IOException {
            write(out, text);
            if (omitted == 0) {
                return;
            }
            out.println();
            new WrappedText(out).print("Not shown in detail: " + Counted.grouped(omitted) + " more " + calls
                    + ", beyond the first "
                    + shownPerKind + " of each " + kindName
                    + " (diagnose --call ID shows one, --all every call, --json lists every finding):", "", "");
            TextTable table = new TextTable(new String[] {"CALLS", kindHeader}, 0);
            kinds.entrySet().stream().filter(e -> e.getValue() > shownPerKind)
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> table.add(Counted.grouped(e.getValue() - shownPerKind),
                            e.getKey().isEmpty() ? "none (no rule explains the failure)" : e.getKey()));
            table.print(out);
        }
    }

    /**
     * Writes {@code text} after what {@code out} holds: straight to standard output's bytes when it takes UTF-8 (a
     * section of every call's details is hundreds of megabytes on a large capture), else through {@code out}.
     */
    private static void write(PrintWriter out, SpillBuffer text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        OutputStream utf8 = ConsoleWriter.utf8Stream(out);
        text.writeTo(ConsoleWriter.standardOutput(out), utf8, out, 0);
        if (utf8 != null) {
            utf8.flush();
        }
    }

    /** True when the call was answered and failed all the same, as its heading says after "but". */
    private static boolean afterAnswer(CallFlow flow, Diagnosis diagnosis) {
        return !flow.failed() && diagnosis.failedAfterAnswer(flow.id());
    }

    /**
     * "Call ID: caller got 200 OK" for a call ("LiveKit's outbound call got" for one LiveKit placed: there the caller
     * is LiveKit); "SUBSCRIBE ID: answered 489 Bad Event" for another dialog.
     */
    private static String heading(CallFlow flow, Diagnosis diagnosis, List<Finding> about) {
        Leg outcome = flow.outcome();
        String status = outcome.hasFinalResponse()
                ? (outcome.finalStatus() + " " + nullToEmpty(outcome.finalReason())).trim() : null;
        if (!flow.aLeg().isCall()) {
            return flow.aLeg().method() + " " + flow.id() + ": " + (status == null ? "no final response" : "answered " + status);
        }
        return "Call " + flow.id() + (flow.placedByLiveKit() ? ": LiveKit's outbound call got " : ": caller got ")
                + (status == null ? "no final response" : status)
                + (!afterAnswer(flow, diagnosis) ? ""
                : ", but " + Diagnosis.failureAfterAnswer(about));
    }

    private static void routing(PrintWriter out, WrappedText wrapped, LiveKitRouting r) {
        wrapped.print("LiveKit, INVITE frame " + r.transaction().frame() + ": " + r.summary(), "  ", "    ");
        if (r.simulated()) {
            out.println("    How LiveKit decides:");
            r.outcome().reasoning().forEach(step -> wrapped.print("- " + step, "      ", "        "));
        }
    }

    private static void finding(PrintWriter out, WrappedText wrapped, Finding f) {
        out.println();
        out.println("  " + (f.primary() ? "PRIMARY CAUSE  " : "") + f.severity() + "  " + f.code());
        wrapped.print(f.title(), "  ", "  ");
        wrapped.print("Why: " + f.explanation(), "    ", "         ");
        String refs = (f.evidence().frames().isEmpty() ? "" : "frames " + f.evidence().frames().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")))
                + (f.evidence().frames().isEmpty() || f.evidence().configIds().isEmpty() ? "" : "; ")
                + (f.evidence().configIds().isEmpty() ? "" : "config " + String.join(", ", f.evidence().configIds()));
        out.println("    Evidence:" + (refs.isEmpty() ? "" : " " + refs));
        f.evidence().facts().forEach(fact -> wrapped.print("- " + fact, "      ", "        "));
        out.println("    Fix:");
        for (int i = 0; i < f.fix().steps().size(); i++) {
            wrapped.print((i + 1) + ". " + f.fix().steps().get(i), "      ", "         ");
        }
        f.fix().commands().forEach(c -> out.println("      $ " + c));
        if (f.fix().json() != null) {
            f.fix().json().lines().forEach(line -> out.println("        " + line));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
