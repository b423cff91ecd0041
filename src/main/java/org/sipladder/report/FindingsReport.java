package org.sipladder.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.sipladder.AppVersion;
import org.sipladder.diagnose.CallGroup;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallLookup;
import org.sipladder.flow.Leg;
import org.sipladder.media.RtpStream;
import org.sipladder.flow.Hop;
import org.sipladder.livekit.SecretScrubber;

/**
 * Writes the findings report of a capture as PDF: a summary page, one section per failed (or the
 * selected) call, and an appendix; redaction is applied to the flows and findings before any of it is set.
 */
public final class FindingsReport {

    /** Writes the report; fails with a message for the user when the selected call is not in the capture. */
    public void write(ReportInput input, ReportOptions options, OutputStream out) throws IOException, ReportException {
        Map<String, List<Finding>> byFlow = byFlow(input.findings());
        FailedCalls failed = options.callId() == null ? FailedCalls.of(input, byFlow, options.allInFull())
                : FailedCalls.selected(selected(input, options.callId()));
        AudioTroubleCalls audio = options.callId() == null ? AudioTroubleCalls.of(input, byFlow, failed,
                options.allInFull()) : AudioTroubleCalls.none();
        List<CallFlow> selected = Stream.concat(failed.inFull().stream(), audio.inFull().stream()).toList();
        Redaction redaction = new Redaction(options.redactNumbers(), options.redactAddresses(), addresses(selected, input));
        FlowRedactor redactor = new FlowRedactor(redaction);
        List<CallFlow> flows = selected.stream().map(redactor::flow).toList();
        List<Finding> findings = Stream.concat(input.findings().stream().filter(f -> f.flowId() == null),
                selected.stream().flatMap(c -> byFlow.getOrDefault(c.id(), List.of()).stream()))
                .map(redactor::finding).toList();
        String captureName = redactor.text(input.captureName());
        try (PDDocument document = new PDDocument()) {
            describe(document, captureName);
            PageFlow page = new PageFlow(document, new ReportFonts(document), options.page(),
                    "SIP Ladder findings report \u00b7 " + captureName, SecretScrubber.of(input.config()));
            // without a selected call, what went wrong on the others too, so that a capture with no failed call
            // still shows its warnings
            Set<String> audioInFull = audio.idsInFull();
            List<Finding> others = options.callId() != null ? List.of() : input.findings().stream()
                    .filter(f -> f.flowId() != null && f.severity() != Severity.INFO && !failed.contains(f.flowId())
                            && !audioInFull.contains(f.flowId()))
                    .map(redactor::finding).toList();
            // a scanner's probe is neither a failed call nor a warning on an answered one
            List<Finding> scans = others.stream().filter(f -> f.code() == FindingCode.SIP_SCANNER_PROBE).toList();
            new CoverPage(page, redactor).write(renamed(input, captureName), failed, flows, findings,
                    others.stream().filter(f -> f.code() != FindingCode.SIP_SCANNER_PROBE).toList(), scans, redaction,
                    audio);
            CallSection section = new CallSection(page, new LadderPages(page), new MediaSection(page, input.media()), redactor);
            Map<String, List<Finding>> reported = byFlow(findings);
            IntConsumer call = i -> section.write(i + 1, flows.get(i), reported.getOrDefault(flows.get(i).id(), List.of()),
                    input.media().streamsOf(selected.get(i).legs().stream().map(Leg::callId).toList()));
            int failedInFull = failed.inFull().size();
            sections(failed.condensed(), failed.causes(), 0, failedInFull, CondensedCalls.Shared.CAUSE, call, page,
                    redactor);
            sections(audio.condensed(), audio.problems(), failedInFull, flows.size(), CondensedCalls.Shared.AUDIO_PROBLEM,
                    call, page, redactor);
            new Appendix(page, redaction).write(findings, input.config(), routings(input, selected, flows));
            page.finish();
            document.save(out);
        }
    }

    /**
     * The sections of calls {@code from} to {@code to} (0-based); when {@code condensed}, they are the groups' own, group
     * after group, each group's table after its calls.
     */
    private static void sections(boolean condensed, List<CallGroup<CallRow>> groups, int from, int to,
                                 CondensedCalls.Shared shared, IntConsumer call, PageFlow page, FlowRedactor redactor) {
        if (!condensed) {
            IntStream.range(from, to).forEach(call);
            return;
        }
        int next = from;
        for (CallGroup<CallRow> group : groups) {
            int first = next;
            for (; next < first + group.first().size(); next++) {
                call.accept(next);
            }
            new CondensedCalls(page, redactor).write(group, first + 1, shared);
        }
    }

    /** The findings about calls, by the id of their call, each call's in the given order. */
    static Map<String, List<Finding>> byFlow(List<Finding> findings) {
        Map<String, List<Finding>> result = new HashMap<>();
        findings.stream().filter(f -> f.flowId() != null)
                .forEach(f -> result.computeIfAbsent(f.flowId(), k -> new ArrayList<>()).add(f));
        return result;
    }

    private static List<CallFlow> selected(ReportInput input, String callId) throws ReportException {
        List<CallFlow> match = input.flows().stream().filter(f -> CallLookup.named(f, callId)).toList();
        if (match.isEmpty()) {
            throw new ReportException(CallLookup.unknown(callId, input.captureName(), input.flows().size()));
        }
        return match;
    }

    /** The hops of the reported calls in column order, then every other hop, so host A is the first column. */
    private static List<String> addresses(List<CallFlow> selected, ReportInput input) {
        List<String> result = new ArrayList<>();
        Stream.concat(selected.stream(), input.flows().stream())
                .flatMap(f -> f.hops().stream()).map(Hop::address).filter(Objects::nonNull)
                .filter(a -> !result.contains(a)).forEach(result::add);
        return result;
    }

    /** The routings of the reported calls, each with the number its call has in this report. */
    private static List<CallRouting> routings(ReportInput input, List<CallFlow> selected, List<CallFlow> redacted) {
        List<CallRouting> result = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            String id = selected.get(i).id();
            int number = i + 1;
            input.routings().stream().filter(r -> r.flowId().equals(id))
                    .forEach(r -> result.add(new CallRouting(number, redacted.get(number - 1), r)));
        }
        return result;
    }

    private static ReportInput renamed(ReportInput input, String captureName) {
        return new ReportInput(captureName, input.packets(), input.firstMicros(), input.lastMicros(), input.flows(),
                input.findings(), input.routings(), input.config(), input.media());
    }

    private static void describe(PDDocument document, String captureName) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("SIP Ladder findings report: " + captureName);
        info.setCreator("SIP Ladder " + AppVersion.current());
        info.setProducer("SIP Ladder " + AppVersion.current() + " (Apache PDFBox)");
    }
}
