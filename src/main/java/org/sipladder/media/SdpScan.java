package org.sipladder.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.HeaderMarks;
import org.sipladder.capture.IpAddresses;
import org.sipladder.capture.SipPayload;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SharedStrings;
import org.sipladder.sip.StringPool;
import org.sipladder.sip.TrimBounds;
import org.sipladder.sip.WordScan;

/**
 * Reads the RTP sections of the SDP in a SIP message straight from its bytes, while the capture is being read.
 * A message without a body (most of them) costs four byte comparisons: the body is found from the end. The SDP is
 * read line by line in the packet's bytes, as {@link Sdp#parse} reads text (the same lines, values and tokens;
 * {@code SdpScanTest} holds the two to the same answers), without making the body or its lines into strings, and
 * the header fields are read only when the SDP announces RTP.
 *
 * <p>One scan belongs to one capture read (one {@link MediaCollector}): the strings and payload-type lists that
 * repeat from call to call (addresses, methods, media types, the same codecs) are kept once, up to
 * {@link #SHARED} of each, so that 100,000 offers of "0 8 101" hold one list.
 */
final class SdpScan {

    /** How many distinct strings, and payload-type lists, one read shares. */
    static final int SHARED = 4096;
    /** Slots of the cache of recent texts by their bytes; a power of two. */
    private static final int TEXT_SLOTS = 1 << 10;
    /** Slots of the cache of what recent c= addresses are ({@link #formatted}); a power of two. */
    private static final int ADDRESS_SLOTS = 1 << 8;
    /** {@link #formatted}'s answer for a host name or anything else that is not a literal IP address. */
    private static final String NOT_LITERAL = new String("not a literal address");

    private static final byte[] RTPMAP = bytes("rtpmap:");
    private static final byte[] SIP_VERSION = bytes("SIP/2.0 ");
    private static final byte[] CALL_ID = bytes("call-id");
    private static final byte[] CALL_ID_COMPACT = bytes("i");
    private static final byte[] CSEQ = bytes("cseq");
    /** {@link SdpAnnouncement#DIRECTIONS} as bytes, in the same order. */
    private static final byte[][] DIRECTIONS = new byte[SdpAnnouncement.DIRECTIONS.length][];

    /** Each of {@link #DIRECTIONS} of eight bytes as {@link WordScan#word} reads it, else 0 (compared byte by byte). */
    private static final long[] DIRECTION_WORDS = new long[DIRECTIONS.length];
    /** "rtpmap:" as the low seven bytes of {@link WordScan#word}. */
    private static final long RTPMAP_WORD;
    private static final long SEVEN_BYTES = 0x00FF_FFFF_FFFF_FFFFL;
    /** "SIP/2.0 " as {@link WordScan#word} reads it. */
    private static final long SIP_VERSION_WORD = WordScan.word(SIP_VERSION, 0);

    static {
        for (int i = 0; i < DIRECTIONS.length; i++) {
            DIRECTIONS[i] = bytes(SdpAnnouncement.DIRECTIONS[i]);
            DIRECTION_WORDS[i] = DIRECTIONS[i].length == 8 ? WordScan.word(DIRECTIONS[i], 0) : 0;
        }
        RTPMAP_WORD = WordScan.word(java.util.Arrays.copyOf(RTPMAP, 8), 0) & SEVEN_BYTES;
    }

