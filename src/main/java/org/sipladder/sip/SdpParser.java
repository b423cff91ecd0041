package org.sipladder.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sipladder.ByteWords;

/**
 * Reads the parts of an SDP body (RFC 4566) that matter for call analysis: origin, connections, media, codecs,
 * direction. Every character the parse looks at is ASCII (line ends, '=', blanks, digits, '/', the words it knows),
 * so it reads bytes, one per character: a body where it lies in a message's bytes (no string of the whole body),
 * and a text as its characters, each above U+00FF read as '?' (which no test takes for anything but an ordinary
 * character), with the values it keeps cut from the text itself.
 */
final class SdpParser {

    /** RFC 3551 static payload types, used when an offer lists a type without an rtpmap line. */
    private static final Map<String, String> STATIC_TYPES = Map.ofEntries(
            Map.entry("0", "PCMU/8000"), Map.entry("3", "GSM/8000"), Map.entry("4", "G723/8000"),
            Map.entry("5", "DVI4/8000"), Map.entry("6", "DVI4/16000"), Map.entry("7", "LPC/8000"),
            Map.entry("8", "PCMA/8000"), Map.entry("9", "G722/8000"), Map.entry("10", "L16/44100/2"),
            Map.entry("11", "L16/44100"), Map.entry("12", "QCELP/8000"), Map.entry("13", "CN/8000"),
            Map.entry("14", "MPA/90000"), Map.entry("15", "G728/8000"), Map.entry("16", "DVI4/11025"),
            Map.entry("17", "DVI4/22050"), Map.entry("18", "G729/8000"), Map.entry("25", "CelB/90000"),
            Map.entry("26", "JPEG/90000"), Map.entry("28", "nv/90000"), Map.entry("31", "H261/90000"),
            Map.entry("32", "MPV/90000"), Map.entry("33", "MP2T/90000"), Map.entry("34", "H263/90000"));

    /** Payload types up to this are kept as shared strings and looked up by number. */
    private static final int SMALL_TYPES = 128;
    /** The text of each small payload type ("8"): an m= line's formats are nearly always these. */
    private static final String[] TYPE_TEXTS = typeTexts();
    /** {@link #STATIC_TYPES} by payload type number. */
    private static final String[] STATIC_NAMES = staticNames();
    /** "8 PCMA/8000" for each static type, by payload type number. */
    private static final String[] STATIC_CODECS = codecTexts();
    /** The DTMF codec's name as nearly every SDP writes it. */
    private static final String TELEPHONE_EVENT = "telephone-event/8000";
    /**
     * "101 telephone-event/8000" for each small payload type: the codec text of the DTMF line of nearly every SDP,
     * shared rather than cut from each body (and then found by identity by those who name a call's codecs).
     */
    private static final String[] TELEPHONE_EVENT_CODECS = telephoneEventCodecs();
    private static final String AUDIO = "audio";
    private static final String RTP_AVP = "RTP/AVP";

    private static final String[] DIRECTIONS = {"sendrecv", "sendonly", "recvonly", "inactive"};
    private static final String RTPMAP = "rtpmap:";

    // the texts compared with an SDP's bytes, as bytes: a String's characters one charAt at a time cost a call each
    // under the quick JIT (a fifth of the parse)
    private static final byte[] AUDIO_BYTES = ascii(AUDIO);
    private static final byte[] TELEPHONE_EVENT_BYTES = ascii(TELEPHONE_EVENT);
    private static final byte[] RTP_AVP_BYTES = ascii(RTP_AVP);
    private static final byte[] RTPMAP_BYTES = ascii(RTPMAP);
    /** An SDES key line (RFC 4568): "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:...". */
    private static final byte[] CRYPTO_BYTES = ascii("crypto:");
    private static final byte[][] DIRECTION_BYTES = {ascii(DIRECTIONS[0]), ascii(DIRECTIONS[1]), ascii(DIRECTIONS[2]),
        ascii(DIRECTIONS[3])};
    /** {@link #STATIC_NAMES} as bytes (null where there is none). */
    private static final byte[][] STATIC_NAME_BYTES = staticNameBytes();

    /** Media section being read; turned into an {@link SdpMedia} when the next section or the end is reached. */
    private static final class Section {
        final String type;
        final int port;
        final String protocol;
        final String[] formats;
        /** Each format's payload type when it is one of {@link #TYPE_TEXTS}, else -1. */
        final int[] numbers;
        /**
         * The rtpmap lines' payload types, names (null when the codec text is kept) and codec texts ("101
         * telephone-event/8000", kept when the line gives it as it stands and the name is not the type's static
         * one, else null), in order (a later line for the same type wins, as in a map): a section has a
         * few, searched from the end without a hash table per section.
         */
        String[] rtpmap;
        int rtpmapCount;
        String connection;
        String direction;
        /** An a=crypto line was seen. */
        boolean crypto;

