package org.sipladder.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.IpAddresses;
import org.sipladder.capture.SipPayload;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SharedStrings;
import org.sipladder.sip.StringPool;
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

    private static final byte[] RTPMAP = "rtpmap:".getBytes(StandardCharsets.ISO_8859_1);

    private final Map<String, String> strings = new HashMap<>();
    private final Map<List<PayloadType>, List<PayloadType>> typeLists = new HashMap<>();
    private final Map<String, PayloadType> names = new HashMap<>();
    private final Map<TypesKey, List<PayloadType>> typesByBytes = new HashMap<>();
    /**
     * Endpoints announced lately, by the address as written and the port: a call's offer, answer, re-offer and
     * its other legs announce the same few, so that 200,000 SDP sections need not hold 200,000 endpoints (and the
     * address is not parsed again). Direct-mapped like the SIP scan's string pool: a collision loses one sharing.
     */
    private final String[] endpointAddresses = new String[SHARED];
    private final Endpoint[] endpoints = new Endpoint[SHARED];
    /**
     * The Call-IDs of the legs active lately: a leg's offer, answer and re-offers hold one string (they were one
     * string per SDP message, 19 MB of the 50,000-call benchmark's index), and a collision loses one sharing.
     */
    private final StringPool callIds;
    /** {@code shared}: the read's strings, so that the Call-ID the SIP parsers made for a leg serves its SDP too. */
    SdpScan(SharedStrings shared) {
        this.callIds = new StringPool(shared);
    }

    /** A scan whose Call-IDs are shared only between its own sections. */
    SdpScan() {
        this(new SharedStrings());
    }

    /** One {@code m=} section while it is read. */
    private static final class Section {
        final String type;
        final int port;
        final String protocol;
        /** Where the protocol word starts and the {@code m=} value ends: protocol and formats, in the packet. */
        final int formatsFrom;
        final int formatsTo;
        /** Start and end of each {@code a=rtpmap:} value after the colon, in the packet, in order. */
        int[] rtpmaps;
        int rtpmapCount;
        String connection;
        String direction;

        Section(String type, int port, String protocol, int formatsFrom, int formatsTo) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.formatsFrom = formatsFrom;
            this.formatsTo = formatsTo;
        }
    }

    /** The bytes that decide a section's payload types (protocol, formats, rtpmap values), each after its length. */
    private record TypesKey(byte[] bytes, int hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TypesKey k && k.hash == hash && java.util.Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The RTP media sections the message's SDP announces; empty when it carries no SDP. */
    List<SdpAnnouncement> scan(SipPayload p) {
        byte[] a = p.data();
        int n = a.length;
        if (n < 16 || endsWithBlankLine(a, n)) {
            return List.of();
        }
        int v = sdpStart(a, n);
        if (v < 0) {
            return List.of();
        }
        int stop = n;
        for (int i = v; i + 2 < n; i++) {
            if (a[i] == '\n' && a[i + 1] == '-' && a[i + 2] == '-') {
                stop = i + 1; // the next part of a multipart body
                break;
            }
        }
        return announcements(p, a, v, stop);
    }

    private static boolean endsWithBlankLine(byte[] a, int n) {
        return a[n - 1] == '\n' && (a[n - 2] == '\n' || a[n - 2] == '\r' && a[n - 3] == '\n');
    }

    /** Where the last {@code v=0} line starts, searching back from the end; -1 when none. */
    private static int sdpStart(byte[] a, int n) {
        for (int i = n - 3; i > 0; i--) {
            if (a[i] == 'v' && a[i + 1] == '=' && a[i + 2] == '0' && a[i - 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private List<SdpAnnouncement> announcements(SipPayload p, byte[] a, int from, int end) {
        String sessionConnection = null;
        String sessionDirection = null;
        List<Section> sections = new ArrayList<>(2);
        Section current = null;
        int line = from;
        while (line < end) {
            int eol = WordScan.skipPlain(a, line, end);
            while (eol < end && a[eol] != '\n') {
                eol++;
            }
            if (eol - line >= 2 && a[line + 1] == '=') {
                int vs = trimStart(a, line + 2, eol);
                int ve = trimEnd(a, vs, eol);
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
                        if (current != null) {
                            sections.add(current);
                        }
                    }
                    case 'a' -> {
                        String direction = direction(a, vs, ve);
                        if (direction != null) {
                            if (current == null) {
                                sessionDirection = direction;
                            } else {
                                current.direction = direction;
                            }
                        } else if (current != null && startsWith(a, vs, ve, RTPMAP)) {
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
        List<SdpAnnouncement> out = null;
        Headers h = null;
        for (Section m : sections) {
            String address = m.connection != null ? m.connection : sessionConnection;
            if (address == null || !m.protocol.toUpperCase(Locale.ROOT).contains("RTP") || m.port < 0
                    || m.port > 65535) {
                continue;
            }
            if (h == null) {
                h = headers(a, from);
                out = new ArrayList<>(sections.size());
            }
            String direction = m.direction != null ? m.direction : sessionDirection != null ? sessionDirection
                    : "sendrecv";
            out.add(new SdpAnnouncement(p.frame(), p.timestampMicros(), h.callId(), h.cseq(), h.method(), h.status(),
                    p.src(), p.dst(), m.type, endpoint(address, m.port), address, m.port, payloadTypes(m, a),
                    direction));
        }
        return out == null ? List.of() : out;
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

    /** An {@code m=} line's value: type, port (-1 when unreadable), protocol and formats; null below three words. */
    private Section section(byte[] a, int from, int to) {
        int[] starts = new int[3];
        int[] ends = new int[3];
        int words = 0;
        int i = from;
        while (i < to && words < 3) {
            starts[words] = i;
            while (i < to && !isBlank(a[i])) {
                i++;
            }
            ends[words++] = i;
            while (i < to && isBlank(a[i])) {
                i++;
            }
        }
        if (words < 3) {
            return null;
        }
        return new Section(shared(a, starts[0], ends[0]), Sdp.mediaPort(text(a, starts[1], ends[1])),
                shared(a, starts[2], ends[2]), starts[2], to);
    }

    private static void rtpmap(Section section, int from, int to) {
        if (section.rtpmaps == null) {
            section.rtpmaps = new int[8];
        } else if (section.rtpmapCount * 2 == section.rtpmaps.length) {
            section.rtpmaps = java.util.Arrays.copyOf(section.rtpmaps, section.rtpmaps.length * 2);
        }
        section.rtpmaps[section.rtpmapCount * 2] = from;
        section.rtpmaps[section.rtpmapCount * 2 + 1] = to;
        section.rtpmapCount++;
    }

    /**
     * The section's formats as payload types, each with its rtpmap or static name; a list shared when it repeats.
     * Sections with the same protocol, formats and rtpmap values (most offers of a capture) are read once.
     */
    private List<PayloadType> payloadTypes(Section m, byte[] a) {
        int size = 4 + m.formatsTo - m.formatsFrom;
        for (int r = 0; r < m.rtpmapCount; r++) {
            size += 4 + m.rtpmaps[2 * r + 1] - m.rtpmaps[2 * r];
        }
        byte[] key = new byte[size];
        int at = piece(a, m.formatsFrom, m.formatsTo, key, 0);
        for (int r = 0; r < m.rtpmapCount; r++) {
            at = piece(a, m.rtpmaps[2 * r], m.rtpmaps[2 * r + 1], key, at);
        }
        TypesKey k = new TypesKey(key, java.util.Arrays.hashCode(key));
        List<PayloadType> known = typesByBytes.get(k);
        if (known == null) {
            known = readPayloadTypes(m, a);
            if (typesByBytes.size() < SHARED) {
                typesByBytes.put(k, known);
            }
        }
        return known;
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
            int from = m.rtpmaps[2 * r];
            int to = m.rtpmaps[2 * r + 1];
            int space = from;
            while (space < to && a[space] != ' ') {
                space++;
            }
            if (space > from && space < to) {
                int ks = trimStart(a, from, space);
                int vs = trimStart(a, space + 1, to);
                rtpmap.put(text(a, ks, trimEnd(a, ks, space)), text(a, vs, trimEnd(a, vs, to)));
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

    private static String direction(byte[] a, int from, int to) {
        if (to - from != 8) {
            return null;
        }
        for (String d : SdpAnnouncement.DIRECTIONS) {
            boolean same = true;
            for (int i = 0; i < 8 && same; i++) {
                same = a[from + i] == d.charAt(i);
            }
            if (same) {
                return d;
            }
        }
        return null;
    }

    /** The header fields the binding needs: start line, Call-ID and CSeq. */
    private record Headers(String method, int status, String callId, long cseq) {
    }

    private Headers headers(byte[] a, int end) {
        String method = null;
        int status = 0;
        String callId = null;
        long cseq = -1;
        String cseqMethod = null;
        int line = 0;
        boolean first = true;
        while (line < end) {
            int eol = WordScan.skipPlain(a, line, end);
            while (eol < end && a[eol] != '\n') {
                eol++;
            }
            int stop = eol > line && a[eol - 1] == '\r' ? eol - 1 : eol;
            if (stop == line) {
                break; // the blank line before the body
            }
            if (first) {
                first = false;
                if (startsWith(a, line, stop, "SIP/2.0 ") && stop - line >= 11) {
                    status = (a[line + 8] - '0') * 100 + (a[line + 9] - '0') * 10 + (a[line + 10] - '0');
                } else {
                    int sp = line;
                    while (sp < stop && a[sp] != ' ') {
                        sp++;
                    }
                    method = shared(a, line, sp);
                }
            } else {
                int value = headerValue(a, line, stop, "call-id", "i");
                if (value >= 0) {
                    int vs = trimStart(a, value, stop);
                    callId = callIds.share(a, vs, trimEnd(a, vs, stop));
                } else if ((value = headerValue(a, line, stop, "cseq", null)) >= 0) {
                    int vs = trimStart(a, value, stop);
                    List<String> parts = words(a, vs, trimEnd(a, vs, stop));
                    try {
                        cseq = Long.parseLong(parts.get(0));
                    } catch (NumberFormatException e) {
                        cseq = -1;
                    }
                    cseqMethod = parts.size() > 1 ? shared(parts.get(1)) : null;
                }
            }
            line = eol + 1;
        }
        return new Headers(status == 0 ? method : cseqMethod, status, callId, cseq);
    }

    /** Where the value of header {@code name} (or its compact form) starts on this line, or -1. */
    private static int headerValue(byte[] a, int from, int to, String name, String compact) {
        int at = matchName(a, from, to, name);
        if (at < 0 && compact != null) {
            at = matchName(a, from, to, compact);
        }
        return at;
    }

    private static int matchName(byte[] a, int from, int to, String name) {
        int n = name.length();
        if (to - from <= n) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            int b = a[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != name.charAt(i)) {
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
        int h = address.hashCode() * 31 + port;
        int slot = (h ^ h >>> 16) & (SHARED - 1);
        Endpoint known = endpoints[slot];
        if (known != null && known.port() == port && address.equals(endpointAddresses[slot])) {
            return known;
        }
        Endpoint made = endpointOfWritten(address, port);
        if (made != null) {
            endpointAddresses[slot] = address;
            endpoints[slot] = made;
        }
        return made;
    }

    private Endpoint endpointOfWritten(String address, int port) {
        byte[] raw = IpAddresses.literal(address);
        if (raw == null) {
            return null;
        }
        if (address.indexOf(':') < 0 && !leadingZero(address)) {
            return new Endpoint(address, port); // a dotted quad as the capture formats it: no formatting needed
        }
        Endpoint e = Endpoint.of(raw, 0, raw.length, port);
        return e.address().equals(address) ? new Endpoint(address, port) : new Endpoint(shared(e.address()), port);
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
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
    }

    /** As {@link String#trim()}: characters up to U+0020 are trimmed. */
    private static int trimStart(byte[] a, int from, int to) {
        while (from < to && (a[from] & 0xff) <= ' ') {
            from++;
        }
        return from;
    }

    private static int trimEnd(byte[] a, int from, int to) {
        while (to > from && (a[to - 1] & 0xff) <= ' ') {
            to--;
        }
        return to;
    }

    private static boolean startsWith(byte[] a, int from, int to, String s) {
        if (to - from < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (a[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] a, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private String shared(byte[] a, int from, int to) {
        return shared(text(a, from, to));
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
