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
            laterElement(json, REPEATED.get(), f, routingsOfCall, null, new int[2 * routingsOfCall.size()]);
            return json.written();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory
        }
    }

    /**
     * One finding as {@link #laterElement} gives it, after the element begun; a routing's JSON is written once and
     * copied, from where it was written in the writer (kept in {@code written} at twice the routing's index in
     * {@code routingsOfCall}, start and end; an end of 0 for none yet), into every other finding of the call about
     * its INVITE (with a LiveKit config most findings carry one: 200 of 400 MB of JSON).
     */
    private static void laterElement(JsonOut json, RepeatedJson repeated, Finding f,
                                     List<LiveKitRouting> routingsOfCall, RoutingsByCallId byCallId, int[] written)
            throws IOException {
        json.beginObject();
        finding(json, f, repeated);
        int routing = byCallId == null ? routingIndex(f, routingsOfCall) : routingIndex(f, byCallId);
        if (routing >= 0) {
            json.name(LIVEKIT);
            if (written[2 * routing + 1] == 0) {
                written[2 * routing] = json.size();
                routing(json, routingsOfCall.get(routing), repeated);
                written[2 * routing + 1] = json.size();
            } else {
                json.writtenValue(written[2 * routing], written[2 * routing + 1]);
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
        private static final int[] NONE_WRITTEN = new int[0];

    /** Adds the findings of one call, with the call's routings for their {@code livekit} parts. */
        void add(List<Finding> findings, List<LiveKitRouting> routingsOfCall) {
            // by index, not in an identity map: the quick JIT asks the VM for each key's identity hash
            int[] written = routingsOfCall.isEmpty() ? NONE_WRITTEN : new int[2 * routingsOfCall.size()];
            // a call of thousands of routings (retries on one Call-ID) finds each finding's by Call-ID and frame
            RoutingsByCallId byCallId = routingsOfCall.size() > RoutingsByCallId.WALKED
                    ? new RoutingsByCallId(routingsOfCall) : null;
            try {
                for (int i = 0; i < findings.size(); i++) {
                    json.nextElement(false);
                    laterElement(json, repeated, findings.get(i), routingsOfCall, byCallId, written);
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
            json.name(LIVEKIT);
            routing(json, routing.get(), null);
        }
        json.endObject();
    }

    // member names prepared for where diagnose --json writes them (a finding's at depth 3, its evidence's, fix's and
    // routing's at 4); written elsewhere (the whole-diagnosis writer) they are looked up as names are
    private static final JsonOut.Name CODE = new JsonOut.Name("code", 3);
    private static final JsonOut.Name SEVERITY = new JsonOut.Name("severity", 3);
    private static final JsonOut.Name TITLE = new JsonOut.Name("title", 3);
    private static final JsonOut.Name PRIMARY = new JsonOut.Name("primary", 3);
    private static final JsonOut.Name CALL_ID = new JsonOut.Name("callId", 3);
    private static final JsonOut.Name FLOW_ID = new JsonOut.Name("flowId", 3);
    private static final JsonOut.Name EXPLANATION = new JsonOut.Name("explanation", 3);
    private static final JsonOut.Name EVIDENCE = new JsonOut.Name("evidence", 3);
    private static final JsonOut.Name FRAMES = new JsonOut.Name("frames", 4);
    private static final JsonOut.Name CONFIG_IDS = new JsonOut.Name("configIds", 4);
    private static final JsonOut.Name FACTS = new JsonOut.Name("facts", 4);
    private static final JsonOut.Name FIX = new JsonOut.Name("fix", 3);
    private static final JsonOut.Name STEPS = new JsonOut.Name("steps", 4);
    private static final JsonOut.Name COMMANDS = new JsonOut.Name("commands", 4);
    private static final JsonOut.Name FIX_JSON = new JsonOut.Name("json", 4);
    private static final JsonOut.Name LIVEKIT = new JsonOut.Name("livekit", 3);
    private static final JsonOut.Name INVITE_FRAME = new JsonOut.Name("inviteFrame", 4);
    private static final JsonOut.Name CALLED_NUMBER = new JsonOut.Name("calledNumber", 4);
    private static final JsonOut.Name CALLING_NUMBER = new JsonOut.Name("callingNumber", 4);
    private static final JsonOut.Name SOURCE_IP = new JsonOut.Name("sourceIp", 4);
    private static final JsonOut.Name OBSERVED = new JsonOut.Name("observed", 4);
    private static final JsonOut.Name EXPECTED = new JsonOut.Name("expected", 4);
    private static final JsonOut.Name REASONING = new JsonOut.Name("reasoning", 4);
    private static final JsonOut.Name TRUNK = new JsonOut.Name("trunk", 4);
    private static final JsonOut.Name TRUNK_IDS = new JsonOut.Name("trunkIds", 4);
    private static final JsonOut.Name AUTH = new JsonOut.Name("auth", 4);
    private static final JsonOut.Name DISPATCH = new JsonOut.Name("dispatch", 4);
    private static final JsonOut.Name DISPATCH_RULE_ID = new JsonOut.Name("dispatchRuleId", 4);
    private static final JsonOut.Name ROOM_NAME = new JsonOut.Name("roomName", 4);
    private static final JsonOut.Name AGENTS = new JsonOut.Name("agents", 4);
    private static final JsonOut.Name CONSISTENCY = new JsonOut.Name("consistency", 4);
    private static final JsonOut.Name SUMMARY = new JsonOut.Name("summary", 4);

    /** The members of a finding; {@code repeated} (null: none) copies the values it wrote before. */
    private static void finding(JsonOut json, Finding f, RepeatedJson repeated) throws IOException {
        // enum names, and the call's Call-ID and flow id in each of its findings: the very strings again and again
        shared(json, CODE, f.code().name());
        shared(json, SEVERITY, f.severity().name());
        text(json, TITLE, f.title(), repeated);
        json.name(PRIMARY).value(f.primary());
        if (f.callId() != null) {
            shared(json, CALL_ID, f.callId());
            shared(json, FLOW_ID, f.flowId());
        }
        text(json, EXPLANATION, f.explanation(), repeated);
        json.name(EVIDENCE).beginObject();
        json.name(FRAMES).beginArray();
        List<Long> frames = f.evidence().frames();
        for (int i = 0; i < frames.size(); i++) {
            json.value(frames.get(i).longValue());
        }
        json.endArray();
        strings(json, CONFIG_IDS, f.evidence().configIds(), repeated, repeated == null ? null : repeated.configIds);
        texts(json, FACTS, f.evidence().facts(), repeated);
        json.endObject();
        json.name(FIX).beginObject();
        strings(json, STEPS, f.fix().steps(), repeated, repeated == null ? null : repeated.steps);
        strings(json, COMMANDS, f.fix().commands(), repeated, repeated == null ? null : repeated.commands);
        optional(json, FIX_JSON, f.fix().json());
        json.endObject();
    }

    /** As {@link #optional}; a text written before is copied with {@code repeated} ({@link RepeatedJson#text}). */
    private static void text(JsonOut json, JsonOut.Name name, String value, RepeatedJson repeated)
            throws IOException {
        if (repeated == null) {
            optional(json, name, value);
        } else if (value != null) {
            repeated.text(json.name(name), value);
        }
    }

    /**
     * As {@link #strings(JsonOut, JsonOut.Name, List)}, each text written before copied when {@code repeated} is
     * given.
     */
    private static void texts(JsonOut json, JsonOut.Name name, List<String> values, RepeatedJson repeated)
            throws IOException {
        if (repeated == null) {
            strings(json, name, values);
        } else {
            repeated.texts(json.name(name), values);
        }
    }

    /** A member whose value is a string, left out when null ({@link JsonOut#optional}). */
    private static void optional(JsonOut json, JsonOut.Name name, String value) throws IOException {
        if (value != null) {
            json.name(name).value(value);
        }
    }

    /** As {@link #optional}, for a string written again and again as the very object ({@link JsonOut#sharedValue}). */
    private static void shared(JsonOut json, JsonOut.Name name, String value) throws IOException {
        if (value != null) {
            json.name(name).sharedValue(value);
        }
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
    static int routingIndex(Finding f, List<LiveKitRouting> routings) {
        if (f.callId() == null || routings.isEmpty()) {
            return -1;
        }
        long firstFrame = firstFrame(f);
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

    /** {@link #routingIndex(Finding, List)} of the routings {@code byCallId} holds. */
    static int routingIndex(Finding f, RoutingsByCallId byCallId) {
        return f.callId() == null ? -1 : byCallId.indexOf(f, firstFrame(f));
    }

    /** The first frame of a finding's evidence, or the greatest frame when it names none. */
    private static long firstFrame(Finding f) {
        return f.evidence().frames().isEmpty() ? Long.MAX_VALUE : f.evidence().frames().get(0);
    }

    /** A routing as one object; {@code repeated} (null: none) copies the values it wrote before. */
    private static void routing(JsonOut json, LiveKitRouting r, RepeatedJson repeated) throws IOException {
        json.beginObject();
        json.name(INVITE_FRAME).value(r.transaction().frame());
        optional(json, CALLED_NUMBER, r.invite().calledNumber());
        optional(json, CALLING_NUMBER, r.invite().callingNumber());
        shared(json, SOURCE_IP, r.invite().sourceIp());
        RoutingOutcome outcome = r.outcome();
        List<String> expected = outcome == null ? null : outcome.expectedResponses();
        // the statuses and the summary follow from the expected and captured responses and the verdict, of which
        // a capture has a few kinds
        byte[][] statuses = repeated == null ? null : repeated.statusesOf(expected, r.observed(), r.consistency());
        json.name(OBSERVED);
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
            strings(json, EXPECTED, expected, repeated, repeated == null ? null : repeated.expected);
            texts(json, REASONING, outcome.reasoning(), repeated);
            shared(json, TRUNK, outcome.trunk().kind().name());
            strings(json, TRUNK_IDS, outcome.trunk().candidateIds());
            shared(json, AUTH, outcome.auth().name());
            DispatchMatch d = outcome.dispatch();
            shared(json, DISPATCH, d.kind().name());
            if (d.rule() != null) {
                shared(json, DISPATCH_RULE_ID, d.rule().getSipDispatchRuleId());
                optional(json, ROOM_NAME, d.roomName());
                strings(json, AGENTS, d.agentNames());
            }
        }
        shared(json, CONSISTENCY, r.consistency().name());
        json.name(SUMMARY);
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

    /** As {@link #strings(JsonOut, JsonOut.Name, List)}, a list written before at {@code place} copied. */
    private static void strings(JsonOut json, JsonOut.Name name, List<String> values, RepeatedJson repeated,
                                RepeatedJson.Place place) throws IOException {
        if (repeated == null) {
            strings(json, name, values);
        } else {
            repeated.strings(json.name(name), place, values);
        }
    }

    private static void strings(JsonOut json, JsonOut.Name name, List<String> values) throws IOException {
        json.name(name).beginArray();
        for (int i = 0; i < values.size(); i++) {
            json.value(values.get(i));
        }
        json.endArray();
    }
}
