package org.sipladder.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;
import org.sipladder.livekit.LiveKitConfig;

/**
 * The human-readable diagnosis: an overview when several calls have findings; then per call, failed calls first and
 * each call's primary cause first; then what is wrong in the config alone.
 */
final class DiagnosisText {

    private final PrintWriter out;
    private final WrappedText wrapped;

    DiagnosisText(PrintWriter out) {
        this.out = out;
        this.wrapped = new WrappedText(out);
    }

    /** Prints the diagnosis; {@code captureRead}: it is of captures (not of a LiveKit config alone). */
    void print(List<CallFlow> flows, LiveKitConfig config, Diagnosis diagnosis, boolean captureRead) {
        out.println("Diagnosis: " + diagnosis.counts(flows) + ", "
                + diagnosis.findings().size() + " finding" + (diagnosis.findings().size() == 1 ? "" : "s") + "; "
                + (config.isEmpty() ? "no LiveKit config loaded (use --livekit-config or --livekit-url)"
                : "LiveKit config: " + config.trunks().size() + " inbound trunks, " + config.rules().size()
                + " dispatch rules" + (config.outboundTrunks().isEmpty() ? ""
                : ", " + config.outboundTrunks().size() + " outbound trunks")
                + " from " + String.join(", ", config.sources())));
        // by flow id: a large capture has tens of thousands of calls and findings
        Map<String, List<Finding>> findingsByFlow = diagnosis.findings().stream().filter(f -> f.flowId() != null)
                .collect(Collectors.groupingBy(Finding::flowId));
        Map<String, List<LiveKitRouting>> routingsByFlow = diagnosis.routings().stream()
                .collect(Collectors.groupingBy(LiveKitRouting::flowId));
        DiagnosisOverview overview = new DiagnosisOverview(diagnosis, findingsByFlow);
        // what a reader looks for first comes first: calls that failed, then those that failed after the answer
        List<CallFlow> failed = new ArrayList<>();
        List<CallFlow> failedAfterAnswer = new ArrayList<>();
        List<CallFlow> others = new ArrayList<>();
        for (CallFlow flow : flows) {
            List<Finding> about = findingsByFlow.getOrDefault(flow.id(), List.of());
            // every call is counted, as the PDF report counts them, though only those with something to say are shown
            boolean failure = overview.add(flow, about);
            if (about.isEmpty() && !routingsByFlow.containsKey(flow.id())) {
                continue;
            }
            (!failure ? others : afterAnswer(flow, diagnosis) ? failedAfterAnswer : failed).add(flow);
        }
        if (findingsByFlow.size() > 1) {
            overview.print(out);
        }
        for (List<CallFlow> group : List.of(failed, failedAfterAnswer, others)) {
            group.forEach(flow -> call(flow, diagnosis, findingsByFlow.getOrDefault(flow.id(), List.of()),
                    routingsByFlow.getOrDefault(flow.id(), List.of())));
        }
        List<Finding> configOnly = diagnosis.findings().stream().filter(f -> f.flowId() == null).toList();
        if (!configOnly.isEmpty()) {
            out.println();
            out.println("LiveKit config");
            configOnly.forEach(this::finding);
        }
        if (diagnosis.findings().isEmpty()) {
            out.println();
            // an empty capture is no evidence of a working one (the reader's warnings say what it held)
            out.println(captureRead && flows.isEmpty() ? "No SIP call in the capture: nothing to diagnose."
                    : "No problems found.");
        }
    }

    /** One call's details: "Call ID: ...", its LiveKit routings, its findings (the primary cause first). */
    private void call(CallFlow flow, Diagnosis diagnosis, List<Finding> about, List<LiveKitRouting> routings) {
        out.println();
        out.println(heading(flow, diagnosis, about));
        routings.forEach(this::routing);
        about.forEach(this::finding);
    }

    /** True when the call was answered and failed all the same, as its heading says after "but". */
    private static boolean afterAnswer(CallFlow flow, Diagnosis diagnosis) {
        return !flow.failed() && diagnosis.failedAfterAnswer(flow.id());
    }

    /** "Call ID: caller got 200 OK" for a call; "SUBSCRIBE ID: answered 489 Bad Event" for another dialog. */
    private static String heading(CallFlow flow, Diagnosis diagnosis, List<Finding> about) {
        Leg outcome = flow.outcome();
        String status = outcome.hasFinalResponse()
                ? (outcome.finalStatus() + " " + nullToEmpty(outcome.finalReason())).trim() : null;
        if (!flow.aLeg().isCall()) {
            return flow.aLeg().method() + " " + flow.id() + ": " + (status == null ? "no final response" : "answered " + status);
        }
        return "Call " + flow.id() + ": caller got " + (status == null ? "no final response" : status)
                + (!afterAnswer(flow, diagnosis) ? ""
                : ", but " + Diagnosis.failureAfterAnswer(about));
    }

    private void routing(LiveKitRouting r) {
        wrapped.print("LiveKit, INVITE frame " + r.transaction().frame() + ": " + r.summary(), "  ", "    ");
        if (r.simulated()) {
            out.println("    How LiveKit decides:");
            r.outcome().reasoning().forEach(step -> wrapped.print("- " + step, "      ", "        "));
        }
    }

    private void finding(Finding f) {
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
