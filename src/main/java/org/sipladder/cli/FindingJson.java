package org.sipladder.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.RoutingOutcome;
import org.sipladder.livekit.StatusLine;

/**
 * The findings as the JSON array {@code diagnose --json} prints, written finding by finding through {@link JsonOut}
 * (as all our JSON); a finding about a call that reached LiveKit carries LiveKit's simulated answer next to the
 * captured one under {@code livekit}. A member whose value is null is left out.
 */
final class FindingJson {

    private FindingJson() {
    }

    /** Writes the array, one finding at a time (a large capture has findings worth a hundred megabytes of JSON). */
    static void write(Diagnosis diagnosis, Writer out) throws IOException {
        JsonOut json = new JsonOut(out);
        // by Call-ID: a large capture has tens of thousands of findings and routings
        Map<String, List<LiveKitRouting>> routings = new HashMap<>();
        for (LiveKitRouting r : diagnosis.routings()) {
            routings.computeIfAbsent(r.transaction().callId(), k -> new ArrayList<>()).add(r);
        }
        json.beginArray();
        for (Finding f : diagnosis.findings()) {
            findingObject(json, f, routingOf(routings, f));
        }
        json.endArray();
        json.flush();
    }

    /**
     * Each thread's writer for {@link #laterElement}: its buffer and its encoded names serve every finding, and the
     * values findings repeat are copied as bytes ({@link RepeatedJson}).
     */
    private static final ThreadLocal<JsonOut> ELEMENTS = ThreadLocal.withInitial(JsonOut::new);
    private static final ThreadLocal<RepeatedJson> REPEATED = ThreadLocal.withInitial(RepeatedJson::new);

    /**
     * One finding as {@link #write} prints it inside the array after the first element: the comma, the line break
     * and indentation, the object; with the call's routings for its {@code livekit} part. As UTF-8 bytes.
     */
    static byte[] laterElement(Finding f, List<LiveKitRouting> routingsOfCall) {
        JsonOut json = ELEMENTS.get();
        try {
            json.startElement(false);
            laterElement(json, REPEATED.get(), f, routingsOfCall, new byte[routingsOfCall.size()][]);
            return json.written();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory
        }
    }

    /**
     * One finding as {@link #laterElement} gives it, after the element begun; a routing's JSON is written once and
     * copied, from {@code written} (by the routing's index in {@code routingsOfCall}), into every other finding of
     * the call about its INVITE (with a LiveKit config most findings carry one: 200 of 400 MB of JSON).
     */
    private static void laterElement(JsonOut json, RepeatedJson repeated, Finding f,
                                     List<LiveKitRouting> routingsOfCall, byte[][] written)
            throws IOException {
        json.beginObject();
        finding(json, f, repeated);
        int routing = routingIndex(f, routingsOfCall);
        if (routing >= 0) {
            json.name("livekit");
            byte[] same = written[routing];
            if (same == null) {
                int start = json.size();
                routing(json, routingsOfCall.get(routing), repeated);
                written[routing] = json.writtenSince(start);
            } else {
                json.writtenValue(same);
            }
        }
        json.endObject();
    }

    /**
     * The findings of a run of calls, each as {@link #laterElement} gives it, written one after another into this
     * thread's writer and handed over in one buffer, not copied (as calls --json hands over its runs): for one
     * thread, one run at a time.
     */
    static final class Run {
        private final JsonOut json = ELEMENTS.get();
        private final RepeatedJson repeated = REPEATED.get();
        private int[] ends = new int[64];
        private int count;

        Run() {
            json.startElement(false);
        }

        /** What a call without routings has written of them. */
    private static final byte[][] NONE_WRITTEN = new byte[0][];

    /** Adds the findings of one call, with the call's routings for their {@code livekit} parts. */
        void add(List<Finding> findings, List<LiveKitRouting> routingsOfCall) {
            // by index, not in an identity map: the quick JIT asks the VM for each key's identity hash
            byte[][] written = routingsOfCall.isEmpty() ? NONE_WRITTEN : new byte[routingsOfCall.size()][];
            try {
                for (int i = 0; i < findings.size(); i++) {
                    json.nextElement(false);
                    laterElement(json, repeated, findings.get(i), routingsOfCall, written);
                    if (count == ends.length) {
                        ends = Arrays.copyOf(ends, 2 * count);
                    }
                    ends[count++] = json.size();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // written to memory
            }
        }

        /** The run's bytes, in a buffer the writer gives up for one from {@code spares}. */
        Written handOver(FlowJson.Spares spares) {
            int[] kept = Arrays.copyOf(ends, count);
            return new Written(json.handOver(spares.take()), kept);
        }
    }

    /**
     * A run's findings: finding {@code i} is {@code bytes[i == 0 ? 0 : ends[i - 1], ends[i])}; the buffer goes back
     * to the spares once they are taken.
     */
    record Written(byte[] bytes, int[] ends) {
    }

    /** A finding as one JSON object, with LiveKit's simulated answer under {@code livekit} when there is one. */
    private static void findingObject(JsonOut json, Finding f, Optional<LiveKitRouting> routing) throws IOException {
        json.beginObject();
        finding(json, f, null);
        if (routing.isPresent()) {
            json.name("livekit");
            routing(json, routing.get(), null);
        }
        json.endObject();
    }

