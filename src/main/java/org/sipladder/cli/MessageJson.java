package org.sipladder.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.sipladder.sip.SipMessage;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.Observation;

/** One SIP message as the JSON object {@code messages --json} prints per line (nulls printed as null). */
final class MessageJson {

    private MessageJson() {
    }

    /** Writes the message as one JSON line into {@code json} ({@link JsonOut#lines}). */
    static void line(JsonOut json, SipMessage m) {
        line(json, m, null, List.of());
    }

    /**
     * Writes the message as one JSON line, with {@code seenAt} for a message of several captures read as one: each
     * capture that saw it, with its frame, its own clock's time and the addresses it saw; nothing when {@code seen}
     * is empty (one capture alone saw it).
     */
    static void line(JsonOut json, SipMessage m, CaptureFiles files, List<Observation> seen) {
        try {
            json.beginObject();
            json.name("frame").value(m.frame());
            json.name("time").value(JsonTime.seconds(m.timestampMicros()));
            json.name("src").value(m.src().toString());
            json.name("dst").value(m.dst().toString());
            json.name("transport").value(m.transport().name());
            json.name("callId").value(m.callId());
            json.name("cseq").value(m.cseq());
            if (m.isRequest()) {
                json.name("method").value(m.method());
                json.name("requestUri").value(m.requestUri());
            } else {
                json.name("status").value(m.status());
                json.name("reason").value(m.reason());
            }
            json.name("sdp").value(m.sdp() != null);
            json.name("malformed").value(m.malformed());
            if (m.malformed()) {
                json.name("malformedReason").value(m.malformedReason());
            }
            if (!seen.isEmpty()) {
                json.name("seenAt").beginArray();
                for (Observation s : seen) {
                    json.beginObject();
                    json.name("capture").value(files.files().get(s.file()).toString());
                    json.name("frame").value(s.frame());
                    json.name("time").value(JsonTime.seconds(s.micros()));
                    json.name("src").value(s.src().toString());
                    json.name("dst").value(s.dst().toString());
                    json.endObject();
                }
                json.endArray();
            }
            json.endObject();
            json.endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
