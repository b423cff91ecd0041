package org.sipladder.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Timings;

/** One call flow as the JSON object {@code calls --json} prints. */
final class FlowJson {

    private FlowJson() {
    }

    static JsonObject of(CallFlow f) {
        JsonObject o = new JsonObject();
        o.addProperty("id", f.id());
        o.addProperty("start", JsonTime.seconds(f.startMicros()));
        o.addProperty("finalStatus", f.finalStatus());
        o.addProperty("finalReason", f.aLeg().finalReason());
        o.addProperty("messageCount", f.messages().size());
        JsonArray legs = new JsonArray();
        f.legs().forEach(l -> legs.add(leg(l)));
        o.add("legs", legs);
        JsonArray hops = new JsonArray();
        f.hops().forEach(h -> hops.add(hop(h)));
        o.add("hops", hops);
        o.add("joinEvidence", strings(f.joinEvidence()));
        o.add("timings", timings(f.timings()));
        return o;
    }

    private static JsonObject leg(Leg l) {
        JsonObject o = new JsonObject();
        o.addProperty("callId", l.callId());
        o.addProperty("from", l.from());
        o.addProperty("to", l.to());
        o.addProperty("requestUri", l.requestUri());
        o.addProperty("firstFrame", l.firstFrame());
        o.addProperty("lastFrame", l.lastFrame());
        o.addProperty("finalStatus", l.finalStatus());
        o.addProperty("finalReason", l.finalReason());
        o.addProperty("messageCount", l.messageCount());
        return o;
    }

    private static JsonObject hop(Hop h) {
        JsonObject o = new JsonObject();
        o.addProperty("address", h.address());
        o.addProperty("role", h.role().displayName());
        o.addProperty("name", h.name());
        o.add("evidence", strings(h.evidence()));
        return o;
    }

    private static JsonObject timings(Timings t) {
        JsonObject o = new JsonObject();
        o.addProperty("postDialDelaySeconds", JsonTime.durationSeconds(t.postDialDelayMicros()));
        o.addProperty("firstProvisionalSeconds", JsonTime.durationSeconds(t.firstProvisionalMicros()));
        o.addProperty("finalResponseSeconds", JsonTime.durationSeconds(t.finalResponseMicros()));
        o.addProperty("durationSeconds", JsonTime.durationSeconds(t.durationMicros()));
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
