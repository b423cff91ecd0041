package org.sipladder.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Timings;

/**
 * The JSON array {@code calls --json} prints, written call by call as the flows are assembled, so that a capture
 * with a hundred thousand calls never holds its whole JSON in memory.
 */
final class FlowJson implements AutoCloseable {

    private final JsonOut json;

    FlowJson(Writer out) throws IOException {
        this(new JsonOut(out));
    }

    /** Writes UTF-8 bytes to {@code out}. */
    FlowJson(OutputStream out) throws IOException {
        this(new JsonOut(out));
    }

    private FlowJson(JsonOut json) throws IOException {
        this.json = json;
        json.beginArray();
    }

    void write(CallFlow f) throws IOException {
        json.beginObject();
        json.name("id").value(f.id());
        json.name("start").decimal(f.startMicros(), 6);
        json.name("finalStatus").value(f.finalStatus());
        json.name("finalReason").value(f.aLeg().finalReason());
        json.name("messageCount").value(f.messages().size());
        json.name("legs").beginArray();
        for (Leg l : f.legs()) {
            leg(l);
        }
        json.endArray();
        json.name("hops").beginArray();
        for (Hop h : f.hops()) {
            hop(h);
        }
        json.endArray();
        json.name("joinEvidence");
        strings(f.joinEvidence());
        json.name("timings");
        timings(f.timings());
        json.endObject();
    }

    /** Ends the array; the underlying writer stays open. */
    @Override
    public void close() throws IOException {
        json.endArray();
        json.flush();
    }

    private void leg(Leg l) throws IOException {
        json.beginObject();
        json.name("callId").value(l.callId());
        json.name("from").value(l.from());
        json.name("to").value(l.to());
        json.name("requestUri").value(l.requestUri());
        json.name("firstFrame").value(l.firstFrame());
        json.name("lastFrame").value(l.lastFrame());
        json.name("finalStatus").value(l.finalStatus());
        json.name("finalReason").value(l.finalReason());
        json.name("messageCount").value(l.messageCount());
        json.endObject();
    }

    private void hop(Hop h) throws IOException {
        json.beginObject();
        json.name("address").value(h.address());
        json.name("role").value(h.role().displayName());
        json.name("name").value(h.name());
        json.name("evidence");
        strings(h.evidence());
        json.endObject();
    }

    private void timings(Timings t) throws IOException {
        json.beginObject();
        milliseconds("postDialDelaySeconds", t.postDialDelayMicros());
        milliseconds("firstProvisionalSeconds", t.firstProvisionalMicros());
        milliseconds("finalResponseSeconds", t.finalResponseMicros());
        milliseconds("durationSeconds", t.durationMicros());
        json.endObject();
    }

    /** A duration as JsonTime.durationSeconds prints it: seconds with three decimals, truncated; or null. */
    private void milliseconds(String name, Long micros) throws IOException {
        json.name(name);
        if (micros == null) {
            json.nullValue();
        } else {
            json.decimal(micros / 1000, 3);
        }
    }

    private void strings(List<String> values) throws IOException {
        json.beginArray();
        for (String v : values) {
            json.value(v);
        }
        json.endArray();
    }
}
