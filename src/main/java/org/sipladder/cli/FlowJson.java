package org.sipladder.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Sentences;
import org.sipladder.flow.Timings;
import org.sipladder.media.CaptureMedia;

/**
 * The JSON array {@code calls --json} prints, as the bytes of each call, which threads of their own can make while
 * the calls are being assembled, joined in order by {@link #writeArray}: so that a capture with a hundred thousand
 * calls never holds its whole JSON in memory, and its 120 MB are not all encoded by the one thread that writes.
 */
final class FlowJson {

    /** Each thread's writer: its buffer is used again for every call that thread writes. */
    private static final ThreadLocal<FlowJson> WRITERS = ThreadLocal.withInitial(() -> new FlowJson(new JsonOut()));

    /** How the array ends after its last element, as the JSON writer ends it; and when it has none. */
    private static final byte[] CLOSE_NONEMPTY = {'\n', ']'};
    private static final byte[] CLOSE_EMPTY = {']'};

    private final JsonOut json;
    private final LegMediaJson legMedia = new LegMediaJson();
    private final JsonPieces pieces = new JsonPieces();

    private FlowJson(JsonOut json) {
        this.json = json;
    }

    /**
     * The UTF-8 bytes of {@code f} as an element of the array, with what goes before it there (a line break, and
     * a comma unless it is the {@code first}), exactly as a JSON writer printing the whole array writes them.
     */
    static byte[] element(CallFlow f, boolean first) {
        return element(f, first, null);
    }

    /** As {@link #element(CallFlow, boolean)}, with a {@code media} summary per leg from the capture's media (none when null). */
    static byte[] element(CallFlow f, boolean first, CaptureMedia media) {
        FlowJson writer = WRITERS.get();
        try {
            writer.json.startElement(first);
            writer.write(f, media);
            return writer.json.written();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /** Writes the array of the {@link #element}s given in order, as UTF-8 to {@code out}, which stays open. */
    static void writeArray(Iterable<byte[]> elements, OutputStream out) throws IOException {
        // whole buffers at a time: the console's stream may write out every piece it is given at once
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        buffered.write('[');
        boolean any = false;
        for (byte[] e : elements) {
            buffered.write(e);
            any = true;
        }
        buffered.write(any ? CLOSE_NONEMPTY : CLOSE_EMPTY);
        buffered.flush();
    }

    /** As {@link #writeArray(Iterable, OutputStream)}, to a writer. */
    static void writeArray(Iterable<byte[]> elements, Writer out) throws IOException {
        out.write('[');
        boolean any = false;
        for (byte[] e : elements) {
            out.write(new String(e, StandardCharsets.UTF_8));
            any = true;
        }
        out.write(new String(any ? CLOSE_NONEMPTY : CLOSE_EMPTY, StandardCharsets.US_ASCII));
        out.flush();
    }

    private void write(CallFlow f, CaptureMedia media) throws IOException {
        json.beginObject();
        json.name("id").value(f.id());
        json.name("start").decimal(f.startMicros(), 6);
        json.name("finalStatus").value(f.finalStatus());
        shared("finalReason", f.aLeg().finalReason());
        json.name("messageCount").value(f.messages().size());
        json.name("legs").beginArray();
        for (Leg l : f.legs()) {
            leg(l, media);
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

    private void leg(Leg l, CaptureMedia media) throws IOException {
        json.beginObject();
        json.name("callId").value(l.callId());
        json.name("from").value(l.from());
        json.name("to").value(l.to());
        json.name("requestUri").value(l.requestUri());
        json.name("firstFrame").value(l.firstFrame());
        json.name("lastFrame").value(l.lastFrame());
        json.name("finalStatus").value(l.finalStatus());
        shared("finalReason", l.finalReason());
        json.name("messageCount").value(l.messageCount());
        if (media != null) {
            json.name("media");
            legMedia.write(json, media.leg(l.callId()));
        }
        json.endObject();
    }

    private void hop(Hop h) throws IOException {
        json.beginObject();
        shared("address", h.address());
        json.name("role").sharedValue(h.role().displayName());
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

    /** A member whose string value many calls repeat (a reason phrase, an address), or null. */
    private void shared(String name, String value) throws IOException {
        json.name(name);
        if (value == null) {
            json.nullValue();
        } else {
            json.sharedValue(value);
        }
    }

    /** Strings; evidence sentences written in their pieces, without being made. */
    private void strings(List<String> values) throws IOException {
        json.beginArray();
        if (values instanceof Sentences sentences) {
            for (int i = 0; i < values.size(); i++) {
                json.beginPieces();
                sentences.pieces(i, pieces);
                json.endPieces();
            }
        } else {
            for (int i = 0; i < values.size(); i++) {
                json.value(values.get(i));
            }
        }
        json.endArray();
    }

    /** A sentence's pieces into {@link #json}. */
    private final class JsonPieces implements Sentences.Pieces {
        @Override
        public void constant(String part) throws IOException {
            json.constantPiece(part);
        }

        @Override
        public void value(String value) throws IOException {
            json.piece(value);
        }

        @Override
        public void number(long value) throws IOException {
            json.numberPiece(value);
        }
    }
}