        Section(String type, int port, String protocol, String[] formats, int[] numbers) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
            this.numbers = numbers;
        }

        SdpMedia toMedia(String sessionDirection) {
            String[] codecs = new String[formats.length];
            boolean rtp = protocol == RTP_AVP || protocol.contains("RTP"); // the shared text, as nearly every line has
            for (int i = 0; i < formats.length; i++) {
                String pt = formats[i];
                int number = numbers[i];
                String staticName = number < 0 ? null : STATIC_NAMES[number];
                int mapped = rtpmapOf(pt);
                if (mapped < 0) {
                    codecs[i] = rtp && staticName != null ? STATIC_CODECS[number] : pt;
                } else {
                    // an rtpmap line gives a static type's own name (shared) or the codec's text, else the name
                    String name = rtpmap[mapped + 1];
                    String codec = rtpmap[mapped + 2];
                    codecs[i] = codec != null ? codec : name.equals(staticName) ? STATIC_CODECS[number] : pt + " " + name;
                }
            }
            String dir = direction != null ? direction : sessionDirection != null ? sessionDirection : "sendrecv";
            return new SdpMedia(type, port, protocol, List.of(codecs), connection, dir, crypto);
        }

        void addRtpmap(String pt, String name, String codec) {
            if (rtpmap == null) {
                rtpmap = new String[12];
            } else if (3 * rtpmapCount == rtpmap.length) {
                rtpmap = java.util.Arrays.copyOf(rtpmap, 2 * rtpmap.length);
            }
            rtpmap[3 * rtpmapCount] = pt;
            rtpmap[3 * rtpmapCount + 1] = name;
            rtpmap[3 * rtpmapCount + 2] = codec;
            rtpmapCount++;
        }

