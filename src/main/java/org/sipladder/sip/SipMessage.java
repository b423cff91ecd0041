package org.sipladder.sip;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.sipladder.capture.CaptureFile;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;

/**
 * One SIP request or response as captured, parsed; kept even when malformed.
 *
 * <p>A message loaded from a capture is compact: it holds the start line, the few headers that call lists, flows
 * and roles read ({@link KeptHeaders}), and where its bytes are (an offset into the capture file, or the bytes when
 * they are not one run of the file). All other headers, the body, the SDP and the raw text are scanned again from
 * those bytes when asked for ({@link MessageDetail}); the most recent of those scans are kept by the capture read's
 * {@link RecentDetails}. Memory per message is thus a fraction of its size on the wire. Parameters in header
 * values are read by {@link HeaderParameters}.
 */
public final class SipMessage {

    private final long frame;
    private final long timestampMicros;
    private final Endpoint src;
    private final Endpoint dst;
    private final Transport transport;
    private final String method;
    private final String requestUri;
    private final int status;
    private final String reason;
    /** First values of the most used kept headers ({@link KeptHeaders#FIXED}); the others and repeats are in {@code extras}. */
    private final String callIdValue;
    private final String cseqValue;
    private final String from;
    private final String to;
    private final String userAgent;
    private final String server;
    /** Name/value pairs of the other kept headers, in message order; null when there are none. */
    private final String[] extras;
    /**
     * The top Via branch as UTF-8 bytes (empty when none), shared by the messages of a transaction: one object
     * per transaction instead of a string and its bytes, in a capture with hundreds of thousands of them.
     */
    private final byte[] branch;
    /**
     * Where the To tag is in {@link #to}: start << 16 | end; {@link HeaderParameters#NO_TAG} when there is none, {@link HeaderParameters#FAR_TAG}
     * when it lies too far into the value for that form. The tag is no string of its own: there is one per dialog.
     */
    private final int toTagSpan;
    private final boolean hasSdp;
    private final boolean malformed;
    private final String malformedReason;
    /**
     * Where the bytes are: a {@link CaptureFile} (at {@code fileOffset}), the bytes themselves, or null for a
     * message built in code.
     */
    private final Object source;
    private final long fileOffset;
    private final int length;
    /** CRC-32C of the bytes at {@code fileOffset}: what is read back must be what was read (0 when not in a file). */
    private final int checksum;
    /**
     * A {@link MessageDetail} held strongly (built in code) or weakly (scanned again); the most recently scanned
     * ones are also held by {@code recent}, so a sweep over every message of a large capture (a diagnosis) keeps
     * only a bounded number of them alive.
     */
    private volatile Object detail;
    /** The ring of recently scanned details of this message's capture read; null for a message built in code. */
    private final RecentDetails recent;
    /**
     * True when {@link FastScan} read the message: one header or the SDP can be read back from its bytes alone
     * ({@link PlainReadBack}), without the full scan.
     */
    private final boolean plain;

    /**
     * A message with all its parts given.
     *
     * @param frame           1-based packet number that completed the message
     * @param timestampMicros capture time, microseconds since the epoch
     * @param src             sender
     * @param dst             receiver
     * @param transport       transport on the wire
     * @param method          request method, or null for a response
     * @param requestUri      request URI as sent, or null for a response
     * @param status          response status code, or 0 for a request
     * @param reason          response reason phrase exactly as sent (may be empty), or null for a request
     * @param headers         all headers in order, compact names expanded
     * @param body            message body bytes (empty when none)
     * @param sdp             parsed SDP when the body is SDP, else null
     * @param raw             the whole message text as sent (ISO-8859-1 decoding of the bytes when not UTF-8)
     * @param malformed       true when the full parser rejected the message or part of it
     * @param malformedReason why, or null
     */
    public SipMessage(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport,
                      String method, String requestUri, int status, String reason,
                      List<SipHeader> headers, byte[] body, Sdp sdp, String raw,
                      boolean malformed, String malformedReason) {
        this(frame, timestampMicros, src, dst, transport, method, requestUri, status, reason,
                KeptHeaders.keptOf(headers, null),
                HeaderParameters.branchBytes(HeaderParameters.branchOf(MessageScanner.first(headers, "Via"))),
                HeaderParameters.tagSpan(MessageScanner.first(headers, "To")), sdp != null, malformed, malformedReason,
                null, -1, null, new MessageDetail(List.copyOf(headers), body, sdp, raw), null);
    }