    /** The members of a finding; {@code repeated} (null: none) copies the values it wrote before. */
    private static void finding(JsonOut json, Finding f, RepeatedJson repeated) throws IOException {
        json.optional("code", f.code().name());
        json.optional("severity", f.severity().name());
        json.optional("title", f.title());
        json.name("primary").value(f.primary());
        if (f.callId() != null) {
            json.optional("callId", f.callId());
            json.optional("flowId", f.flowId());
        }
        if (repeated != null && f.explanation() != null) {
            repeated.string(json.name("explanation"), repeated.explanations, f.explanation());
        } else {
            json.optional("explanation", f.explanation());
        }
        json.name("evidence").beginObject();
        json.name("frames").beginArray();
        for (long frame : f.evidence().frames()) {
            json.value(frame);
        }
        json.endArray();
        strings(json, "configIds", f.evidence().configIds(), repeated, repeated == null ? null : repeated.configIds);
        strings(json, "facts", f.evidence().facts());
        json.endObject();
        json.name("fix").beginObject();
        strings(json, "steps", f.fix().steps(), repeated, repeated == null ? null : repeated.steps);
        strings(json, "commands", f.fix().commands(), repeated, repeated == null ? null : repeated.commands);
        json.optional("json", f.fix().json());
        json.endObject();
    }

    /** The LiveKit INVITE a call finding is about: the last one on its leg at or before its first frame. */
    private static Optional<LiveKitRouting> routingOf(Map<String, List<LiveKitRouting>> routings, Finding f) {
        return f.callId() == null ? Optional.empty() : routingOf(f, routings.getOrDefault(f.callId(), List.of()));
    }

    /** The last of {@code routings} on the finding's leg at or before its first frame. */
    private static Optional<LiveKitRouting> routingOf(Finding f, List<LiveKitRouting> routings) {
        int last = routingIndex(f, routings);
        return last < 0 ? Optional.empty() : Optional.of(routings.get(last));
    }

    /** The index in {@code routings} of {@link #routingOf(Finding, List)}'s routing, or -1 when there is none. */
    private static int routingIndex(Finding f, List<LiveKitRouting> routings) {
        if (f.callId() == null || routings.isEmpty()) {
            return -1;
        }
        long firstFrame = f.evidence().frames().isEmpty() ? Long.MAX_VALUE : f.evidence().frames().get(0);
        // asked for every finding: a loop, no stream
        int last = -1;
        for (int i = 0; i < routings.size(); i++) {
            LiveKitRouting r = routings.get(i);
            if (f.callId().equals(r.transaction().callId()) && r.transaction().frame() <= firstFrame) {
                last = i;
            }
        }
        return last;
    }

    /** A routing as one object; {@code repeated} (null: none) copies the values it wrote before. */
    private static void routing(JsonOut json, LiveKitRouting r, RepeatedJson repeated) throws IOException {
        json.beginObject();
        json.name("inviteFrame").value(r.transaction().frame());
        json.optional("calledNumber", r.invite().calledNumber());
        json.optional("callingNumber", r.invite().callingNumber());
        json.optional("sourceIp", r.invite().sourceIp());
        RoutingOutcome outcome = r.outcome();
        List<String> expected = outcome == null ? null : outcome.expectedResponses();
        // the statuses and the summary follow from the expected and captured responses and the verdict, of which
        // a capture has a few kinds
        byte[][] statuses = repeated == null ? null : repeated.statusesOf(expected, r.observed(), r.consistency());
        json.name("observed");
        int observedStart = json.size();
        if (statuses != null) {
            json.writtenValue(statuses[0]);
        } else {
            json.beginArray();
            for (StatusLine s : r.observed()) {
                json.value((s.status() + " " + s.reason()).trim());
            }
            json.endArray();
        }
        byte[] observedJson = statuses != null || repeated == null ? null : json.writtenSince(observedStart);
        if (outcome != null) {
            strings(json, "expected", expected, repeated, repeated == null ? null : repeated.expected);
            if (repeated != null) {
                repeated.stringsOfRepeated(json.name("reasoning"), repeated.reasoningLines, outcome.reasoning());
            } else {
                strings(json, "reasoning", outcome.reasoning());
            }
            json.optional("trunk", outcome.trunk().kind().name());
            strings(json, "trunkIds", outcome.trunk().candidateIds());
            json.optional("auth", outcome.auth().name());
            DispatchMatch d = outcome.dispatch();
            json.optional("dispatch", d.kind().name());
            if (d.rule() != null) {
                json.optional("dispatchRuleId", d.rule().getSipDispatchRuleId());
                json.optional("roomName", d.roomName());
                strings(json, "agents", d.agentNames());
            }
        }
        json.optional("consistency", r.consistency().name());
        json.name("summary");
        if (statuses != null) {
            json.writtenValue(statuses[1]);
        } else {
            int summaryStart = json.size();
            json.value(r.summary());
            if (repeated != null) {
                repeated.keepStatuses(expected, r.observed(), r.consistency(), observedJson,
                        json.writtenSince(summaryStart));
            }
        }
        json.endObject();
    }

    /** As {@link #strings(JsonOut, String, List)}, a list written before at {@code place} copied. */
    private static void strings(JsonOut json, String name, List<String> values, RepeatedJson repeated,
                                RepeatedJson.Place place) throws IOException {
        if (repeated == null) {
            strings(json, name, values);
        } else {
            repeated.strings(json.name(name), place, values);
        }
    }

    private static void strings(JsonOut json, String name, List<String> values) throws IOException {
        json.name(name).beginArray();
        for (String v : values) {
            json.value(v);
        }
        json.endArray();
    }
}
