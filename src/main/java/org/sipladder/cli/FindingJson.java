package org.sipladder.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.RoutingOutcome;

/**
 * The findings as the JSON array {@code diagnose --json} prints, written finding by finding; a finding about a
 * call that reached LiveKit carries LiveKit's simulated answer next to the captured one under {@code livekit}.
 */
final class FindingJson {

    /** Writes each finding into the pretty-printing writer as it is, without HTML escaping. */
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private FindingJson() {
    }

    /** Writes the array, one finding at a time (a large capture has findings worth a hundred megabytes of JSON). */
    static void write(Diagnosis diagnosis, Writer out) throws IOException {
        JsonWriter json = FastWriter.prettyJson(out);
        // by Call-ID: a large capture has tens of thousands of findings and routings
        Map<String, List<LiveKitRouting>> routings = new HashMap<>();
        for (LiveKitRouting r : diagnosis.routings()) {
            routings.computeIfAbsent(r.transaction().callId(), k -> new ArrayList<>()).add(r);
        }
        json.beginArray();
        for (Finding f : diagnosis.findings()) {
            JsonObject o = finding(f);
            routingOf(routings, f).ifPresent(r -> o.add("livekit", routing(r)));
            GSON.toJson(o, json);
        }
        json.endArray();
        json.flush();
    }

    private static JsonObject finding(Finding f) {
        JsonObject o = new JsonObject();
        o.addProperty("code", f.code().name());
        o.addProperty("severity", f.severity().name());
        o.addProperty("title", f.title());
        o.addProperty("primary", f.primary());
        if (f.callId() != null) {
            o.addProperty("callId", f.callId());
            o.addProperty("flowId", f.flowId());
        }
        o.addProperty("explanation", f.explanation());
        JsonObject evidence = new JsonObject();
        JsonArray frames = new JsonArray();
        f.evidence().frames().forEach(frames::add);
        evidence.add("frames", frames);
        evidence.add("configIds", strings(f.evidence().configIds()));
        evidence.add("facts", strings(f.evidence().facts()));
        o.add("evidence", evidence);
        JsonObject fix = new JsonObject();
        fix.add("steps", strings(f.fix().steps()));
        fix.add("commands", strings(f.fix().commands()));
        if (f.fix().json() != null) {
            fix.addProperty("json", f.fix().json());
        }
        o.add("fix", fix);
        return o;
    }

    /** The LiveKit INVITE a call finding is about: the last one on its leg at or before its first frame. */
    private static Optional<LiveKitRouting> routingOf(Map<String, List<LiveKitRouting>> routings, Finding f) {
        if (f.callId() == null) {
            return Optional.empty();
        }
        long firstFrame = f.evidence().frames().isEmpty() ? Long.MAX_VALUE : f.evidence().frames().get(0);
        return routings.getOrDefault(f.callId(), List.of()).stream()
                .filter(r -> r.transaction().frame() <= firstFrame)
                .reduce((a, b) -> b);
    }

    private static JsonObject routing(LiveKitRouting r) {
        JsonObject o = new JsonObject();
        o.addProperty("inviteFrame", r.transaction().frame());
        o.addProperty("calledNumber", r.invite().calledNumber());
        o.addProperty("callingNumber", r.invite().callingNumber());
        o.addProperty("sourceIp", r.invite().sourceIp());
        o.add("observed", strings(r.observed().stream().map(s -> (s.status() + " " + s.reason()).trim()).toList()));
        RoutingOutcome outcome = r.outcome();
        if (outcome != null) {
            o.add("expected", strings(outcome.expectedResponses()));
            o.add("reasoning", strings(outcome.reasoning()));
            o.addProperty("trunk", outcome.trunk().kind().name());
            o.add("trunkIds", strings(outcome.trunk().candidateIds()));
            o.addProperty("auth", outcome.auth().name());
            DispatchMatch d = outcome.dispatch();
            o.addProperty("dispatch", d.kind().name());
            if (d.rule() != null) {
                o.addProperty("dispatchRuleId", d.rule().getSipDispatchRuleId());
                o.addProperty("roomName", d.roomName());
                o.add("agents", strings(d.agentNames()));
            }
        }
        o.addProperty("consistency", r.consistency().name());
        o.addProperty("summary", r.summary());
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
