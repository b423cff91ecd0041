package org.sipladder.sip;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.sipladder.capture.CaptureFile;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;

/**
 * One SIP request or response as captured, parsed; kept even when malformed.
 *
 * <p>A message loaded from a capture is compact: it holds the start line, the few headers that call lists, flows
 * and roles read ({@link #isKept}), and where its bytes are (an offset into the capture file, or the bytes when
 * they are not one run of the file). All other headers, the body, the SDP and the raw text are scanned again from
 * those bytes when asked for; the most recent of those scans are kept. Memory per message is thus a fraction of
 * its size on the wire.
 */
public final class SipMessage {

    /** The kept headers with a field of their own, in the order of {@link #fixed(int)}. */
    private static final List<String> FIXED = List.of("Call-ID", "CSeq", "From", "To", "User-Agent", "Server");
    /** Headers every message keeps in memory, by canonical name (compact forms are expanded when scanning). */
    private static final List<String> KEPT = kept();
    /** {@link #KEPT} as an array, {@link #FIXED} first in the same order. */
    private static final String[] KEPT_NAMES = KEPT.toArray(new String[0]);
    private static final Map<String, Boolean> KEPT_VERDICTS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> CORRELATION_VERDICTS = new ConcurrentHashMap<>();
    private static final String[] NONE = new String[0];
    /** The kept branch of a message without one. */
    static final byte[] NO_BRANCH = new byte[0];
    /** {@link #toTagSpan} of a message without To tag. */
    static final int NO_TAG = -1;
    /** {@link #toTagSpan} of a tag ending beyond {@link #MAX_PACKED}: found again in the To value when asked for. */
    private static final int FAR_TAG = -2;
    private static final int MAX_PACKED = 0x7FFF;
    private static final int RECENT_SIZE = 1 << 13;
    /** The last details scanned again, kept strongly: a ring that each scan writes into. */
    private static final Object[] RECENT = new Object[RECENT_SIZE];
    private static final AtomicInteger RECENT_NEXT = new AtomicInteger();

    /** What is scanned again from the bytes on demand. */
    private record Detail(List<SipHeader> headers, byte[] body, Sdp sdp, String raw) {
    }