    /**
     * A compact message: {@code kept} holds name/value pairs of the kept headers; {@code wire} is the message's
     * bytes, held when {@code file} is null, else only checksummed so that a read-back can be checked;
     * {@code recent} holds the details scanned again from the messages of the same capture read.
     */
    SipMessage(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport,
               String method, String requestUri, int status, String reason, String[] kept, byte[] branch,
               int toTagSpan, boolean hasSdp, boolean malformed, String malformedReason,
               CaptureFile file, long fileOffset, byte[] wire, Object detail, RecentDetails recent) {
        this(frame, timestampMicros, src, dst, transport, method, requestUri, status, reason, KeptHeaders.of(kept),
                branch, toTagSpan, hasSdp, malformed, malformedReason, file, fileOffset, wire, detail, recent, false);
    }

    /**
     * As the constructor above, with the kept headers already sorted into their fields; {@code toTagSpan} is
     * {@link HeaderParameters#tagSpan} of the first To value; {@code plain} when {@link FastScan} read it.
     */
    SipMessage(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport,
               String method, String requestUri, int status, String reason, KeptHeaders kept, byte[] branch,
               int toTagSpan, boolean hasSdp, boolean malformed, String malformedReason,
               CaptureFile file, long fileOffset, byte[] wire, Object detail, RecentDetails recent, boolean plain) {
        this.frame = frame;
        this.timestampMicros = timestampMicros;
        this.src = src;
        this.dst = dst;
        this.transport = transport;
        this.method = method;
        this.requestUri = requestUri;
        this.status = status;
        this.reason = reason;
        this.callIdValue = kept.callId;
        this.cseqValue = kept.cseq;
        this.from = kept.from;
        this.to = kept.to;
        this.userAgent = kept.userAgent;
        this.server = kept.server;
        this.extras = kept.extras();
        this.branch = branch == null ? HeaderParameters.NO_BRANCH : branch;
        this.toTagSpan = toTagSpan;
        this.hasSdp = hasSdp;
        this.malformed = malformed;
        this.malformedReason = malformedReason;
        this.source = file != null ? file : wire;
        this.fileOffset = fileOffset;
        this.length = wire == null ? 0 : wire.length;
        this.checksum = file != null ? MessageDetail.checksum(wire) : 0;
        this.detail = detail;
        this.recent = recent;
        this.plain = plain && source != null;
    }

    /** A copy of {@code m} with another verdict of the full parser. */
    private SipMessage(SipMessage m, boolean malformed, String malformedReason) {
        this.frame = m.frame;
        this.timestampMicros = m.timestampMicros;
        this.src = m.src;
        this.dst = m.dst;
        this.transport = m.transport;
        this.method = m.method;
        this.requestUri = m.requestUri;
        this.status = m.status;
        this.reason = m.reason;
        this.callIdValue = m.callIdValue;
        this.cseqValue = m.cseqValue;
        this.from = m.from;
        this.to = m.to;
        this.userAgent = m.userAgent;
        this.server = m.server;
        this.extras = m.extras;
        this.branch = m.branch;
        this.toTagSpan = m.toTagSpan;
        this.hasSdp = m.hasSdp;
        this.malformed = malformed;
        this.malformedReason = malformedReason;
        this.source = m.source;
        this.fileOffset = m.fileOffset;
        this.length = m.length;
        this.checksum = m.checksum;
        this.detail = m.detail;
        this.recent = m.recent;
        this.plain = m.plain;
    }

    /** The same message with another verdict of the full parser. */
    SipMessage withVerdict(boolean isMalformed, String why) {
        return new SipMessage(this, isMalformed, why);
    }

    private String fixed(int slot) {
        return switch (slot) {
            case 0 -> callIdValue;
            case 1 -> cseqValue;
            case 2 -> from;
            case 3 -> to;
            case 4 -> userAgent;
            default -> server;
        };
    }

    public long frame() {
        return frame;
    }

    public long timestampMicros() {
        return timestampMicros;
    }

    public Endpoint src() {
        return src;
    }

    public Endpoint dst() {
        return dst;
    }

    public Transport transport() {
        return transport;
    }

    /** Request method, or null for a response. */
    public String method() {
        return method;
    }

    /** Request URI as sent, or null for a response. */
    public String requestUri() {
        return requestUri;
    }

    /** Response status code, or 0 for a request. */
    public int status() {
        return status;
    }

    /** Response reason phrase exactly as sent (may be empty), or null for a request. */
    public String reason() {
        return reason;
    }

    /** True when the full parser rejected the message or part of it. */
    public boolean malformed() {
        return malformed;
    }

    /** Why the message is malformed, or null. */
    public String malformedReason() {
        return malformedReason;
    }

    /** All headers in order, compact names expanded. */
    public List<SipHeader> headers() {
        return detail().headers();
    }

    /** Message body bytes (empty when none). */
    public byte[] body() {
        return detail().body();
    }

