package org.sipladder.sip;

import java.io.IOException;
import java.lang.ref.WeakReference;
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

    // The fields are packed: 675,000 messages of a 50,000-call capture are held at once, and every 8 bytes of this
    // object (104 bytes with compressed references, a short Via branch packed in two longs) are 5 MB. What most
    // messages do not have (an unknown method, a verdict, both User-Agent and Server, other kept headers, a frame
    // number beyond 32 bits, a length beyond 16 bits) is in {@code rare}; the high bits of the offset in the file are
    // the file origin's.
    private final long timestampMicros;
    /** The low 32 bits of the offset in the capture file; the high bits are the {@link FileOrigin}'s. */
    private final int fileOffset;
    /** The frame number's low 32 bits (unsigned); the whole number is in {@link Rare} when it is larger. */
    private final int frame;
    /**
     * Where the To tag is in {@link #to}: start << 16 | end; {@link HeaderParameters#NO_TAG} when there is none, {@link HeaderParameters#FAR_TAG}
     * when it lies too far into the value for that form. The tag is no string of its own: there is one per dialog.
     */
    private final int toTagSpan;
    /** The length of the bytes in the file; the whole length is in {@link Rare} when it does not fit. */
    private final char length;
    /**
     * CRC-32C of the bytes at {@code fileOffset}, folded to 16 bits: what is read back must be what was read (0 when
     * not in a file). A changed file shows in the first message read back but for a 1 in 65,536 chance each.
     */
    private final char checksum;
    /** The response status; {@link #STATUS_IN_RARE} when it does not fit (then it is in {@link Rare}). */
    private final short status;
    /**
     * In the low four bits ({@link #METHOD_BITS}): 0 for a response, 1 + index in {@link Methods#KNOWN_ARRAY} for a
     * well-known method, {@link #METHOD_IN_RARE}. In the high four, which the 14 known methods leave free: the
     * {@link KeptHeaders#absentAsked} bits of a {@link #PLAIN} message, the asked headers {@link FastScan} saw no line
     * of ({@link #header} answers null for them without a read-back); 0 in any other message.
     */
    private final byte methodCode;
    /**
     * Transport ordinal in the low 3 bits, then {@link #HAS_SDP}, {@link #MALFORMED}, {@link #PLAIN},
     * {@link #AGENT_IS_SERVER}, {@link #VIA_WITHOUT_RECEIVED}.
     */
    private final byte flags;
    private final Endpoint src;
    private final Endpoint dst;
    /** The request URI of a request, the reason phrase of a response (the other, when there is one, is in {@link Rare}). */
    private final String text;
    /** First values of the most used kept headers ({@link KeptHeaders#FIXED}); the others and repeats are in {@code rare}. */
    private final String callIdValue;
    private final String cseqValue;
    private final String from;
    private final String to;
    /** The first User-Agent, or the first Server when {@link #AGENT_IS_SERVER} (a message with both: Server in {@link Rare}). */
    private final String agent;
    /** Null, the other kept headers' name/value pairs in message order (a String[]), or a {@link Rare}. */
    private final Object rare;
    /**
     * The top Via branch as UTF-8 bytes with RFC 3261's magic cookie as one byte ({@link HeaderParameters#branchBytes};
     * empty when none), shared by the messages of a transaction, when longer than {@link HeaderParameters#PACKED_BRANCH}
     * bytes; else null and the bytes are in {@link #branchLow} and {@link #branchHigh}.
     */
    private final byte[] branch;
    /**
     * A kept branch of at most {@link HeaderParameters#PACKED_BRANCH} bytes (when {@link #branch} is null): its bytes
     * 0-7, and 8-14 with their count in the high byte ({@link HeaderParameters#packedLow}); no array per transaction.
     */
    private final long branchLow;
    private final long branchHigh;
    /**
     * Where the bytes are: a {@link FileOrigin} (the capture file and the read's ring of recent details, shared by
     * the messages of one file), the bytes themselves (a {@link WireOrigin} with the ring, or the byte[] without),
     * or null for a message built in code.
     */
    private final Object origin;
    /**
     * A {@link MessageDetail} held strongly (built in code) or weakly (scanned again); the most recently scanned
     * ones are also held by the read's {@link RecentDetails}, so a sweep over every message of a large capture (a
     * diagnosis) keeps only a bounded number of them alive.
     */
    private volatile Object detail;

    private static final int TRANSPORT_BITS = 0x07;
    private static final int HAS_SDP = 0x08;
    private static final int MALFORMED = 0x10;
    /**
     * {@link FastScan} read the message: one header or the SDP can be read back from its bytes alone
     * ({@link PlainReadBack}), without the full scan.
     */
    private static final int PLAIN = 0x20;
    private static final int AGENT_IS_SERVER = 0x40;
    /** {@link FastScan} found no {@code received} in the first Via line ({@link #viaWithoutReceived}). */
    private static final int VIA_WITHOUT_RECEIVED = 0x80;
    private static final int METHOD_BITS = 0x0F;
    private static final byte METHOD_IN_RARE = METHOD_BITS;
    private static final short STATUS_IN_RARE = -1;
    private static final Transport[] TRANSPORTS = Transport.values();

    /**
     * The capture file of a message, its read's ring of recent details, and the high 32 bits of the message's
     * offset in the file ({@code offsetBase}, low bits zero): one per file, read and 4 GiB of the file.
     */
    record FileOrigin(CaptureFile file, RecentDetails recent, long offsetBase) {
    }

    /** The bytes of a message not in one run of its file, with its read's ring of recent details. */
    private record WireOrigin(byte[] wire, RecentDetails recent) {
    }

    /**
     * The bytes of a message that are several runs of its capture file (offset and length of each, in order), with
     * its read's ring of recent details: a datagram reassembled from IP fragments.
     */
    record GatheredOrigin(CaptureFile file, long[] ranges, RecentDetails recent) {
    }

    /** What few messages have; see {@link #rare}. */
    private record Rare(String method, String otherText, String server, String malformedReason, String[] extras,
                        long frame, int status, int length) {
    }

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

    /** As the constructor below with the bytes {@code wire} whole. */
    SipMessage(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport,
               String method, String requestUri, int status, String reason, KeptHeaders kept, byte[] branch,
               int toTagSpan, boolean hasSdp, boolean malformed, String malformedReason,
               CaptureFile file, long fileOffset, byte[] wire, Object detail, RecentDetails recent, boolean plain) {
        this(frame, timestampMicros, src, dst, transport, method, requestUri, status, reason, kept,
                branch == null ? HeaderParameters.NO_BRANCH : branch, 0, 0, toTagSpan, hasSdp, malformed,
                malformedReason, file, fileOffset, wire, 0, wire == null ? 0 : wire.length, detail, recent, plain);
    }

    /**
     * As the first compact constructor, with the kept headers already sorted into their fields; {@code toTagSpan} is
     * {@link HeaderParameters#tagSpan} of the first To value; {@code plain} when {@link FastScan} read it; the bytes
     * are {@code wire[wireOffset, wireOffset+size)} (a lent payload's: copied when held, that is when {@code file}
     * is null); the kept branch is {@code branch}, or when null the bytes packed in {@code branchLow} and
     * {@code branchHigh} ({@link HeaderParameters#packedLow}).
     */
    SipMessage(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport,
               String method, String requestUri, int status, String reason, KeptHeaders kept, byte[] branch,
               long branchLow, long branchHigh, int toTagSpan, boolean hasSdp, boolean malformed, String malformedReason,
               CaptureFile file, long fileOffset, byte[] wire, int wireOffset, int size, Object detail,
               RecentDetails recent, boolean plain) {
        this.timestampMicros = timestampMicros;
        this.fileOffset = (int) fileOffset;
        this.frame = (int) frame;
        this.toTagSpan = toTagSpan;
        this.length = (char) size;
        this.checksum = file != null ? MessageDetail.foldedChecksum(wire, wireOffset, size) : 0;
        int known = method == null ? 0 : Methods.code(method);
        // a known method beyond the low four bits' codes would be kept as an unknown one is, in Rare
        int code = known + 1 >= METHOD_IN_RARE ? -1 : known;
        boolean statusFits = status >= 0 && status <= Short.MAX_VALUE;
        this.status = statusFits ? (short) status : STATUS_IN_RARE;
        boolean isServer = kept.userAgent == null && kept.server != null;
        long offsetBase = fileOffset & ~0xFFFF_FFFFL;
        byte[] held = file != null || wire == null || wireOffset == 0 && size == wire.length ? wire
                : Arrays.copyOfRange(wire, wireOffset, wireOffset + size);
        Object where = file != null
                ? (recent != null ? recent.originOf(file, offsetBase) : new FileOrigin(file, null, offsetBase))
                : held != null && recent != null ? new WireOrigin(held, recent) : held;
        boolean isPlain = plain && where != null;
        this.methodCode = (byte) ((method == null ? 0 : code < 0 ? METHOD_IN_RARE : code + 1)
                | (isPlain ? kept.absentAsked : 0));
        this.flags = (byte) (transport.ordinal() | (hasSdp ? HAS_SDP : 0) | (malformed ? MALFORMED : 0)
                | (isPlain ? PLAIN : 0) | (isServer ? AGENT_IS_SERVER : 0)
                | (isPlain && kept.viaWithoutReceived ? VIA_WITHOUT_RECEIVED : 0));
        this.src = src;
        this.dst = dst;
        this.text = method != null ? requestUri : reason;
        this.callIdValue = kept.callId;
        this.cseqValue = kept.cseq;
        this.from = kept.from;
        this.to = kept.to;
        this.agent = isServer ? kept.server : kept.userAgent;
        this.rare = rare(code < 0 ? method : null, method != null ? reason : requestUri,
                isServer ? null : kept.server, malformedReason, kept.extras(), frame, statusFits ? 0 : status,
                file != null && size > Character.MAX_VALUE ? size : -1);
        boolean packed = branch == null || branch.length <= HeaderParameters.PACKED_BRANCH;
        this.branch = packed ? null : branch;
        this.branchLow = branch == null ? branchLow : packed ? HeaderParameters.packedLow(branch) : 0;
        this.branchHigh = branch == null ? branchHigh : packed ? HeaderParameters.packedHigh(branch) : 0;
        this.origin = where;
        this.detail = detail;
    }

    /** What {@link #rare} holds for these values: null, the extras alone, or a {@link Rare}. */
    private static Object rare(String method, String otherText, String server, String malformedReason,
                               String[] extras, long frame, int status, int length) {
        boolean frameFits = frame >= 0 && frame <= 0xFFFF_FFFFL;
        if (method == null && otherText == null && server == null && malformedReason == null && frameFits
                && status == 0 && length < 0) {
            return extras;
        }
        return new Rare(method, otherText, server, malformedReason, extras, frameFits ? -1 : frame, status, length);
    }

    /** A copy of {@code m} with another verdict of the full parser. */
    private SipMessage(SipMessage m, boolean malformed, String malformedReason) {
        this(m, (byte) ((m.flags & ~MALFORMED) | (malformed ? MALFORMED : 0)), withReason(m, malformedReason),
                m.origin, m.checksum);
    }

    /** What {@link #rare} holds for {@code m}'s values with {@code malformedReason}. */
    private static Object withReason(SipMessage m, String malformedReason) {
        Rare r = m.rare instanceof Rare held ? held : null;
        return r == null ? rare(null, null, null, malformedReason, (String[]) m.rare, m.frame(), 0, -1)
                : rare(r.method, r.otherText, r.server, malformedReason, r.extras, m.frame(), r.status, r.length);
    }

    /** The same message with another verdict of the full parser. */
    SipMessage withVerdict(boolean isMalformed, String why) {
        return new SipMessage(this, isMalformed, why);
    }

    /**
     * This message, made from a payload held in memory, kept instead as the runs {@code ranges} (offset, length, ...)
     * of {@code file} that its bytes {@code wire[offset, offset+size)} are made of (a datagram reassembled from IP
     * fragments): read back from there when asked, and checked as a run's bytes are.
     */
    SipMessage keptAsRanges(CaptureFile file, long[] ranges, byte[] wire, int offset, int size) {
        RecentDetails recent = recent();
        return new SipMessage(this, flags, rare, new GatheredOrigin(file, ranges, recent),
                MessageDetail.foldedChecksum(wire, offset, size));
    }

    /** A copy of {@code m} with these flags and rare values, its bytes where {@code origin} says. */
    private SipMessage(SipMessage m, byte flags, Object rare, Object origin, char checksum) {
        this.timestampMicros = m.timestampMicros;
        this.fileOffset = m.fileOffset;
        this.frame = m.frame;
        this.toTagSpan = m.toTagSpan;
        this.length = m.length;
        this.checksum = checksum;
        this.status = m.status;
        this.methodCode = m.methodCode;
        this.flags = flags;
        this.src = m.src;
        this.dst = m.dst;
        this.text = m.text;
        this.callIdValue = m.callIdValue;
        this.cseqValue = m.cseqValue;
        this.from = m.from;
        this.to = m.to;
        this.agent = m.agent;
        this.rare = rare;
        this.branch = m.branch;
        this.branchLow = m.branchLow;
        this.branchHigh = m.branchHigh;
        this.origin = origin;
        this.detail = m.detail;
    }

    private String fixed(int slot) {
        return switch (slot) {
            case 0 -> callIdValue;
            case 1 -> cseqValue;
            case 2 -> from;
            case 3 -> to;
            case 4 -> userAgent();
            default -> server();
        };
    }

    private String userAgent() {
        return (flags & AGENT_IS_SERVER) != 0 ? null : agent;
    }

    private String server() {
        if ((flags & AGENT_IS_SERVER) != 0) {
            return agent;
        }
        return rare instanceof Rare r ? r.server : null;
    }

    /** The other kept headers' name/value pairs, or null. */
    private String[] extras() {
        Object r = rare;
        return r instanceof Rare held ? held.extras : (String[]) r;
    }

    /** The request URI of a response or the reason phrase of a request: null but in a message built so. */
    private String otherText() {
        return rare instanceof Rare r ? r.otherText : null;
    }

    boolean plain() {
        return (flags & PLAIN) != 0;
    }

    public long frame() {
        // the usual message has nothing rare: a method small enough for the quick JIT to inline (flows, output and
        // diagnosis ask it of every message, many times)
        return rare == null ? Integer.toUnsignedLong(frame) : rareFrame();
    }

    private long rareFrame() {
        return rare instanceof Rare r && r.frame >= 0 ? r.frame : Integer.toUnsignedLong(frame);
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
        return TRANSPORTS[flags & TRANSPORT_BITS];
    }

    /** Request method, or null for a response. */
    public String method() {
        // small enough for the quick JIT to inline, as frame()
        int code = methodCode & METHOD_BITS;
        return code == 0 ? null : code != METHOD_IN_RARE ? Methods.known(code - 1) : rareMethod();
    }

    private String rareMethod() {
        return ((Rare) rare).method;
    }

    /** Request URI as sent, or null for a response. */
    public String requestUri() {
        return isRequest() ? text : otherText();
    }

    /** Response status code, or 0 for a request. */
    public int status() {
        return status == STATUS_IN_RARE ? ((Rare) rare).status : status;
    }

    /** Response reason phrase exactly as sent (may be empty), or null for a request. */
    public String reason() {
        return isRequest() ? otherText() : text;
    }

    /** True when the full parser rejected the message or part of it. */
    public boolean malformed() {
        return (flags & MALFORMED) != 0;
    }

    /** Why the message is malformed, or null. */
    public String malformedReason() {
        return rare instanceof Rare r ? r.malformedReason : null;
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
        if (!hasSdp()) {
            return null;
        }
        MessageDetail held = heldDetail();
        if (held != null || !plain()) {
            return held != null ? held.sdp() : detail().sdp();
        }
        if (readBack != null) {
            PlainReadBack.HeaderLines lines = readBack.lines();
            return lines == null ? null : PlainReadBack.sdp(lines, readBack.sdps());
        }
        byte[] wire = wireOrNull();
        return wire == null ? null : PlainReadBack.sdp(wire);
    }

    /** True when the body holds SDP; cheaper than {@link #sdp()}, which parses it. */
    public boolean hasSdp() {
        return (flags & HAS_SDP) != 0;
    }

    /** The whole message text as sent (ISO-8859-1 decoding of the bytes when not UTF-8). */
    public String raw() {
        return detail().raw();
    }

    /** The kept correlation headers (X-CID and the like), in message order; not to be modified. */
    public List<SipHeader> correlationHeaders() {
        String[] extras = extras();
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
        return HeaderParameters.branchText(keptBranch());
    }

    /** True when the top Via carries a branch parameter with a value (no string made). */
    public boolean hasBranch() {
        return branch != null || branchHigh >>> 56 != 0;
    }

    /** True when both messages have the same top Via branch; as comparing {@link #topViaBranch}, without strings. */
    public boolean sameBranch(SipMessage other) {
        if (branch == null) {
            return other.branch == null && branchLow == other.branchLow && branchHigh == other.branchHigh;
        }
        return branch == other.branch || other.branch != null && Arrays.equals(branch, other.branch);
    }

    /**
     * The branch bytes as kept ({@link HeaderParameters#branchBytes}): a long branch's array, shared with the other
     * messages of the transaction and never to be written to, or a short one's bytes made now.
     */
    byte[] keptBranch() {
        return branch != null ? branch : HeaderParameters.unpacked(branchLow, branchHigh);
    }

    /** A hash of the top Via branch, equal for equal branches. */
    public int branchHash() {
        return branch != null ? Arrays.hashCode(branch) : HeaderParameters.packedHash(branchLow, branchHigh);
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
        // most tags differ from the prefix at their first character, looked at before the call into startsWith (the
        // hop roles ask this of every response)
        return (toTagSpan & 0xFFFF) - start >= prefix.length()
                && (prefix.isEmpty() || to.charAt(start) == prefix.charAt(0)) && to.startsWith(prefix, start);
    }

    /**
     * True when the message keeps headers beyond the first Call-ID, CSeq, From, To, User-Agent and Server (RSeq,
     * correlation headers, repeats); when false, {@link #header} gives null for every other kept name.
     */
    public boolean hasOtherKeptHeaders() {
        return extras() != null;
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
        return wire(null);
    }

    /** {@link #wireBytes()}, from the stretches of the file {@code ahead} keeps; null when they cannot be read. */
    byte[] wireOrNull(ReadAhead ahead) {
        try {
            return wire(ahead);
        } catch (IOException e) {
            return null;
        }
    }

    /** The message bytes, read through {@code ahead} when it is given and they are in a capture file. */
    private byte[] wire(ReadAhead ahead) throws IOException {
        Object o = origin;
        if (o instanceof FileOrigin f) {
            return MessageDetail.read(f.file(), filePosition(f), fileLength(), checksum, ahead);
        }
        if (o instanceof GatheredOrigin g) {
            return MessageDetail.read(g, checksum, ahead);
        }
        return MessageDetail.read(o instanceof WireOrigin w ? w.wire() : o, -1, 0, 0);
    }

    /** Where the message starts in the capture file of {@code f}, its origin. */
    private long filePosition(FileOrigin f) {
        return f.offsetBase() | Integer.toUnsignedLong(fileOffset);
    }

    /** How many bytes the message takes in its capture file. */
    private int fileLength() {
        return rare instanceof Rare r && r.length >= 0 ? r.length : length;
    }

    /**
     * Reads the bytes, when they are in a capture file, through {@code ahead} into {@code into}: where they start
     * in its {@link ReadBackBuffer#bytes()} (taken there), or -1 when they are not read so (the caller reads them as
     * {@link #wireOrNull(ReadAhead)} does).
     */
    int wireInto(ReadAhead ahead, ReadBackBuffer into) {
        if (ahead != null && origin instanceof FileOrigin f) {
            return MessageDetail.readInto(f.file(), filePosition(f), fileLength(), checksum, ahead, into);
        }
        return -1;
    }

    /** The ring of recent details of this message's read, or null. */
    private RecentDetails recent() {
        Object o = origin;
        if (o instanceof FileOrigin f) {
            return f.recent();
        }
        return o instanceof WireOrigin w ? w.recent() : o instanceof GatheredOrigin g ? g.recent() : null;
    }

    public boolean isRequest() {
        return (methodCode & METHOD_BITS) != 0;
    }

    /**
     * True when the first Via is known to have no {@code received} parameter without reading the message back: the
     * scan found no "received" in its line. False says nothing.
     */
    public boolean viaWithoutReceived() {
        return (flags & VIA_WITHOUT_RECEIVED) != 0;
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
        return new MessageReadBack(this, null, null);
    }

    /** {@link #readBack()}, its bytes read through {@code ahead} (a reader asking for most messages in file order). */
    public MessageReadBack readBack(ReadAhead ahead) {
        return new MessageReadBack(this, ahead, null);
    }

    /**
     * {@link #readBack(ReadAhead)}, its SDP body not parsed again when {@code sdps} has seen the same one (the
     * messages of a call repeat their SDP).
     */
    public MessageReadBack readBack(ReadAhead ahead, SdpMemo sdps) {
        return new MessageReadBack(this, ahead, sdps);
    }

    /**
     * {@link #readBack(ReadAhead, SdpMemo)}, its bytes and header lines put in {@code buffer} (when given: null is
     * {@link #readBack(ReadAhead, SdpMemo)}) for the work of its {@code epoch} ({@link ReadBackBuffer}).
     */
    public MessageReadBack readBack(ReadAhead ahead, SdpMemo sdps, ReadBackBuffer buffer, int epoch) {
        return new MessageReadBack(this, ahead, sdps, buffer, epoch);
    }

    /** {@link #header(String)}, from {@code readBack}'s bytes when it is given and they are needed. */
    String header(String name, MessageReadBack readBack) {
        // the flow engine asks by the canonical constants, many times per message, and a diagnosis asks a few unkept
        // names of nearly every message: both found by reference (an unkept one is ASCII), without case folding
        int known = KeptHeaders.byReference(name);
        if (known >= 0 && known < KeptHeaders.KEPT_NAMES.length) {
            return known < KeptHeaders.FIXED.size() ? fixed(known) : extra(name);
        }
        int asked = known < 0 ? -1 : known - KeptHeaders.KEPT_NAMES.length;
        boolean unkept = asked >= 0;
        if (!unkept && KeptHeaders.isKept(name)) {
            int slot = KeptHeaders.fixedSlot(name);
            return slot >= 0 ? fixed(slot) : extra(name);
        }
        if (unkept && knownAbsent(asked)) {
            // FastScan saw no line of it (a diagnosis asks Contact, Reason... of messages that mostly have none)
            return null;
        }
        MessageDetail held = heldDetail();
        if (held != null || !plain() || !unkept && !PlainReadBack.asciiName(name)) {
            return MessageScanner.first(held != null ? held.headers() : headers(), name);
        }
        // one header of a message not scanned since it was read (a diagnosis asks a few of almost every message)
        if (readBack != null) {
            PlainReadBack.HeaderLines lines = readBack.lines();
            return lines == null ? null : unkept ? PlainReadBack.known(lines, asked) : PlainReadBack.first(lines, name);
        }
        byte[] wire = wireOrNull();
        return wire == null ? null : PlainReadBack.first(wire, name);
    }

    /**
     * True when {@link FastScan} read this message and saw no line of {@link KeptHeaders#ASKED_UNKEPT}{@code [asked]}
     * (noted for Contact, Reason, Session-Expires and Proxy-Authorization only); false says nothing.
     */
    boolean knownAbsent(int asked) {
        return (methodCode & KeptHeaders.ABSENT_BIT[asked]) != 0;
    }

    /** The first value of a kept header without a field of its own, or null. */
    private String extra(String name) {
        String[] extras = extras();
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
            String[] extras = extras();
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
        // FastScan's values are trimmed already (of ASCII bytes up to a space, as String.trim): grouping asks this of
        // every message, and trim() would read the value's bytes (a memory miss for a Call-ID pooled long ago)
        return callIdValue == null || plain() ? callIdValue : callIdValue.trim();
    }

    /** The CSeq value normalised to "number METHOD", or null. */
    public String cseq() {
        return normalisedCseq();
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
        return HeaderParameters.cseqNumber(normalisedCseq());
    }

    /** The CSeq method (upper case), or null. */
    public String cseqMethod() {
        return HeaderParameters.cseqMethod(normalisedCseq());
    }

    /**
     * The CSeq value with single spaces: as it is when {@link FastScan} read the message, which took only a number,
     * one space and the method (a diagnosis asks each message's CSeq many times).
     */
    private String normalisedCseq() {
        return plain() ? cseqValue : HeaderParameters.normalisedCseq(cseqValue);
    }

    /** "INVITE" for a request, "503 Try again later" for a response. */
    public String label() {
        if (isRequest()) {
            return method();
        }
        String reason = reason();
        return reason == null || reason.isEmpty() ? Integer.toString(status()) : status() + " " + reason;
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
        RecentDetails recent = recent();
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

    /** True when {@code nameAddr} has a tag parameter starting with {@code prefix}; no string made for the tag. */
    public static boolean tagStartsWith(String nameAddr, String prefix) {
        return HeaderParameters.tagStartsWith(nameAddr, prefix);
    }

    /** Scanned parts, for a message whose scan already produced them: held weakly like a read-back. */
    static Object weakDetail(List<SipHeader> headers, byte[] body, Sdp sdp, String raw) {
        return new WeakReference<>(new MessageDetail(headers, body, sdp, raw));
    }

    @Override
    public String toString() {
        return "SipMessage[frame " + frame() + ", " + src + " > " + dst + ", " + label() + ", Call-ID " + callId() + "]";
    }
}