    private final long frame;
    private final long timestampMicros;
    private final Endpoint src;
    private final Endpoint dst;
    private final Transport transport;
    private final String method;
    private final String requestUri;
    private final int status;
    private final String reason;
    /** First values of the most used kept headers ({@link #FIXED}); the others and repeats are in {@code extras}. */
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
     * Where the To tag is in {@link #to}: start << 16 | end; {@link #NO_TAG} when there is none, {@link #FAR_TAG}
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
     * A {@link Detail} held strongly (built in code) or weakly (scanned again); the most recently scanned ones are
     * also held by {@link #RECENT}, so a sweep over every message of a large capture (a diagnosis) keeps only a
     * bounded number of them alive.
     */
    private volatile Object detail;

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
        this(frame, timestampMicros, src, dst, transport, method, requestUri, status, reason, keptOf(headers, null),
                branchBytes(branchOf(MessageScanner.first(headers, "Via"))), tagSpan(MessageScanner.first(headers, "To")), sdp != null,
                malformed, malformedReason,
                null, -1, null, new Detail(List.copyOf(headers), body, sdp, raw));
    }

    /**
     * A compact message: {@code kept} holds name/value pairs of the kept headers; {@code wire} is the message's
     * bytes, held when {@code file} is null, else only checksummed so that a read-back can be checked.
     */
    SipMessage(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport,
               String method, String requestUri, int status, String reason, String[] kept, byte[] branch,
               int toTagSpan, boolean hasSdp, boolean malformed, String malformedReason,
               CaptureFile file, long fileOffset, byte[] wire, Object detail) {
        this(frame, timestampMicros, src, dst, transport, method, requestUri, status, reason, KeptHeaders.of(kept),
                branch, toTagSpan, hasSdp, malformed, malformedReason, file, fileOffset, wire, detail);
    }

    /**
     * As the constructor above, with the kept headers already sorted into their fields; {@code toTagSpan} is
     * {@link #tagSpan} of the first To value.
     */
    SipMessage(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport,
               String method, String requestUri, int status, String reason, KeptHeaders kept, byte[] branch,
               int toTagSpan, boolean hasSdp, boolean malformed, String malformedReason,
               CaptureFile file, long fileOffset, byte[] wire, Object detail) {
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
        this.branch = branch == null ? NO_BRANCH : branch;
        this.toTagSpan = toTagSpan;
        this.hasSdp = hasSdp;
        this.malformed = malformed;
        this.malformedReason = malformedReason;
        this.source = file != null ? file : wire;
        this.fileOffset = fileOffset;
        this.length = wire == null ? 0 : wire.length;
        this.checksum = file != null ? checksum(wire) : 0;
        this.detail = detail;
    }

    /**
     * The kept headers of a message being read, in message order: the first value of each header with a field
     * of its own goes to that field, the rest (other kept headers, repeats) to name/value pairs.
     */
    static final class KeptHeaders {
        String callId;
        String cseq;
        String from;
        String to;
        String userAgent;
        String server;
        private List<String> more;

        static KeptHeaders of(String[] pairs) {
            KeptHeaders kept = new KeptHeaders();
            for (int i = 0; i < pairs.length; i += 2) {
                kept.add(pairs[i], pairs[i + 1]);
            }
            return kept;
        }

        /** Adds the next kept header; {@code name} is its canonical name. */
        void add(String name, String value) {
            switch (fixedSlot(name)) {
                case 0 -> callId = callId == null ? value : extra(name, value, callId);
                case 1 -> cseq = cseq == null ? value : extra(name, value, cseq);
                case 2 -> from = from == null ? value : extra(name, value, from);
                case 3 -> to = to == null ? value : extra(name, value, to);
                case 4 -> userAgent = userAgent == null ? value : extra(name, value, userAgent);
                case 5 -> server = server == null ? value : extra(name, value, server);
                default -> extra(name, value, null);
            }
        }

        /** Records a pair beyond the fields and returns {@code kept}, the field's value, unchanged. */
        private String extra(String name, String value, String kept) {
            if (more == null) {
                more = new ArrayList<>(4);
            }
            more.add(name);
            more.add(value);
            return kept;
        }

        String[] extras() {
            return more == null ? null : more.toArray(NONE);
        }
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
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** The same message with another verdict of the full parser. */
    SipMessage withVerdict(boolean isMalformed, String why) {
        return new SipMessage(this, isMalformed, why);
    }

    /** True for the headers a compact message keeps in memory (canonical or as-sent spelling, any case). */
    static boolean isKept(String name) {
        for (String k : KEPT) {
            if (k == name) {
                return true;
            }
        }
        return KEPT_VERDICTS.computeIfAbsent(name, n -> {
            for (String k : KEPT) {
                if (k.equalsIgnoreCase(n)) {
                    return true;
                }
            }
            return isCorrelationHeader(n);
        });
    }

    /** True for a B2BUA correlation header, as the {@link B2buaProfile} table declares them. */
    private static boolean isCorrelationHeader(String name) {
        return B2buaProfile.isCorrelationHeader(name);
    }

    /** {@link #FIXED}, RSeq, then the headers of every B2BUA family. */
    private static List<String> kept() {
        List<String> kept = new ArrayList<>(FIXED);
        kept.add("RSeq");
        kept.addAll(B2buaProfile.keptHeaders());
        return List.copyOf(kept);
    }

    /** The name/value pairs of the kept headers among {@code headers}, values shared through {@code pool}. */
    static String[] keptOf(List<SipHeader> headers, StringPool pool) {
        List<String> pairs = new ArrayList<>();
        for (SipHeader h : headers) {
            if (isKept(h.name())) {
                pairs.add(h.name());
                pairs.add(pool == null ? h.value() : pool.share(h.value()));
            }
        }
        return pairs.isEmpty() ? NONE : pairs.toArray(NONE);
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

    /** The slot of a header with a field of its own, or -1. */
    private static int fixedSlot(String name) {
        for (int i = 0; i < FIXED.size(); i++) {
            if (FIXED.get(i) == name) {
                return i;
            }
        }
        for (int i = 0; i < FIXED.size(); i++) {
            if (FIXED.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String normalisedCseq(String v) {
        if (v == null) {
            return null;
        }
        return isNormal(v) ? v : String.join(" ", MessageScanner.BLANKS.split(v.trim()));
    }

    /** True when {@code v} is already trimmed, with single spaces and no other white space. */
    private static boolean isNormal(String v) {
        if (v.isEmpty() || v.charAt(0) <= ' ' || v.charAt(v.length() - 1) <= ' ') {
            return false;
        }
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == ' ' ? v.charAt(i + 1) == ' ' : c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** The branch parameter of the first Via value (before any comma), or "" when there is none. */
    static String branchOf(String via) {
        if (via == null) {
            return "";
        }
        int comma = via.indexOf(',');
        String branch = parameter(via, 0, comma < 0 ? via.length() : comma, "branch", false);
        return branch == null ? "" : branch;
    }

    /** The tag parameter of a From or To value (outside the angle brackets), or null. */
    public static String tagOf(String nameAddr) {
        if (nameAddr == null) {
            return null;
        }
        long at = tagAt(nameAddr);
        return at < 0 ? null : nameAddr.substring((int) (at >>> 32), (int) at);
    }

    /** Where {@link #tagOf} finds the tag, in the packed form of {@link #toTagSpan}. */
    static int tagSpan(String nameAddr) {
        if (nameAddr == null) {
            return NO_TAG;
        }
        long at = tagAt(nameAddr);
        return at < 0 ? NO_TAG : tagSpan((int) (at >>> 32), (int) at);
    }

    /** Where the tag parameter of a From or To value (outside the angle brackets) is, as parameterAt gives it. */
    private static long tagAt(String nameAddr) {
        int close = nameAddr.lastIndexOf('>');
        return parameterAt(nameAddr, Math.max(close, 0), nameAddr.length(), "tag", true);
    }

    /** The packed form of a tag at {@code [start, end)} of its value. */
    static int tagSpan(int start, int end) {
        return end <= MAX_PACKED ? start << 16 | end : FAR_TAG;
    }

    /** The first non-empty value of {@code ;name=value} in {@code s[from, end)}, as {@link #parameterAt}; or null. */
    private static String parameter(String s, int from, int end, String name, boolean stopAtAngle) {
        long at = parameterAt(s, from, end, name, stopAtAngle);
        return at < 0 ? null : s.substring((int) (at >>> 32), (int) at);
    }

    /**
     * Where the first non-empty value of {@code ;name=value} in {@code s[from, end)} is (spaces allowed around
     * {@code ;} and {@code =}, name in any case), as start << 32 | end, or -1 when there is none; the value ends
     * at {@code ;}, {@code ,}, white space, and {@code >} when {@code stopAtAngle}.
     */
    private static long parameterAt(String s, int from, int end, String name, boolean stopAtAngle) {
        for (int semi = s.indexOf(';', from); semi >= 0 && semi < end; semi = s.indexOf(';', semi + 1)) {
            int i = skipSpace(s, semi + 1, end);
            if (i + name.length() > end || !s.regionMatches(true, i, name, 0, name.length())) {
                continue;
            }
            i = skipSpace(s, i + name.length(), end);
            if (i >= end || s.charAt(i) != '=') {
                continue;
            }
            i = skipSpace(s, i + 1, end);
            int stop = i;
            while (stop < end) {
                char c = s.charAt(stop);
                if (c == ';' || c == ',' || isSpace(c) || stopAtAngle && c == '>') {
                    break;
                }
                stop++;
            }
            if (stop > i) {
                return (long) i << 32 | stop;
            }
        }
        return -1;
    }

    private static int skipSpace(String s, int from, int end) {
        int i = from;
        while (i < end && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
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
        return hasSdp ? detail().sdp() : null;
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
            if (CORRELATION_VERDICTS.computeIfAbsent(extras[i], SipMessage::isCorrelationHeader)) {
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

    /** The bytes a branch is kept as. */
    static byte[] branchBytes(String branch) {
        return branch.getBytes(StandardCharsets.UTF_8);
    }

    /** The tag parameter of the To header, or null (a request opening a dialog has none). */
    public String toTag() {
        if (toTagSpan == NO_TAG) {
            return null;
        }
        return toTagSpan == FAR_TAG ? tagOf(to) : to.substring(toTagSpan >>> 16, toTagSpan & 0xFFFF);
    }

    /** True when the To tag starts with {@code prefix}; without making the tag's string. */
    public boolean toTagStartsWith(String prefix) {
        if (toTagSpan < 0) {
            return toTagSpan == FAR_TAG && toTag().startsWith(prefix);
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
        return toTagSpan != NO_TAG;
    }

    /** True when both messages have the same To tag, or neither has one; without making the strings. */
    public boolean sameToTag(SipMessage other) {
        if (toTagSpan < 0 || other.toTagSpan < 0) {
            return toTagSpan == NO_TAG || other.toTagSpan == NO_TAG ? toTagSpan == other.toTagSpan
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
        if (source instanceof byte[] wire) {
            return wire;
        }
        if (source instanceof CaptureFile file) {
            byte[] bytes = file.read(fileOffset, length);
            if (checksum(bytes) != checksum) {
                throw new IOException(file + " no longer holds this message (it changed since it was read); open it again");
            }
            return bytes;
        }
        return null;
    }

    public boolean isRequest() {
        return method != null;
    }

    /** First value of the named header (case-insensitive, full name), or null. */
    public String header(String name) {
        // the flow engine asks by the canonical constants, many times per message: found without case folding
        for (int i = 0; i < KEPT_NAMES.length; i++) {
            if (KEPT_NAMES[i] == name) {
                return i < FIXED.size() ? fixed(i) : extra(name);
            }
        }
        if (isKept(name)) {
            int slot = fixedSlot(name);
            return slot >= 0 ? fixed(slot) : extra(name);
        }
        return MessageScanner.first(headers(), name);
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
        if (isKept(name)) {
            List<String> values = new ArrayList<>(1);
            int slot = fixedSlot(name);
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
        return normalisedCseq(cseqValue);
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
        String cseq = normalisedCseq(cseqValue);
        if (cseq == null) {
            return -1;
        }
        int space = cseq.indexOf(' ');
        int end = space < 0 ? cseq.length() : space;
        if (end == 0 || end > 18) {
            return parseLong(cseq.substring(0, end));
        }
        long n = 0;
        for (int i = 0; i < end; i++) {
            char c = cseq.charAt(i);
            if (c < '0' || c > '9') {
                return parseLong(cseq.substring(0, end));
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The CSeq method (upper case), or null. */
    public String cseqMethod() {
        String cseq = normalisedCseq(cseqValue);
        int space = cseq == null ? -1 : cseq.indexOf(' ');
        if (space < 0) {
            return null;
        }
        int next = cseq.indexOf(' ', space + 1);
        return Methods.canonical(cseq, space + 1, next < 0 ? cseq.length() : next);
    }

    /** "INVITE" for a request, "503 Try again later" for a response. */
    public String label() {
        if (isRequest()) {
            return method;
        }
        return reason == null || reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
    }

    private Detail detail() {
        Object d = detail;
        if (d instanceof Detail held) {
            return held;
        }
        if (d instanceof WeakReference<?> ref && ref.get() instanceof Detail held) {
            return held;
        }
        Detail loaded = load();
        RECENT[RECENT_NEXT.getAndIncrement() & (RECENT_SIZE - 1)] = loaded;
        detail = new WeakReference<>(loaded);
        return loaded;
    }

    private Detail load() {
        byte[] bytes;
        try {
            bytes = wireBytes();
        } catch (IOException e) {
            String why = "(the text of this message cannot be read again: " + e.getMessage() + ")";
            return new Detail(List.of(), new byte[0], null, why);
        }
        MessageScanner.Parts parts = MessageScanner.parts(bytes, new Problems());
        if (parts == null) {
            return new Detail(List.of(), new byte[0], null, "");
        }
        return new Detail(parts.headers(), parts.body(), parts.sdp(), parts.raw());
    }

    /** Scanned parts, for a message whose scan already produced them: held weakly like a read-back. */
    static Object weakDetail(List<SipHeader> headers, byte[] body, Sdp sdp, String raw) {
        return new WeakReference<>(new Detail(headers, body, sdp, raw));
    }

    @Override
    public String toString() {
        return "SipMessage[frame " + frame + ", " + src + " > " + dst + ", " + label() + ", Call-ID " + callId() + "]";
    }
}