    private final Map<String, String> strings = new HashMap<>();
    private final Map<List<PayloadType>, List<PayloadType>> typeLists = new HashMap<>();
    private final Map<String, PayloadType> names = new HashMap<>();
    private final Map<TypesKey, List<PayloadType>> typesByBytes = new HashMap<>();
    /**
     * Endpoints announced lately, by the address as written and the port: a call's offer, answer, re-offer and
     * its other legs announce the same few, so that 200,000 SDP sections need not hold 200,000 endpoints.
     * Direct-mapped like the SIP scan's string pool: a collision loses one sharing. The port of a slot is beside
     * its address, so that a miss (most ports are new) reads neither the endpoint nor the address text.
     */
    private final String[] endpointAddresses = new String[SHARED];
    private final int[] endpointPorts = new int[SHARED];
    /**
     * What the addresses written lately are, by identity (a capture's few c= addresses are the same shared strings
     * from SDP to SDP): the address as the capture formats it, or {@link #NOT_LITERAL}. Direct-mapped.
     */
    private final String[] writtenAddresses = new String[ADDRESS_SLOTS];
    private final String[] formattedAddresses = new String[ADDRESS_SLOTS];
    /** The types key of the section {@link #payloadTypes} read last ({@code [0, lastKeyLength)}) and its types. */
    private byte[] lastKey = new byte[256];
    private int lastKeyLength = -1;
    private List<PayloadType> lastTypes;
    /** The protocol {@link #carriesRtp} was last asked about, and its answer. */
    private String lastProtocol;
    private boolean lastProtocolRtp;
    /** The rtpmap value spans of the message being scanned, in pairs, for its sections ({@link Section#rtpmapFirst}). */
    private int[] spans = new int[16];
    private int spansUsed;
    /** The types key of the section being looked up, before it is kept ({@link #payloadTypes}). */
    private byte[] keyBytes = new byte[256];
    /** The bytes and strings of texts met lately, direct-mapped by the bytes' hash ({@link #shared(byte[], int, int)}). */
    private final byte[][] textBytes = new byte[TEXT_SLOTS][];
    private final String[] texts = new String[TEXT_SLOTS];
    private final Endpoint[] endpoints = new Endpoint[SHARED];
    /**
     * The Call-IDs of the legs active lately: a leg's offer, answer and re-offers hold one string (they were one
     * string per SDP message, 19 MB of the 50,000-call benchmark's index), and a collision loses one sharing.
     */
    private final StringPool callIds;
    /** {@code shared}: the read's strings, so that the Call-ID the SIP parsers made for a leg serves its SDP too. */
    SdpScan(SharedStrings shared) {
        this.callIds = new StringPool(shared);
        // the usual methods and media types as the very strings SdpAnnouncement packs them by
        for (String[] words : new String[][] {SdpAnnouncement.METHODS, SdpAnnouncement.MEDIA_TYPES}) {
            for (String w : words) {
                if (w != null) {
                    strings.put(w, w);
                }
            }
        }
    }

    /** A scan whose Call-IDs are shared only between its own sections. */
    SdpScan() {
        this(new SharedStrings());
    }

    /** One {@code m=} section while it is read; reused from message to message ({@link #sections}). */
    private static final class Section {
        String type;
        int port;
        String protocol;
        /** Where the protocol word starts and the {@code m=} value ends: protocol and formats, in the packet. */
        int formatsFrom;
        int formatsTo;
        /**
         * Where this section's {@code a=rtpmap:} values are in {@link #spans}: start and end of each value after the
         * colon, in the packet, in order, from {@code rtpmapFirst} on.
         */
        int rtpmapFirst;
        int rtpmapCount;
        String connection;
        String direction;

