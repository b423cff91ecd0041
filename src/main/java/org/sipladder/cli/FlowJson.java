package org.sipladder.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Sentences;
import org.sipladder.flow.Timings;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.LegMedia;

/**
 * The JSON array {@code calls --json} prints, as the bytes of runs of calls, which threads of their own can make
 * while the calls are being assembled, joined in order by {@link #writeChunks}: so that a capture with a hundred
 * thousand calls never holds its whole JSON in memory, and its 230 MB are not all encoded by the one thread that
 * writes.
 */
final class FlowJson {

    /** Each thread's writer, with what it remembers of the JSON it wrote (names, shared strings, codec lists). */
    private static final ThreadLocal<FlowJson> WRITERS = ThreadLocal.withInitial(() -> new FlowJson(new JsonOut()));

    /** How the array ends after its last element, as the JSON writer ends it; and when it has none. */
    private static final byte[] CLOSE_NONEMPTY = {'\n', ']'};
    private static final byte[] CLOSE_EMPTY = {']'};

    /** Member names, each at the depth its objects' members are written (a call's are at 3). */
    private static final JsonOut.Name CALL_ID = new JsonOut.Name("id", 3);
    private static final JsonOut.Name CALL_START = new JsonOut.Name("start", 3);
    private static final JsonOut.Name CALL_FINAL_STATUS = new JsonOut.Name("finalStatus", 3);
    private static final JsonOut.Name CALL_FINAL_REASON = new JsonOut.Name("finalReason", 3);
    private static final JsonOut.Name CALL_MESSAGE_COUNT = new JsonOut.Name("messageCount", 3);
    private static final JsonOut.Name CALL_LEGS = new JsonOut.Name("legs", 3);
    private static final JsonOut.Name CALL_HOPS = new JsonOut.Name("hops", 3);
    private static final JsonOut.Name CALL_JOIN_EVIDENCE = new JsonOut.Name("joinEvidence", 3);
    private static final JsonOut.Name CALL_TIMINGS = new JsonOut.Name("timings", 3);
    private static final JsonOut.Name LEG_CALL_ID = new JsonOut.Name("callId", 5);
    private static final JsonOut.Name LEG_FROM = new JsonOut.Name("from", 5);
    private static final JsonOut.Name LEG_TO = new JsonOut.Name("to", 5);
    private static final JsonOut.Name LEG_REQUEST_URI = new JsonOut.Name("requestUri", 5);
    private static final JsonOut.Name LEG_FIRST_FRAME = new JsonOut.Name("firstFrame", 5);
    private static final JsonOut.Name LEG_LAST_FRAME = new JsonOut.Name("lastFrame", 5);
    private static final JsonOut.Name LEG_FINAL_STATUS = new JsonOut.Name("finalStatus", 5);
    private static final JsonOut.Name LEG_FINAL_REASON = new JsonOut.Name("finalReason", 5);
    private static final JsonOut.Name LEG_MESSAGE_COUNT = new JsonOut.Name("messageCount", 5);
    private static final JsonOut.Name LEG_RETRY_OF = new JsonOut.Name("retryOf", 5);
    private static final JsonOut.Name LEG_MEDIA = new JsonOut.Name("media", 5);
    private static final JsonOut.Name HOP_ADDRESS = new JsonOut.Name("address", 5);
    private static final JsonOut.Name HOP_PORT = new JsonOut.Name("port", 5);
    private static final JsonOut.Name HOP_ROLE = new JsonOut.Name("role", 5);
    private static final JsonOut.Name HOP_NAME = new JsonOut.Name("name", 5);
    private static final JsonOut.Name HOP_EVIDENCE = new JsonOut.Name("evidence", 5);
    private static final JsonOut.Name TIMING_POST_DIAL_DELAY_SECONDS = new JsonOut.Name("postDialDelaySeconds", 4);
    private static final JsonOut.Name TIMING_FIRST_PROVISIONAL_SECONDS = new JsonOut.Name("firstProvisionalSeconds", 4);
    private static final JsonOut.Name TIMING_FINAL_RESPONSE_SECONDS = new JsonOut.Name("finalResponseSeconds", 4);
    private static final JsonOut.Name TIMING_DURATION_SECONDS = new JsonOut.Name("durationSeconds", 4);

    private final JsonOut json;
    private final LegMediaJson legMedia = new LegMediaJson();
    /** The frames of the call being written that are retransmissions, sorted, in the first {@link #repeatedCount}. */
    private long[] repeated = new long[0];
    private int repeatedCount;
    private final JsonPieces pieces = new JsonPieces();
    /** The calls of the run being written ({@link #lookUp}). */
    private CallFlow[] run = new CallFlow[0];
    /** Their legs' Call-IDs and media, in the order the legs are written; the next leg's at {@link #nextLegMedia}. */
    private String[] legIds = new String[0];
    private LegMedia[] legMedias = new LegMedia[0];
    private int nextLegMedia;
    /**
     * Strings of the call being written that it repeats as the very objects (its id is its first leg's Call-ID; the
     * join evidence names the legs' Call-IDs, the hops' evidence a request URI), each with where its quoted bytes are
     * in the writer's buffer, in the first {@link #recentCount}: copied from there, not encoded and looked at again.
     */
    private final String[] recent = new String[RECENT];
    private final int[] recentStart = new int[RECENT];
    private final int[] recentEnd = new int[RECENT];
    private int recentCount;
    private static final int RECENT = 8;

