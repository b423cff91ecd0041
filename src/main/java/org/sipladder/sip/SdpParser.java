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

    private static final List<String> DIRECTIONS = List.of("sendrecv", "sendonly", "recvonly", "inactive");

    /** Media section being read; turned into an {@link SdpMedia} when the next section or the end is reached. */
    private static final class Section {
        final String type;
        final int port;
        final String protocol;
        final List<String> formats;
        final Map<String, String> rtpmap = new HashMap<>();
        String connection;
        String direction;

        Section(String type, int port, String protocol, List<String> formats) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
        }

        SdpMedia toMedia(String sessionDirection) {
            List<String> codecs = new ArrayList<>();
            for (String pt : formats) {
                String name = rtpmap.getOrDefault(pt, protocol.contains("RTP") ? STATIC_TYPES.get(pt) : null);
                codecs.add(name == null ? pt : pt + " " + name);
            }
            String dir = direction != null ? direction : sessionDirection != null ? sessionDirection : "sendrecv";
            return new SdpMedia(type, port, protocol, List.copyOf(codecs), connection, dir);
        }
    }

    private SdpParser() {
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
            String value = text.substring(from + 2, end).trim();
            switch (kind) {
                case 'o' -> origin = value;
                case 'c' -> {
                    String address = connectionAddress(value);
                    if (current == null) {
                        connection = address;
                    } else {
                        current.connection = address;
                    }
                }
                case 'm' -> {
                    current = mediaSection(value);
                    if (current != null) {
                        sections.add(current);
                    }
                }
                case 'a' -> {
                    if (DIRECTIONS.contains(value)) {
                        if (current == null) {
                            sessionDirection = value;
                        } else {
                            current.direction = value;
                        }
                    } else if (current != null && value.startsWith("rtpmap:")) {
                        addRtpmap(current, value.substring("rtpmap:".length()));
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

    /** "IN IP4 10.0.0.1/127" gives "10.0.0.1". */
    private static String connectionAddress(String value) {
        // the last of MessageScanner.blanks(value), without the others: value is trimmed, so it neither starts nor
        // ends with white space
        int last = value.length() - 1;
        while (last >= 0 && !MessageScanner.isWhitespace(value.charAt(last))) {
            last--;
        }
        String address = value.substring(last + 1);
        int slash = address.indexOf('/');
        return slash > 0 ? address.substring(0, slash) : address;
    }

    private static Section mediaSection(String value) {
        String[] parts = MessageScanner.blanks(value);
        if (parts.length < 3) {
            return null;
        }
        List<String> formats = List.of(parts).subList(3, parts.length);
        return new Section(parts[0], Sdp.mediaPort(parts[1]), parts[2], formats);
    }

    private static void addRtpmap(Section section, String mapping) {
        int space = mapping.indexOf(' ');
        if (space > 0) {
            section.rtpmap.put(mapping.substring(0, space).trim(), mapping.substring(space + 1).trim());
        }
    }
}