        Section set(String type, int port, String protocol, int formatsFrom, int formatsTo) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.formatsFrom = formatsFrom;
            this.formatsTo = formatsTo;
            rtpmapFirst = 0;
            rtpmapCount = 0;
            connection = null;
            direction = null;
            return this;
        }
    }

    /**
     * The sections of the message being scanned, {@code [0, sectionCount)}, and spare ones: one scan reads one message
     * at a time, so that 240,000 SDP messages make no section objects, list or header record each.
     */
    private Section[] sections = {new Section(), new Section()};
    private int sectionCount;
    /** The announcements of the message scanned last, handed out by {@link #scan} until the next scan. */
    private final ArrayList<SdpAnnouncement> found = new ArrayList<>(2);
    /** The header fields {@link #headers} read: request method or a response's CSeq method, status, Call-ID, CSeq. */
    private String headerMethod;
    private int headerStatus;
    private String headerCallId;
    private long headerCseq;

    /**
     * The bytes that decide a section's payload types (protocol, formats, rtpmap values), each after its length:
     * {@code bytes[0, length)}.
     */
    private record TypesKey(byte[] bytes, int length, int hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TypesKey k && k.hash == hash && k.length == length
                    && java.util.Arrays.equals(k.bytes, 0, k.length, bytes, 0, length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * The RTP media sections the message's SDP announces; empty when it carries no SDP. The list is this scan's and
     * holds them until the next call: a caller keeps the announcements, not the list.
     */
    List<SdpAnnouncement> scan(SipPayload p) {
        byte[] a = p.array();
        int start = p.offset();
        int n = start + p.length();
        if (!mayHoldSdp(a, start, p.length())) {
            return List.of();
        }
        // the usual message: a body that starts with v=0 and holds no other; the framing noted where it starts and
        // the lines that may name the dialog, else the header walk finds them
        long marks = p.headerMarks();
        int body = marks != HeaderMarks.NONE ? markedHeaders(a, start, n, marks) : headers(a, start, n);
        if (body >= 0 && body + 2 < n && a[body] == 'v' && a[body + 1] == '=' && a[body + 2] == '0') {
            List<SdpAnnouncement> found = announcements(p, a, body, n, true);
            if (found != null) {
                return found;
            }
        }
        int v = sdpStart(a, start, n);
        if (v < 0) {
            return List.of();
        }
        headers(a, start, v);
        return announcements(p, a, v, n, false);
    }

    /**
     * False when the message {@code a[offset, offset+length)} has no body, so that {@link #scan} finds nothing in it
     * without reading it (four byte comparisons: most SIP messages).
     */
    static boolean mayHoldSdp(byte[] a, int offset, int length) {
        return length >= 16 && !endsWithBlankLine(a, offset + length);
    }

    private static boolean endsWithBlankLine(byte[] a, int n) {
        return a[n - 1] == '\n' && (a[n - 2] == '\n' || a[n - 2] == '\r' && a[n - 3] == '\n');
    }

    /**
     * Where the last {@code v=0} line of the message {@code a[start, n)} starts, searching back from the end; -1 when
     * none.
     */
    private static int sdpStart(byte[] a, int start, int n) {
        for (int i = WordScan.lastIndexOf(a, start + 1, n - 2, (byte) 'v'); i > start;
                i = WordScan.lastIndexOf(a, start + 1, i, (byte) 'v')) {
            if (a[i + 1] == '=' && a[i + 2] == '0' && a[i - 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The announcements of the SDP from its {@code v=0} line at {@code from} (the last in the message) to the next part of
     * a multipart body or the end; the header fields are read ({@link #headers}). With {@code firstLine}, {@code from}
     * starts the body, and when another {@code v=0} line or a next part follows, null: the last {@code v=0} line is
     * then to be found from the end ({@link #sdpStart}).
     */
    private List<SdpAnnouncement> announcements(SipPayload p, byte[] a, int from, int end, boolean firstLine) {
        String sessionConnection = null;
        String sessionDirection = null;
        sectionCount = 0;
        spansUsed = 0;
        Section current = null;
        int line = from;
        while (line < end) {
            if (a[line] == '-' && line + 1 < end && a[line + 1] == '-') {
                if (firstLine) {
                    return null; // a later part may hold the last v=0
                }
                break; // the next part of a multipart body
            }
            if (firstLine && line > from && a[line] == 'v' && line + 2 < end && a[line + 1] == '=' && a[line + 2] == '0') {
                return null; // not the last v=0
            }
            int eol = WordScan.lineFeed(a, line, end);
            if (eol - line >= 2 && a[line + 1] == '=') {
                int vs = TrimBounds.start(a, line + 2, eol);
                int ve = TrimBounds.end(a, vs, eol);
                switch (a[line]) {
                    case 'c' -> {
                        String address = connectionAddress(a, vs, ve);
                        if (current == null) {
                            sessionConnection = address;
                        } else {
                            current.connection = address;
                        }
                    }
                    case 'm' -> {
                        current = section(a, vs, ve);
                    }
                    case 'a' -> {
                        String direction = direction(a, vs, ve);
                        if (direction != null) {
                            if (current == null) {
                                sessionDirection = direction;
                            } else {
                                current.direction = direction;
                            }
                        } else if (current != null && isRtpmap(a, vs, ve)) {
                            rtpmap(current, vs + RTPMAP.length, ve);
                        }
                    }
                    default -> {
                        // v=, o=, s=, t= and the rest do not affect the analysis
                    }
                }
            }
            line = eol + 1;
        }
        found.clear();
        for (int i = 0; i < sectionCount; i++) {
            Section m = sections[i];
            String address = m.connection != null ? m.connection : sessionConnection;
            if (address == null || !carriesRtp(m.protocol) || m.port < 0 || m.port > 65535) {
                continue;
            }
            String direction = m.direction != null ? m.direction : sessionDirection != null ? sessionDirection
                    : "sendrecv";
            found.add(new SdpAnnouncement(p.frame(), p.timestampMicros(), headerCallId, headerCseq, headerMethod,
                    headerStatus, p.src(), p.dst(), m.type, endpoint(address, m.port), address, m.port,
                    payloadTypes(m, a), direction));
        }
        return found.isEmpty() ? List.of() : found;
    }

    /** Whether an m= protocol ("RTP/AVP", "udp/tls/rtp/savpf") names RTP in any case; the last answer kept. */
    private boolean carriesRtp(String protocol) {
        if (protocol != lastProtocol) {
            lastProtocolRtp = protocol.toUpperCase(Locale.ROOT).contains("RTP");
            lastProtocol = protocol;
        }
        return lastProtocolRtp;
    }

    /** "IN IP4 10.0.0.1/127" gives "10.0.0.1": the last blank-separated word, up to a slash after its start. */
    private String connectionAddress(byte[] a, int from, int to) {
        int start = to;
        while (start > from && !isBlank(a[start - 1])) {
            start--;
        }
        int slash = start;
        while (slash < to && a[slash] != '/') {
            slash++;
        }
        return shared(a, start, slash > start ? slash : to);
    }

    /**
     * An {@code m=} line's value: type, port (-1 when unreadable), protocol and formats, as the message's next section;
     * null below three words.
     */
    private Section section(byte[] a, int from, int to) {
        int typeEnd = wordEnd(a, from, to);
        int portStart = blanksEnd(a, typeEnd, to);
        int portEnd = wordEnd(a, portStart, to);
        int protocolStart = blanksEnd(a, portEnd, to);
        if (portStart == to || protocolStart == to) {
            return null; // fewer than three words
        }
        if (sectionCount == sections.length) {
            sections = java.util.Arrays.copyOf(sections, sectionCount * 2);
            for (int i = sectionCount; i < sections.length; i++) {
                sections[i] = new Section();
            }
        }
        return sections[sectionCount++].set(shared(a, from, typeEnd), port(a, portStart, portEnd),
                shared(a, protocolStart, wordEnd(a, protocolStart, to)), protocolStart, to);
    }

    private static int blanksEnd(byte[] a, int from, int to) {
        int i = from;
        while (i < to && isBlank(a[i])) {
            i++;
        }
        return i;
    }

    /** An {@code m=} line's port word ("49170", "49170/2") as {@link Sdp#mediaPort} reads it. */
    private static int port(byte[] a, int from, int to) {
        int i = from;
        int n = 0;
        while (i < to && i - from < 9 && a[i] >= '0' && a[i] <= '9') {
            n = n * 10 + (a[i++] - '0');
        }
        if (i > from && (i == to || a[i] == '/')) {
            return n; // digits up to the end or a slash: what parseInt reads of the text before the slash
        }
        return Sdp.mediaPort(text(a, from, to));
    }

    /** Adds an rtpmap value to the section read last (its values follow each other in {@link #spans}). */
    private void rtpmap(Section section, int from, int to) {
        if (section.rtpmapCount == 0) {
            section.rtpmapFirst = spansUsed;
        }
        if (spansUsed + 2 > spans.length) {
            spans = java.util.Arrays.copyOf(spans, spans.length * 2);
        }
        spans[spansUsed++] = from;
        spans[spansUsed++] = to;
        section.rtpmapCount++;
    }

    /**
     * The section's formats as payload types, each with its rtpmap or static name; a list shared when it repeats.
     * Sections with the same protocol, formats and rtpmap values (most offers of a capture) are read once.
     */
    private List<PayloadType> payloadTypes(Section m, byte[] a) {
        int size = 4 + m.formatsTo - m.formatsFrom;
        int first = m.rtpmapFirst;
        for (int r = 0; r < m.rtpmapCount; r++) {
            size += 4 + spans[first + 2 * r + 1] - spans[first + 2 * r];
        }
        if (size == lastKeyLength && sameAsLastKey(m, a)) {
            return lastTypes; // the same codecs as the section before: most of a capture's offers and answers
        }
        if (keyBytes.length < size) {
            keyBytes = new byte[Math.max(size, keyBytes.length * 2)];
        }
        byte[] key = keyBytes;
        int at = piece(a, m.formatsFrom, m.formatsTo, key, 0);
        for (int r = 0; r < m.rtpmapCount; r++) {
            at = piece(a, spans[first + 2 * r], spans[first + 2 * r + 1], key, at);
        }
        int hash = 1;
        for (int i = 0; i < size; i++) {
            hash = 31 * hash + key[i];
        }
        List<PayloadType> known = typesByBytes.get(new TypesKey(key, size, hash));
        if (known == null) {
            known = readPayloadTypes(m, a);
            if (typesByBytes.size() < SHARED) {
                typesByBytes.put(new TypesKey(java.util.Arrays.copyOf(key, size), size, hash), known);
            }
        }
        if (lastKey.length < size) {
            lastKey = new byte[keyBytes.length];
        }
        System.arraycopy(key, 0, lastKey, 0, size);
        lastKeyLength = size;
        lastTypes = known;
        return known;
    }

    /** Whether the section's key, as {@link #payloadTypes} would write it, is {@link #lastKey}'s (of the same size). */
    private boolean sameAsLastKey(Section m, byte[] a) {
        int at = samePiece(a, m.formatsFrom, m.formatsTo, 0);
        for (int r = 0; r < m.rtpmapCount && at >= 0; r++) {
            at = samePiece(a, spans[m.rtpmapFirst + 2 * r], spans[m.rtpmapFirst + 2 * r + 1], at);
        }
        return at >= 0;
    }

    /** Whether {@link #lastKey} holds the piece {@code a[from, to)} at {@code at}: the next place, or -1. */
    private int samePiece(byte[] a, int from, int to, int at) {
        int n = to - from;
        byte[] key = lastKey;
        if (key[at] != (byte) (n >>> 24) || key[at + 1] != (byte) (n >>> 16) || key[at + 2] != (byte) (n >>> 8)
                || key[at + 3] != (byte) n || !WordScan.same(a, from, to, key, at + 4, at + 4 + n)) {
            return -1;
        }
        return at + 4 + n;
    }

    /** Copies {@code a[from, to)} into {@code key} at {@code at} after its length (four bytes); the next place. */
    private static int piece(byte[] a, int from, int to, byte[] key, int at) {
        int n = to - from;
        key[at] = (byte) (n >>> 24);
        key[at + 1] = (byte) (n >>> 16);
        key[at + 2] = (byte) (n >>> 8);
        key[at + 3] = (byte) n;
        System.arraycopy(a, from, key, at + 4, n);
        return at + 4 + n;
    }

    private List<PayloadType> readPayloadTypes(Section m, byte[] a) {
        List<String> formats = words(a, m.formatsFrom, m.formatsTo);
        Map<String, String> rtpmap = new HashMap<>(8);
        for (int r = 0; r < m.rtpmapCount; r++) {
            int from = spans[m.rtpmapFirst + 2 * r];
            int to = spans[m.rtpmapFirst + 2 * r + 1];
            int space = from;
            while (space < to && a[space] != ' ') {
                space++;
            }
            if (space > from && space < to) {
                int ks = TrimBounds.start(a, from, space);
                int vs = TrimBounds.start(a, space + 1, to);
                rtpmap.put(text(a, ks, TrimBounds.end(a, ks, space)), text(a, vs, TrimBounds.end(a, vs, to)));
            }
        }
        List<PayloadType> types = new ArrayList<>(formats.size());
        for (String format : formats.subList(1, formats.size())) {
            String name = rtpmap.containsKey(format) ? rtpmap.get(format)
                    : m.protocol.contains("RTP") ? Sdp.staticType(format) : null;
            PayloadType t = payloadType(format, name, names);
            if (t != null) {
                types.add(t);
            }
        }
        List<PayloadType> known = typeLists.get(types);
        if (known != null) {
            return known;
        }
        List<PayloadType> list = List.copyOf(types);
        if (typeLists.size() < SHARED) {
            typeLists.put(list, list);
        }
        return list;
    }

    /**
     * Payload type {@code format} ("101") named {@code name} ("telephone-event/8000", or null); null when the format
     * is not a number 0-127. A name seen before is not split again.
     */
    private static PayloadType payloadType(String format, String name, Map<String, PayloadType> names) {
        int pt;
        try {
            pt = Integer.parseInt(format);
        } catch (NumberFormatException e) {
            return null;
        }
        if (pt < 0 || pt > 127) {
            return null;
        }
        if (name == null) {
            return new PayloadType(pt, null, 0);
        }
        PayloadType named = names.get(name);
        if (named == null) {
            named = named(pt, name);
            if (names.size() < SHARED) {
                names.put(name, named);
            }
        }
        return pt == named.number() ? named : new PayloadType(pt, named.encoding(), named.clockRate());
    }

    /** "PCMA/8000" (or "opus/48000/2", "x") as payload type {@code pt}: encoding before the first slash, rate after. */
    private static PayloadType named(int pt, String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return new PayloadType(pt, name.trim(), 0);
        }
        int next = name.indexOf('/', slash + 1);
        int rate;
        try {
            rate = Integer.parseInt(name.substring(slash + 1, next < 0 ? name.length() : next).trim());
        } catch (NumberFormatException e) {
            rate = 0;
        }
        return new PayloadType(pt, name.substring(0, slash).trim(), rate);
    }

    /** Whether the attribute value {@code a[from, to)} starts with "rtpmap:"; one word compared when it is that long. */
    private static boolean isRtpmap(byte[] a, int from, int to) {
        return to - from >= 8 ? (WordScan.word(a, from) & SEVEN_BYTES) == RTPMAP_WORD
                : WordScan.startsWith(a, from, to, RTPMAP);
    }

    private static String direction(byte[] a, int from, int to) {
        if (to - from != 8) {
            return null;
        }
        // one word compared with each direction's (all four are eight letters), not a call chain per direction
        long w = WordScan.word(a, from);
        for (int d = 0; d < DIRECTIONS.length; d++) {
            if (DIRECTION_WORDS[d] != 0 ? w == DIRECTION_WORDS[d] : WordScan.startsWith(a, from, to, DIRECTIONS[d])) {
                return SdpAnnouncement.DIRECTIONS[d];
            }
        }
        return null;
    }

    /**
     * Reads the header fields the binding needs (start line, Call-ID and CSeq) of the lines before {@code end} into
     * {@link #headerMethod} and on; where the body starts (after the blank line), or -1 when no blank line comes first.
     */
    private int headers(byte[] a, int start, int end) {
        beginHeaders();
        int line = start;
        int body = -1;
        boolean first = true;
        while (line < end) {
            int eol = WordScan.lineFeed(a, line, end);
            int stop = eol > line && a[eol - 1] == '\r' ? eol - 1 : eol;
            if (stop == line) {
                body = eol < end ? eol + 1 : -1;
                break; // the blank line before the body
            }
            if (first) {
                first = false;
                startLine(a, line, stop);
            } else if ((a[line] | 0x20) == 'c' || (a[line] | 0x20) == 'i') {
                // only Call-ID, its compact form i and CSeq are read: other lines are passed by their first letter
                headerLine(a, line, stop);
            }
            line = eol + 1;
        }
        endHeaders();
        return body;
    }

    /**
     * As {@link #headers} of the message {@code a[start, end)} whose framing noted {@code marks} ({@link HeaderMarks}):
     * only the start line and the noted lines are read, which are all those that {@link #headers} reads but the
     * start line (its other lines start with another letter or name no Call-ID or CSeq).
     */
    private int markedHeaders(byte[] a, int start, int end, long marks) {
        beginHeaders();
        startLine(a, start, lineEnd(a, start, end));
        for (int k = 0; k < HeaderMarks.LINES; k++) {
            int offset = HeaderMarks.line(marks, k);
            if (offset == 0) {
                break;
            }
            int line = start + offset;
            headerLine(a, line, lineEnd(a, line, end));
        }
        endHeaders();
        return start + HeaderMarks.bodyOffset(marks);
    }

    /** Where the line at {@code line} ends, before its line feed and a CR before that. */
    private static int lineEnd(byte[] a, int line, int end) {
        int eol = WordScan.lineFeed(a, line, end);
        return eol > line && a[eol - 1] == '\r' ? eol - 1 : eol;
    }

    // the header fields while they are read: headerMethod and on are set from them when the lines are done
    private String method;
    private int status;
    private String callId;
    private long cseq;
    private String cseqMethod;

    private void beginHeaders() {
        method = null;
        status = 0;
        callId = null;
        cseq = -1;
        cseqMethod = null;
    }

    /** Reads the start line {@code a[line, stop)}: a status or a request's method. */
    private void startLine(byte[] a, int line, int stop) {
        if (stop - line >= 11 && WordScan.word(a, line) == SIP_VERSION_WORD) {
            status = (a[line + 8] - '0') * 100 + (a[line + 9] - '0') * 10 + (a[line + 10] - '0');
        } else {
            int sp = line;
            while (sp < stop && a[sp] != ' ') {
                sp++;
            }
            method = shared(a, line, sp);
        }
    }

    /** Reads the header line {@code a[line, stop)} when it is a Call-ID (or i) or CSeq line. */
    private void headerLine(byte[] a, int line, int stop) {
        int value = headerValue(a, line, stop, CALL_ID, CALL_ID_COMPACT);
        if (value >= 0) {
            int vs = TrimBounds.start(a, value, stop);
            callId = callIds.share(a, vs, TrimBounds.end(a, vs, stop));
        } else if ((value = headerValue(a, line, stop, CSEQ, null)) >= 0) {
            // the first two blank-separated words, as words() splits them
            int vs = TrimBounds.start(a, value, stop);
            int ve = TrimBounds.end(a, vs, stop);
            int numberEnd = wordEnd(a, vs, ve);
            cseq = number(a, vs, numberEnd);
            int methodStart = numberEnd;
            while (methodStart < ve && isBlank(a[methodStart])) {
                methodStart++;
            }
            cseqMethod = numberEnd < ve ? shared(a, methodStart, wordEnd(a, methodStart, ve)) : null;
        }
    }

    private void endHeaders() {
        headerMethod = status == 0 ? method : cseqMethod;
        headerStatus = status;
        headerCallId = callId;
        headerCseq = cseq;
    }

    /** Where the blank-free run of bytes from {@code from} ends. */
    private static int wordEnd(byte[] a, int from, int to) {
        int i = from;
        while (i < to && !isBlank(a[i])) {
            i++;
        }
        return i;
    }

    /** {@code a[from, to)} as {@link Long#parseLong} reads it, or -1 when it cannot. */
    private static long number(byte[] a, int from, int to) {
        if (to - from >= 1 && to - from <= 18) {
            long n = 0;
            int i = from;
            while (i < to && a[i] >= '0' && a[i] <= '9') {
                n = n * 10 + (a[i++] - '0');
            }
            if (i == to) {
                return n; // up to 18 digits: no sign, no overflow
            }
        }
        try {
            return Long.parseLong(text(a, from, to));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Where the value of header {@code name} (or its compact form) starts on this line, or -1. */
    private static int headerValue(byte[] a, int from, int to, byte[] name, byte[] compact) {
        int at = matchName(a, from, to, name);
        if (at < 0 && compact != null) {
            at = matchName(a, from, to, compact);
        }
        return at;
    }

    private static int matchName(byte[] a, int from, int to, byte[] name) {
        int n = name.length;
        if (to - from <= n) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            int b = a[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != name[i]) {
                return -1;
            }
        }
        int i = from + n;
        while (i < to && (a[i] == ' ' || a[i] == '\t')) {
            i++;
        }
        return i < to && a[i] == ':' ? i + 1 : -1;
    }

    /** The endpoint of a literal IPv4 or IPv6 address, formatted as the capture formats addresses; null otherwise. */
    Endpoint endpoint(String address, int port) {
        int hash = address.hashCode();
        int h = hash * 31 + port;
        int slot = (h ^ h >>> 16) & (SHARED - 1);
        String known = endpointAddresses[slot];
        if (endpointPorts[slot] == port && known != null && (known == address || known.equals(address))) {
            return endpoints[slot];
        }
        String formatted = formatted(address, hash);
        if (formatted == NOT_LITERAL) {
            return null;
        }
        Endpoint made = new Endpoint(formatted, port);
        endpointAddresses[slot] = address;
        endpointPorts[slot] = port;
        endpoints[slot] = made;
        return made;
    }

    /** {@code address} ({@code hash} its hash code) as the capture formats it, or {@link #NOT_LITERAL}. */
    private String formatted(String address, int hash) {
        int slot = (hash ^ hash >>> 16) & (ADDRESS_SLOTS - 1);
        if (writtenAddresses[slot] == address) {
            return formattedAddresses[slot];
        }
        String formatted = formattedOfWritten(address);
        writtenAddresses[slot] = address;
        formattedAddresses[slot] = formatted;
        return formatted;
    }

    private String formattedOfWritten(String address) {
        byte[] raw = IpAddresses.literal(address);
        if (raw == null) {
            return NOT_LITERAL;
        }
        if (address.indexOf(':') < 0 && !leadingZero(address)) {
            return address; // a dotted quad as the capture formats it: no formatting needed
        }
        String text = IpAddresses.text(raw);
        return text.equals(address) ? address : shared(text);
    }

    /** True for a dotted quad of numbers 0-255 without leading zeros: the form addresses are formatted in. */
    static boolean canonicalIpv4(String address) {
        return address.indexOf(':') < 0 && IpAddresses.literal(address) != null && !leadingZero(address);
    }

    /** True when a part of a dotted address starts with 0 and goes on ("010.1.2.3"). */
    private static boolean leadingZero(String address) {
        for (int i = 0; i + 1 < address.length(); i++) {
            if ((i == 0 || address.charAt(i - 1) == '.') && address.charAt(i) == '0' && address.charAt(i + 1) != '.') {
                return true;
            }
        }
        return false;
    }

    /** The endpoint of a literal address as the capture formats it, without sharing; null for anything else. */
    static Endpoint endpointOf(String address, int port) {
        byte[] raw = IpAddresses.literal(address);
        return raw == null ? null : Endpoint.of(raw, 0, raw.length, port);
    }

    /** The blank-separated words of a trimmed value (one empty word for an empty value), as SDP readers split. */
    private static List<String> words(byte[] a, int from, int to) {
        List<String> out = new ArrayList<>(6);
        int start = from;
        int i = from;
        while (i < to) {
            if (isBlank(a[i])) {
                out.add(text(a, start, i));
                while (i < to && isBlank(a[i])) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        out.add(text(a, start, to));
        return out;
    }

    private static boolean isBlank(byte b) {
        // most bytes are above the blank: one comparison, in a method small enough for the quick JIT to inline it
        // (it is called for every byte of an m= or c= line)
        return b <= ' ' && isBlankBelowSpace(b);
    }

    /** {@link #isBlank} of a byte up to a space (bytes above 127 are negative and are none). */
    private static boolean isBlankBelowSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The shared string of {@code a[from, to)}; the texts met lately (a capture's few media types, protocols,
     * methods and the addresses of the calls in progress) are found by their bytes, without making a string.
     */
    private String shared(byte[] a, int from, int to) {
        int h = WordScan.hash(a, from, to);
        int slot = (h ^ h >>> 16) & (TEXT_SLOTS - 1);
        byte[] known = textBytes[slot];
        if (known != null && WordScan.same(known, 0, known.length, a, from, to)) {
            return texts[slot];
        }
        String made = shared(text(a, from, to));
        texts[slot] = made;
        textBytes[slot] = java.util.Arrays.copyOfRange(a, from, to);
        return made;
    }

    /** {@code s}, or the equal string this read already keeps. */
    private String shared(String s) {
        String known = strings.get(s);
        if (known != null) {
            return known;
        }
        if (strings.size() < SHARED) {
            strings.put(s, s);
        }
        return s;
    }

    private static String text(byte[] a, int from, int to) {
        return new String(a, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