    /** Parsed SDP when the body is SDP, else null. */
    public Sdp sdp() {
        return sdp(null);
    }

    /** {@link #sdp()}, from {@code readBack}'s bytes when it is given and they are needed. */
    Sdp sdp(MessageReadBack readBack) {
        if (!hasSdp) {
            return null;
        }
        MessageDetail held = heldDetail();
        if (held != null || !plain) {
            return held != null ? held.sdp() : detail().sdp();
        }
        byte[] wire = readBack != null ? readBack.wire() : wireOrNull();
        return wire == null ? null : PlainReadBack.sdp(wire);
    }

    /** True when the body holds SDP; cheaper than {@link #sdp()}, which parses it. */
    public boolean hasSdp() {
        return hasSdp;
    }

    /** The whole message text as sent (ISO-8859-1 decoding of the bytes when not UTF-8). */
    public String raw() {
        return detail().raw();
    }

    /** The kept correlation headers (X-CID and the like), in message order; not to be modified. */
    public List<SipHeader> correlationHeaders() {
        if (extras == null) {
            return List.of();
        }
        List<SipHeader> found = new ArrayList<>(0);
        for (int i = 0; i < extras.length; i += 2) {
            if (KeptHeaders.isKeptCorrelation(extras[i])) {
                found.add(new SipHeader(extras[i], extras[i + 1], extras[i] + ": " + extras[i + 1]));
            }
        }
        return found.isEmpty() ? List.of() : Collections.unmodifiableList(found);
    }

    /** The branch parameter of the topmost Via, or "" when there is none (RFC 2543 peers). */
    public String topViaBranch() {
        return new String(branch, StandardCharsets.UTF_8);
    }

    /** True when both messages have the same top Via branch; as comparing {@link #topViaBranch}, without strings. */
    public boolean sameBranch(SipMessage other) {
        return branch == other.branch || Arrays.equals(branch, other.branch);
    }

    /** The branch bytes as kept, shared with the other messages of the transaction: never to be written to. */
    byte[] keptBranch() {
        return branch;
    }

    /** A hash of the top Via branch, equal for equal branches. */
    public int branchHash() {
        return Arrays.hashCode(branch);
    }

    /** The tag parameter of the To header, or null (a request opening a dialog has none). */
    public String toTag() {
        return HeaderParameters.tagAt(to, toTagSpan);
    }

    /** True when the To tag starts with {@code prefix}; without making the tag's string. */
    public boolean toTagStartsWith(String prefix) {
        if (toTagSpan < 0) {
            return toTagSpan == HeaderParameters.FAR_TAG && toTag().startsWith(prefix);
        }
        int start = toTagSpan >>> 16;
        return (toTagSpan & 0xFFFF) - start >= prefix.length() && to.startsWith(prefix, start);
    }

    /**
     * True when the message keeps headers beyond the first Call-ID, CSeq, From, To, User-Agent and Server (RSeq,
     * correlation headers, repeats); when false, {@link #header} gives null for every other kept name.
     */
    public boolean hasOtherKeptHeaders() {
        return extras != null;
    }

    /** True when the To header has a tag; as {@code toTag() != null}, without making the string. */
    public boolean hasToTag() {
        return toTagSpan != HeaderParameters.NO_TAG;
    }

    /** True when both messages have the same To tag, or neither has one; without making the strings. */
    public boolean sameToTag(SipMessage other) {
        if (toTagSpan < 0 || other.toTagSpan < 0) {
            return toTagSpan == HeaderParameters.NO_TAG || other.toTagSpan == HeaderParameters.NO_TAG
                    ? toTagSpan == other.toTagSpan
                    : Objects.equals(toTag(), other.toTag());
        }
        int start = toTagSpan >>> 16;
        int length = (toTagSpan & 0xFFFF) - start;
        int otherStart = other.toTagSpan >>> 16;
        return length == (other.toTagSpan & 0xFFFF) - otherStart
                && to.regionMatches(start, other.to, otherStart, length);
    }

    /**
     * The message bytes as captured.
     *
     * @throws IOException when they are read back from a capture file that is gone or changed
     */
    public byte[] wireBytes() throws IOException {
        return MessageDetail.read(source, fileOffset, length, checksum);
    }

    public boolean isRequest() {
        return method != null;
    }

    /** First value of the named header (case-insensitive, full name), or null. */
    public String header(String name) {
        return header(name, null);
    }

    /**
     * This message's bytes read back once for several {@link MessageReadBack#header} and {@link MessageReadBack#sdp}
     * questions (read at the first that needs them).
     */
    public MessageReadBack readBack() {
        return new MessageReadBack(this);
    }

