package org.sipladder.sip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the parts of an SDP body (RFC 4566) that matter for call analysis: origin, connections, media, codecs, direction. */
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

    /** "8 PCMA/8000" for each static type. */
    private static final Map<String, String> STATIC_CODECS = codecTexts();

    private static final String[] DIRECTIONS = {"sendrecv", "sendonly", "recvonly", "inactive"};
    private static final String RTPMAP = "rtpmap:";

    /** Media section being read; turned into an {@link SdpMedia} when the next section or the end is reached. */
    private static final class Section {
        final String type;
        final int port;
        final String protocol;
        final List<String> formats;
        /**
         * The rtpmap lines' payload types and names, in order (a later line for the same type wins, as in a map):
         * a section has a few, searched from the end without a hash table per section.
         */
        String[] rtpmap;
        int rtpmapCount;
        String connection;
        String direction;

        Section(String type, int port, String protocol, List<String> formats) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
        }

        SdpMedia toMedia(String sessionDirection) {
            List<String> codecs = new ArrayList<>(formats.size());
            boolean rtp = protocol.contains("RTP");
            for (int i = 0; i < formats.size(); i++) {
                String pt = formats.get(i);
                String staticName = STATIC_TYPES.get(pt);
                String mapped = rtpmapOf(pt);
                String name = mapped != null ? mapped : rtp ? staticName : null;
                // most codecs are a static type under its own name: that text is made once
                codecs.add(name == null ? pt : name.equals(staticName) ? STATIC_CODECS.get(pt) : pt + " " + name);
            }
            String dir = direction != null ? direction : sessionDirection != null ? sessionDirection : "sendrecv";
            return new SdpMedia(type, port, protocol, List.copyOf(codecs), connection, dir);
        }

        void addRtpmap(String pt, String name) {
            if (rtpmap == null) {
                rtpmap = new String[8];
            } else if (2 * rtpmapCount == rtpmap.length) {
                rtpmap = java.util.Arrays.copyOf(rtpmap, 2 * rtpmap.length);
            }
            rtpmap[2 * rtpmapCount] = pt;
            rtpmap[2 * rtpmapCount + 1] = name;
            rtpmapCount++;
        }

        /** The name the last rtpmap line for {@code pt} gives, or null. */
        String rtpmapOf(String pt) {
            for (int i = rtpmapCount - 1; i >= 0; i--) {
                if (rtpmap[2 * i].equals(pt)) {
                    return rtpmap[2 * i + 1];
                }
            }
            return null;
        }
    }

    private SdpParser() {
    }

    private static Map<String, String> codecTexts() {
        Map<String, String> texts = new HashMap<>();
        STATIC_TYPES.forEach((pt, name) -> texts.put(pt, pt + " " + name));
        return Map.copyOf(texts);
    }

    static String staticType(String pt) {
        return STATIC_TYPES.get(pt);
    }

    /** Parses {@code text}; lines it does not understand are skipped, as SDP readers are expected to do. */
    static Sdp parse(String text) {
        String origin = null;
        String connection = null;
        String sessionDirection = null;
        List<Section> sections = new ArrayList<>();
        Section current = null;
        // the lines of MessageScanner.lines(text, false), without making strings of those not read (v=, s=, t=...)
        int n = text.length();
        for (int from = 0, nl = 0; nl >= 0; from = nl + 1) {
            nl = text.indexOf('\n', from);
            int end = nl < 0 ? n : nl > from && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            char kind = end - from < 2 || text.charAt(from + 1) != '=' ? 0 : text.charAt(from);
            if (kind != 'o' && kind != 'c' && kind != 'm' && kind != 'a') {
                continue;
            }
            // the line's value trimmed as String.trim trims it, as bounds: only the values kept become strings
            int vs = from + 2;
            int ve = end;
            while (vs < ve && text.charAt(vs) <= ' ') {
                vs++;
            }
            while (ve > vs && text.charAt(ve - 1) <= ' ') {
                ve--;
            }
            switch (kind) {
                case 'o' -> origin = text.substring(vs, ve);
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
                        sections.add(current);
                    }
                }
                case 'a' -> {
                    String direction = direction(text, vs, ve);
                    if (direction != null) {
                        if (current == null) {
                            sessionDirection = direction;
                        } else {
                            current.direction = direction;
                        }
                    } else if (current != null && ve - vs >= RTPMAP.length() && text.startsWith(RTPMAP, vs)) {
                        addRtpmap(current, text, vs + RTPMAP.length(), ve);
                    }
                }
                default -> throw new IllegalStateException("kind " + kind);
            }
        }
        List<SdpMedia> media = new ArrayList<>();
        for (Section s : sections) {
            media.add(s.toMedia(sessionDirection));
        }
        return new Sdp(origin, connection, List.copyOf(media));
    }

    /**
     * "IN IP4 10.0.0.1/127" (the trimmed value between {@code from} and {@code to}) gives "10.0.0.1": the last of
     * {@link MessageScanner#blanks}, up to its first slash unless that is its first character.
     */
    private static String connectionAddress(String text, int from, int to) {
        int start = to - 1;
        while (start >= from && !MessageScanner.isWhitespace(text.charAt(start))) {
            start--;
        }
        start++;
        for (int i = start; i < to; i++) {
            if (text.charAt(i) == '/') {
                return text.substring(start, i > start ? i : to);
            }
        }
        return text.substring(start, to);
    }

    /** The direction attribute the value between {@code from} and {@code to} is, or null. */
    private static String direction(String text, int from, int to) {
        if (to - from != 8) {
            return null; // all four are eight letters
        }
        for (int i = 0; i < DIRECTIONS.length; i++) {
            if (text.startsWith(DIRECTIONS[i], from)) {
                return DIRECTIONS[i];
            }
        }
        return null;
    }

    /**
     * The m= line whose trimmed value is between {@code from} and {@code to}: its fields as {@link MessageScanner#blanks}
     * splits them (the runs between white space), or null when it has fewer than three.
     */
    private static Section mediaSection(String text, int from, int to) {
        List<String> fields = new ArrayList<>(8);
        int i = from;
        while (i < to) {
            int start = i;
            while (i < to && !MessageScanner.isWhitespace(text.charAt(i))) {
                i++;
            }
            fields.add(text.substring(start, i));
            while (i < to && MessageScanner.isWhitespace(text.charAt(i))) {
                i++;
            }
        }
        if (fields.size() < 3) {
            return null;
        }
        return new Section(fields.get(0), Sdp.mediaPort(fields.get(1)), fields.get(2), fields.subList(3, fields.size()));
    }

    /** "8 PCMA/8000" between {@code from} and {@code to}: payload type and name, each trimmed; none without a type. */
    private static void addRtpmap(Section section, String text, int from, int to) {
        for (int space = from; space < to; space++) {
            if (text.charAt(space) == ' ') {
                if (space > from) {
                    section.addRtpmap(text.substring(from, space).trim(), text.substring(space + 1, to).trim());
                }
                return;
            }
        }
    }
}