    private FlowJson(JsonOut json) {
        this.json = json;
    }

    /**
     * The elements of the calls {@code from} to {@code to} (exclusive) of the array, one after another, each with what
     * goes before it there (a line break, and a comma unless it is the first) exactly as a JSON writer printing the
     * whole array writes them, with a {@code media} summary per leg: written into a buffer taken from
     * {@code spares}, not copied, which goes back there once written out ({@link #writeChunks}).
     */
    static Chunk elements(IntFunction<CallFlow> calls, int from, int to, CaptureMedia media, Spares spares) {
        FlowJson writer = WRITERS.get();
        JsonOut json = writer.json;
        try {
            writer.lookUp(calls, from, to, media);
            json.startElement(from == 0);
            writer.write(writer.run[0], media);
            for (int i = from + 1; i < to; i++) {
                json.nextElement(false);
                writer.write(writer.run[i - from], media);
            }
            // not held past the run: what is still referenced at a young collection is promoted to the old generation
            Arrays.fill(writer.run, null);
            Arrays.fill(writer.legMedias, null);
            int length = json.size();
            return new Chunk(json.handOver(spares.take()), length);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /**
     * Assembles the calls {@code from} to {@code to} into {@link #run} and looks up their legs' media together
     * ({@link CaptureMedia#legs}) into {@link #legMedias}, in the order the legs are written.
     */
    private void lookUp(IntFunction<CallFlow> calls, int from, int to, CaptureMedia media) {
        if (run.length < to - from) {
            run = new CallFlow[to - from];
        }
        int legs = 0;
        for (int i = from; i < to; i++) {
            CallFlow f = calls.apply(i);
            run[i - from] = f;
            legs += f.legs().size();
        }
        nextLegMedia = 0;
        if (media == null) {
            return;
        }
        if (legIds.length < legs) {
            legIds = new String[legs];
            legMedias = new LegMedia[legs];
        }
        int n = 0;
        for (int i = 0; i < to - from; i++) {
            List<Leg> l = run[i].legs();
            for (int k = 0; k < l.size(); k++) {
                legIds[n++] = l.get(k).callId();
            }
        }
        media.legs(legIds, n, legMedias);
    }

    /** The first {@code length} bytes of {@code bytes}: a run of elements of the array. */
    record Chunk(byte[] bytes, int length) {
    }

    /**
     * Buffers that runs of elements were written into and written out, for the next runs: the 230 MB of a large
     * capture's calls pass through a few of them instead of each call's bytes being copied out of its writer into
     * an array of their own. Safe to use from several threads.
     */
    static final class Spares {
        /** A buffer for a run of calls: a run of 16 of a large SIP-only capture takes ~75 KB. */
        private static final int SIZE = 1 << 17;
        private final BlockingQueue<byte[]> free;

        /** Keeps at most {@code capacity} buffers given back. */
        Spares(int capacity) {
            free = new ArrayBlockingQueue<>(Math.max(1, capacity));
        }

        /** A buffer given back, or a new one. */
        byte[] take() {
            byte[] spare = free.poll();
            return spare != null ? spare : new byte[SIZE];
        }

        /** {@code buffer} is not read any more: it may be written again. */
        void giveBack(byte[] buffer) {
            free.offer(buffer);
        }
    }

    /**
     * Writes the array of the {@link #elements} runs given in order, as UTF-8 to {@code out}, which stays open;
     * each run's buffer goes back to {@code spares} once written.
     */
    static void writeChunks(Iterable<Chunk> chunks, OutputStream out, Spares spares) throws IOException {
        out.write('[');
        boolean any = false;
        for (Chunk c : chunks) {
            // a run is tens of kilobytes: the console's stream writes it as it is, without copying it
            out.write(c.bytes(), 0, c.length());
            any |= c.length() > 0;
            spares.giveBack(c.bytes());
        }
        out.write(any ? CLOSE_NONEMPTY : CLOSE_EMPTY);
        out.flush();
    }

    /** As {@link #writeChunks(Iterable, OutputStream, Spares)}, to a writer. */
    static void writeChunks(Iterable<Chunk> chunks, Writer out, Spares spares) throws IOException {
        out.write('[');
        boolean any = false;
        for (Chunk c : chunks) {
            out.write(new String(c.bytes(), 0, c.length(), StandardCharsets.UTF_8));
            any |= c.length() > 0;
            spares.giveBack(c.bytes());
        }
        out.write(new String(any ? CLOSE_NONEMPTY : CLOSE_EMPTY, StandardCharsets.US_ASCII));
        out.flush();
    }

    private void write(CallFlow f, CaptureMedia media) throws IOException {
        json.beginObject();
        recentCount = 0;
        written(CALL_ID, f.id());
        json.name(CALL_START).decimal(f.startMicros(), 6);
        json.member(CALL_FINAL_STATUS, f.finalStatus());
        json.sharedMember(CALL_FINAL_REASON, f.outcome().finalReason());
        json.member(CALL_MESSAGE_COUNT, f.messages().size());
        repeatedFrames(f);
        // index loops: an iterator per list and call is a real object before the JIT's last tier
        List<Leg> legs = f.legs();
        json.name(CALL_LEGS).beginArray();
        for (int i = 0; i < legs.size(); i++) {
            leg(legs.get(i), media);
        }
        json.endArray();
        List<Hop> hops = f.hops();
        json.name(CALL_HOPS).beginArray();
        for (int i = 0; i < hops.size(); i++) {
            hop(hops.get(i));
        }
        json.endArray();
        json.name(CALL_JOIN_EVIDENCE);
        strings(f.joinEvidence());
        json.name(CALL_TIMINGS);
        timings(f.timings());
        json.endObject();
    }

    /**
     * Frames of the flow's retransmissions, sorted, into {@link #repeated}: their SDP repeats an offer or answer
     * already listed (an INVITE sent 200 times to a dead peer listed its offer 200 times).
     */
    private void repeatedFrames(CallFlow f) {
        // in capture order, which is nearly always frame order
        repeated = f.retransmissionFrames();
        repeatedCount = repeated.length;
        Arrays.sort(repeated);
    }

    private void leg(Leg l, CaptureMedia media) throws IOException {
        json.beginObject();
        written(LEG_CALL_ID, l.callId());
        json.member(LEG_FROM, l.from());
        json.member(LEG_TO, l.to());
        written(LEG_REQUEST_URI, l.requestUri());
        json.member(LEG_FIRST_FRAME, l.firstFrame());
        json.member(LEG_LAST_FRAME, l.lastFrame());
        json.member(LEG_FINAL_STATUS, l.finalStatus());
        json.sharedMember(LEG_FINAL_REASON, l.finalReason());
        json.member(LEG_MESSAGE_COUNT, l.messageCount());
        if (l.retryOf() >= 0) {
            json.member(LEG_RETRY_OF, l.retryOf());
        }
        if (media != null) {
            json.name(LEG_MEDIA);
            legMedia.write(json, legMedias[nextLegMedia++], repeated, repeatedCount);
        }
        json.endObject();
    }

    /** A member whose string value the call may repeat ({@link #recent}): copied when written before, else kept. */
    private void written(JsonOut.Name name, String value) throws IOException {
        json.name(name);
        int at = recentOf(value);
        if (at >= 0) {
            json.writtenValue(recentStart[at], recentEnd[at]);
            return;
        }
        int start = json.size();
        json.value(value);
        if (value != null && recentCount < RECENT) {
            recent[recentCount] = value;
            recentStart[recentCount] = start;
            recentEnd[recentCount] = json.size();
            recentCount++;
        }
    }

    /** Where {@code value} (the very object, not null) is in {@link #recent}, or -1. */
    private int recentOf(String value) {
        for (int i = 0; i < recentCount; i++) {
            if (recent[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private void hop(Hop h) throws IOException {
        json.beginObject();
        json.sharedMember(HOP_ADDRESS, h.address());
        if (h.split()) {
            // one party of a host the call's messages go between two ports of: its SIP port says which
            json.member(HOP_PORT, h.port());
        }
        json.sharedMember(HOP_ROLE, h.role().displayName());
        // a hop's name is the same string in the calls that share the hop (flow.AgentRoles.hopName), or an alias
        json.sharedMember(HOP_NAME, h.name());
        json.name(HOP_EVIDENCE);
        strings(h.evidence());
        json.endObject();
    }

    private void timings(Timings t) throws IOException {
        json.beginObject();
        milliseconds(TIMING_POST_DIAL_DELAY_SECONDS, t.postDialDelayMicros());
        milliseconds(TIMING_FIRST_PROVISIONAL_SECONDS, t.firstProvisionalMicros());
        milliseconds(TIMING_FINAL_RESPONSE_SECONDS, t.finalResponseMicros());
        milliseconds(TIMING_DURATION_SECONDS, t.durationMicros());
        json.endObject();
    }

    /** A duration as JsonTime.durationSeconds prints it: seconds with three decimals, truncated; or null. */
    private void milliseconds(JsonOut.Name name, Long micros) throws IOException {
        json.name(name);
        if (micros == null) {
            json.nullValue();
        } else {
            // in int arithmetic when it fits: a long division is a call into the VM with the JIT's first tier only
            long m = micros;
            json.decimal(m == (int) m ? (int) m / 1000 : m / 1000, 3);
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
            int at = value == null ? -1 : recentOf(value);
            if (at >= 0) {
                // inside its quotes
                json.writtenPiece(recentStart[at] + 1, recentEnd[at] - 1);
            } else {
                json.piece(value);
            }
        }

        @Override
        public void number(long value) throws IOException {
            json.numberPiece(value);
        }
    }
}