    /** {@link #header(String)}, from {@code readBack}'s bytes when it is given and they are needed. */
    String header(String name, MessageReadBack readBack) {
        // the flow engine asks by the canonical constants, many times per message: found without case folding
        for (int i = 0; i < KeptHeaders.KEPT_NAMES.length; i++) {
            if (KeptHeaders.KEPT_NAMES[i] == name) {
                return i < KeptHeaders.FIXED.size() ? fixed(i) : extra(name);
            }
        }
        if (KeptHeaders.isKept(name)) {
            int slot = KeptHeaders.fixedSlot(name);
            return slot >= 0 ? fixed(slot) : extra(name);
        }
        MessageDetail held = heldDetail();
        if (held != null || !plain || !PlainReadBack.asciiName(name)) {
            return MessageScanner.first(held != null ? held.headers() : headers(), name);
        }
        // one header of a message not scanned since it was read (a diagnosis asks a few of almost every message)
        byte[] wire = readBack != null ? readBack.wire() : wireOrNull();
        return wire == null ? null : PlainReadBack.first(wire, name);
    }

    /** The first value of a kept header without a field of its own, or null. */
    private String extra(String name) {
        if (extras != null) {
            for (int i = 0; i < extras.length; i += 2) {
                if (extras[i].equalsIgnoreCase(name)) {
                    return extras[i + 1];
                }
            }
        }
        return null;
    }

    /** All values of the named header in order. */
    public List<String> headers(String name) {
        if (KeptHeaders.isKept(name)) {
            List<String> values = new ArrayList<>(1);
            int slot = KeptHeaders.fixedSlot(name);
            if (slot >= 0 && fixed(slot) != null) {
                values.add(fixed(slot));
            }
            for (int i = 0; extras != null && i < extras.length; i += 2) {
                if (extras[i].equalsIgnoreCase(name)) {
                    values.add(extras[i + 1]);
                }
            }
            return values;
        }
        return headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(SipHeader::value).toList();
    }

    public String callId() {
        return callIdValue == null ? null : callIdValue.trim();
    }

    /** The CSeq value normalised to "number METHOD", or null. */
    public String cseq() {
        return HeaderParameters.normalisedCseq(cseqValue);
    }

    /**
     * True when both messages have the same CSeq number and method; cheap when their CSeq values are spelt alike,
     * as those of one transaction almost always are.
     */
    public boolean sameCseq(SipMessage other) {
        return Objects.equals(cseqValue, other.cseqValue)
                || cseqNumber() == other.cseqNumber() && Objects.equals(cseqMethod(), other.cseqMethod());
    }

    /** The CSeq sequence number, or -1 when absent or unparsable. */
    public long cseqNumber() {
        return HeaderParameters.cseqNumber(HeaderParameters.normalisedCseq(cseqValue));
    }

    /** The CSeq method (upper case), or null. */
    public String cseqMethod() {
        return HeaderParameters.cseqMethod(HeaderParameters.normalisedCseq(cseqValue));
    }

    /** "INVITE" for a request, "503 Try again later" for a response. */
    public String label() {
        if (isRequest()) {
            return method;
        }
        return reason == null || reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
    }

    /** The detail this message holds now (strongly, or weakly and not yet collected), or null. */
    private MessageDetail heldDetail() {
        Object d = detail;
        if (d instanceof MessageDetail held) {
            return held;
        }
        if (d instanceof WeakReference<?> ref && ref.get() instanceof MessageDetail held) {
            return held;
        }
        return null;
    }

    /** The bytes, or null when they cannot be read back (then the full scan's detail has no headers and no SDP). */
    byte[] wireOrNull() {
        try {
            return wireBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private MessageDetail detail() {
        MessageDetail held = heldDetail();
        if (held != null) {
            return held;
        }
        MessageDetail loaded = MessageDetail.scan(this::wireBytes);
        if (recent != null) {
            recent.keep(loaded);
        }
        detail = new WeakReference<>(loaded);
        return loaded;
    }

    /** The tag parameter of a From or To value (outside the angle brackets), or null: {@link HeaderParameters#tagOf}. */
    public static String tagOf(String nameAddr) {
        return HeaderParameters.tagOf(nameAddr);
    }

    /** Scanned parts, for a message whose scan already produced them: held weakly like a read-back. */
    static Object weakDetail(List<SipHeader> headers, byte[] body, Sdp sdp, String raw) {
        return new WeakReference<>(new MessageDetail(headers, body, sdp, raw));
    }

    @Override
    public String toString() {
        return "SipMessage[frame " + frame + ", " + src + " > " + dst + ", " + label() + ", Call-ID " + callId() + "]";
    }
}
