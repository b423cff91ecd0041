package org.sipladder.cli;

import com.google.gson.JsonObject;
import org.sipladder.sip.SipMessage;

/** One SIP message as the JSON object {@code messages --json} prints per line. */
final class MessageJson {

    private MessageJson() {
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
