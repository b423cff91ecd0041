package org.sipladder.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.sipladder.sip.SipMessage;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.Observation;

/** One SIP message as the JSON object {@code messages --json} prints per line. */
final class MessageJson {

    private MessageJson() {
    }

    /**
     * Adds {@code seenAt} to a message of several captures read as one: each capture that saw it, with its frame,
     * its own clock's time and the addresses it saw; nothing when one capture alone saw it.
     */
    static JsonObject seenAt(JsonObject o, CaptureFiles files, List<Observation> seen) {
        if (!seen.isEmpty()) {
            JsonArray all = new JsonArray();
            for (Observation s : seen) {
                JsonObject at = new JsonObject();
                at.addProperty("capture", files.files().get(s.file()).toString());
                at.addProperty("frame", s.frame());
                at.addProperty("time", JsonTime.seconds(s.micros()));
                at.addProperty("src", s.src().toString());
                at.addProperty("dst", s.dst().toString());
                all.add(at);
            }
            o.add("seenAt", all);
        }
        return o;
    }

    static JsonObject of(SipMessage m) {
        JsonObject o = new JsonObject();
        o.addProperty("frame", m.frame());
        o.addProperty("time", JsonTime.seconds(m.timestampMicros()));
        o.addProperty("src", m.src().toString());
        o.addProperty("dst", m.dst().toString());
        o.addProperty("transport", m.transport().name());
        o.addProperty("callId", m.callId());
        o.addProperty("cseq", m.cseq());
        if (m.isRequest()) {
            o.addProperty("method", m.method());
            o.addProperty("requestUri", m.requestUri());
        } else {
            o.addProperty("status", m.status());
            o.addProperty("reason", m.reason());
        }
        o.addProperty("sdp", m.sdp() != null);
        o.addProperty("malformed", m.malformed());
        if (m.malformed()) {
            o.addProperty("malformedReason", m.malformedReason());
        }
        return o;
    }
}