        /** Where in {@link #rtpmap} the last rtpmap line for {@code pt} is, or -1. */
        int rtpmapOf(String pt) {
            for (int i = rtpmapCount - 1; i >= 0; i--) {
                if (rtpmap[3 * i].equals(pt)) {
                    return 3 * i;
                }
            }
            return -1;
        }
    }

    private SdpParser() {
    }

    private static String[] typeTexts() {
        String[] texts = new String[SMALL_TYPES];
        for (int pt = 0; pt < SMALL_TYPES; pt++) {
            texts[pt] = Integer.toString(pt);
        }
        return texts;
    }

    private static String[] telephoneEventCodecs() {
        String[] texts = new String[SMALL_TYPES];
        for (int pt = 0; pt < SMALL_TYPES; pt++) {
            texts[pt] = pt + " " + TELEPHONE_EVENT;
        }
        return texts;
    }

    private static String[] staticNames() {
        String[] names = new String[SMALL_TYPES];
        STATIC_TYPES.forEach((pt, name) -> names[Integer.parseInt(pt)] = name);
        return names;
    }

    private static String[] codecTexts() {
        String[] texts = new String[SMALL_TYPES];
        STATIC_TYPES.forEach((pt, name) -> texts[Integer.parseInt(pt)] = pt + " " + name);
        return texts;
    }

    /**
     * The payload type written between {@code from} and {@code to} when it is one of {@link #TYPE_TEXTS} exactly
     * (decimal, no sign, no leading zero), else -1.
     */
    private static int payloadType(byte[] d, int from, int to) {
        if (to - from < 1 || to - from > 3 || to - from > 1 && d[from] == '0') {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            int c = d[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            n = 10 * n + (c - '0');
        }
        return n < SMALL_TYPES ? n : -1;
    }

    /** The text being read: one byte per character, and where the strings kept are cut from. */
    private static final class Text {
        final byte[] d;
        /** The text the bytes stand for, or null: the bytes are the text (ISO-8859-1). */
        final String source;

        Text(byte[] d, String source) {
            this.d = d;
            this.source = source;
        }

        /** The characters between {@code from} and {@code to}. */
        String cut(int from, int to) {
            return source != null ? source.substring(from, to) : new String(d, from, to - from, StandardCharsets.ISO_8859_1);
        }

        /** The characters between {@code from} and {@code to}: {@code known} (whose bytes are given) when it is that text. */
        String cut(int from, int to, String known, byte[] knownBytes) {
            return WordScan.same(d, from, to, knownBytes, 0, knownBytes.length) ? known : cut(from, to);
        }
    }

    /** The bytes of ASCII {@code text}. */
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] staticNameBytes() {
        byte[][] bytes = new byte[STATIC_NAMES.length][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = STATIC_NAMES[i] == null ? null : ascii(STATIC_NAMES[i]);
        }
        return bytes;
    }

    static String staticType(String pt) {
        return STATIC_TYPES.get(pt);
    }

    /** Parses {@code text}; lines it does not understand are skipped, as SDP readers are expected to do. */
    static Sdp parse(String text) {
        int n = text.length();
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            d[i] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return parse(new Text(d, text), 0, n);
    }

    /** Parses the body that is the ISO-8859-1 text of {@code d[from, to)}, as {@link #parse(String)} parses that text. */
    static Sdp parse(byte[] d, int from, int to) {
        return parse(new Text(d, null), from, to);
    }

    private static Sdp parse(Text text, int start, int n) {
        byte[] d = text.d;
        String origin = null;
        String connection = null;
        String sessionDirection = null;
        // nearly every body has one m= section: a list is made for a second
        Section first = null;
        List<Section> sections = null;
        Section current = null;
        String problem = null;
        // the lines of MessageScanner.lines(text, false), without making strings of those not read (v=, s=, t=...)
        for (int from = start, nl = start; nl >= 0; from = nl + 1) {
            nl = ByteWords.plainEnd(d, from, n);
            while (nl < n && d[nl] != '\n') {
                // a NUL, another control byte or one above 127, which a clean body's walk never stops at
                if (d[nl] == 0 && problem == null) {
                    problem = "a NUL byte in its " + (nl - from >= 2 && d[from + 1] == '=' ? (char) d[from] + "= " : "")
                            + "line (RFC 4566 9 allows none in a field): readers disagree on what follows it";
                }
                nl = ByteWords.plainEnd(d, nl + 1, n);
            }
            nl = nl < n ? nl : -1;
            int end = nl < 0 ? n : nl > from && d[nl - 1] == '\r' ? nl - 1 : nl;
            byte kind = end - from < 2 || d[from + 1] != '=' ? 0 : d[from];
            if (kind != 'o' && kind != 'c' && kind != 'm' && kind != 'a') {
                continue;
            }
            // the line's value trimmed as String.trim trims it, as bounds: only the values kept become strings
            int vs = TrimBounds.start(d, from + 2, end);
            int ve = TrimBounds.end(d, vs, end);
            switch (kind) {
                case 'o' -> origin = text.cut(vs, ve);
                case 'c' -> {
                    String address = connectionAddress(text, vs, ve);
                    if (current == null) {
                        connection = address;
                    } else {
                        current.connection = address;
                    }
                }
                case 'm' -> {
                    current = mediaSection(text, vs, ve);
                    if (current != null) {
                        if (first == null) {
                            first = current;
                        } else {
                            if (sections == null) {
                                sections = new ArrayList<>(4);
                                sections.add(first);
                            }
                            sections.add(current);
                        }
                    }
                }
                case 'a' -> {
                    String direction = direction(d, vs, ve);
                    if (direction != null) {
                        if (current == null) {
                            sessionDirection = direction;
                        } else {
                            current.direction = direction;
                        }
                    } else if (current == null || vs == ve) {
                        continue; // a session attribute, or an empty one: neither is kept
                    } else if (d[vs] == 'r' && WordScan.startsWith(d, vs, ve, RTPMAP_BYTES)) {
                        // each compared after its first letter: most attribute lines are neither (fmtp, ptime)
                        addRtpmap(current, text, vs + RTPMAP_BYTES.length, ve);
                    } else if (d[vs] == 'c' && WordScan.startsWith(d, vs, ve, CRYPTO_BYTES)) {
                        current.crypto = true;
                    }
                }
                default -> throw new IllegalStateException("kind " + kind);
            }
        }
        if (sections == null) {
            return new Sdp(origin, connection, first == null ? List.of() : List.of(first.toMedia(sessionDirection)),
                    problem);
        }
        SdpMedia[] media = new SdpMedia[sections.size()];
        for (int i = 0; i < media.length; i++) {
            media[i] = sections.get(i).toMedia(sessionDirection);
        }
        return new Sdp(origin, connection, List.of(media), problem);
    }

    /**
     * "IN IP4 10.0.0.1/127" (the trimmed value between {@code from} and {@code to}) gives "10.0.0.1": the last of
     * {@link MessageScanner#blanks}, up to its first slash unless that is its first character.
     */
    private static String connectionAddress(Text text, int from, int to) {
        byte[] d = text.d;
        int start = to - 1;
        while (start >= from && !white(d[start])) {
            start--;
        }
        start++;
        for (int i = start; i < to; i++) {
            if (d[i] == '/') {
                return text.cut(start, i > start ? i : to);
            }
        }
        return text.cut(start, to);
    }

    /** The direction attribute the value between {@code from} and {@code to} is, or null. */
    private static String direction(byte[] d, int from, int to) {
        if (to - from != 8) {
            return null; // all four are eight letters
        }
        for (int i = 0; i < DIRECTIONS.length; i++) {
            if (WordScan.same(d, from, to, DIRECTION_BYTES[i], 0, DIRECTION_BYTES[i].length)) {
                return DIRECTIONS[i];
            }
        }
        return null;
    }

    /**
     * The m= line whose trimmed value is between {@code from} and {@code to}: its fields as {@link MessageScanner#blanks}
     * splits them (the runs between white space), or null when it has fewer than three.
     */
    private static Section mediaSection(Text text, int from, int to) {
        byte[] d = text.d;
        // the three fields' bounds, then the formats counted and walked again: strings are made only of a section's
        // fields, shared ones where they can be, and no array of bounds per line
        int typeEnd = fieldEnd(d, from, to);
        int portStart = blanksEnd(d, typeEnd, to);
        int portEnd = fieldEnd(d, portStart, to);
        int protocolStart = blanksEnd(d, portEnd, to);
        if (protocolStart == to) {
            return null; // fewer than three fields (the value is trimmed: each field ends before a blank or the end)
        }
        int protocolEnd = fieldEnd(d, protocolStart, to);
        int formatsStart = blanksEnd(d, protocolEnd, to);
        int count = 0;
        for (int i = formatsStart; i < to; i = blanksEnd(d, fieldEnd(d, i, to), to)) {
            count++;
        }
        String[] formats = new String[count];
        int[] numbers = new int[count];
        int f = 0;
        for (int start = formatsStart; start < to; f++) {
            int end = fieldEnd(d, start, to);
            int pt = payloadType(d, start, end);
            formats[f] = pt >= 0 ? TYPE_TEXTS[pt] : text.cut(start, end);
            numbers[f] = pt;
            start = blanksEnd(d, end, to);
        }
        return new Section(text.cut(from, typeEnd, AUDIO, AUDIO_BYTES), port(text, portStart, portEnd),
                text.cut(protocolStart, protocolEnd, RTP_AVP, RTP_AVP_BYTES), formats, numbers);
    }

    /**
     * {@link MessageScanner#isWhitespace(byte)} (the class {@code \\s}: space, tab to carriage return), small enough
     * for the quick JIT to inline: that one, a chain of six comparisons, is a call for each byte of every m= and c=
     * line.
     */
    private static boolean white(byte b) {
        return b == ' ' || b >= '\t' && b <= '\r';
    }

    /** Where the field starting at {@code i} ends: the first white space from there, or {@code to}. */
    private static int fieldEnd(byte[] d, int i, int to) {
        while (i < to && !white(d[i])) {
            i++;
        }
        return i;
    }

    /** Where the white space starting at {@code i} ends: the next field's start, or {@code to}. */
    private static int blanksEnd(byte[] d, int i, int to) {
        while (i < to && white(d[i])) {
            i++;
        }
        return i;
    }

    /** {@link Sdp#mediaPort} of the m= field between {@code from} and {@code to}, without a string when it is plain. */
    private static int port(Text text, int from, int to) {
        byte[] d = text.d;
        int end = from;
        int port = 0;
        while (end < to && end - from < 9 && d[end] >= '0' && d[end] <= '9') {
            port = 10 * port + (d[end] - '0');
            end++;
        }
        if (end > from && (end == to || d[end] == '/')) {
            return port;
        }
        return Sdp.mediaPort(text.cut(from, to));
    }

    /**
     * "8 PCMA/8000" between {@code from} and {@code to}: payload type and name, each trimmed; none without a type.
     * A static type under its own name keeps the shared name; another name keeps the codec's text when the line
     * gives it as it stands (type, one space, name), which is all the section needs of it.
     */
    private static void addRtpmap(Section section, Text text, int from, int to) {
        byte[] d = text.d;
        for (int space = from; space < to; space++) {
            if (d[space] == ' ') {
                if (space > from) {
                    int ps = TrimBounds.start(d, from, space);
                    int pe = TrimBounds.end(d, ps, space);
                    int ns = TrimBounds.start(d, space + 1, to);
                    int ne = TrimBounds.end(d, ns, to);
                    int number = payloadType(d, ps, pe);
                    String pt = number >= 0 ? TYPE_TEXTS[number] : text.cut(ps, pe);
                    String staticName = number >= 0 ? STATIC_NAMES[number] : null;
                    if (staticName != null && WordScan.same(d, ns, ne, STATIC_NAME_BYTES[number], 0,
                            STATIC_NAME_BYTES[number].length)) {
                        section.addRtpmap(pt, staticName, null);
                    } else if (ps == from && pe == space && ns == space + 1) {
                        section.addRtpmap(pt, null, number >= 0 && WordScan.same(d, ns, ne, TELEPHONE_EVENT_BYTES, 0,
                                TELEPHONE_EVENT_BYTES.length) ? TELEPHONE_EVENT_CODECS[number] : text.cut(from, ne));
                    } else {
                        section.addRtpmap(pt, text.cut(ns, ne), null);
                    }
                }
                return;
            }
        }
    }
}
