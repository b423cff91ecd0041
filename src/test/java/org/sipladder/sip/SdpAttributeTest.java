package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The a= lines the parser reads (direction, rtpmap) and the o=/m= values are found in place as the trimmed value
 * strings gave them: random SDP bodies with odd white space, against those values worked out from {@code trim},
 * {@code startsWith} and {@code indexOf} on each line.
 */
class SdpAttributeTest {

    private static final String[] DIRECTIONS = {"sendrecv", "sendonly", "recvonly", "inactive"};
    private static final String[] BLANKS = {"", "", " ", "  ", "\t", "\u0001", "\u000b", "\u00a0", "\u2003",
        "\ud83d\ude00"};
    private static final String[] ATTRIBUTES = {"sendrecv", "sendonly", "recvonly", "inactive", "sendrecvx", "send",
        "rtpmap:0 PCMU/8000", "rtpmap:8  PCMA/8000 ", "rtpmap: 8 PCMA/8000", "rtpmap:101 telephone-event/8000",
        "rtpmap:96", "rtpmap:", "rtpma", "rtpmap:9\tG722/8000", "rtpmap:0 x y", "fmtp:101 0-16", "ptime:20", "",
        "rtpmap:0 pcmu/8000", "rtpmap:8 PCMU/8000", "rtpmap:08 PCMA/8000", "rtpmap:96 opus/48000/2",
        "rtpmap:101  telephone-event/8000", "rtpmap:101\t telephone-event/8000", "rtpmap:\t101 x", "rtpmap:127 Y/2",
        "rtpmap:128 Z/3", "rtpmap:0 PCMU/8000x", "rtpmap:18 G729/8000", "rtpmap:3 GSM/8000", "rtpmap:00 PCMU/8000",
        // the DTMF line's shared texts: only the exact name at a small type, written as it stands
        "rtpmap:96 telephone-event/8000", "rtpmap:127 telephone-event/8000", "rtpmap:128 telephone-event/8000",
        "rtpmap:0101 telephone-event/8000", "rtpmap:101 telephone-event/8000x", "rtpmap:101 Telephone-Event/8000",
        "rtpmap:101 telephone-event/800", "rtpmap:101 telephone-event/48000", "rtpmap:x telephone-event/8000"};

    @Test
    void valuesAreThoseOfTheTrimmedLines() {
        Random random = new Random(1803);
        for (int round = 0; round < 30_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int lines = random.nextInt(12); lines > 0; lines--) {
                text.append(line(random)).append(random.nextInt(4) == 0 ? "\n" : "\r\n");
            }
            if (random.nextBoolean() && text.length() > 0) {
                text.setLength(text.length() - 1 - random.nextInt(Math.min(3, text.length())));
            }
            String sdp = text.toString();
            assertEquals(byTrimmedLines(sdp), Sdp.parse(sdp), sdp);
            assertSameFromBytes(sdp);
        }
    }

    /**
     * A body where it lies in a message's bytes (between others) is read as its ISO-8859-1 text is: each of the
     * text's characters beyond Latin-1 stands as a '?' there, which the text then holds too.
     */
    private static void assertSameFromBytes(String sdp) {
        StringBuilder latin1 = new StringBuilder(sdp.length());
        for (int i = 0; i < sdp.length(); i++) {
            latin1.append(sdp.charAt(i) <= 0xFF ? sdp.charAt(i) : '?');
        }
        String text = latin1.toString();
        byte[] around = ("v=0\r\nm=video 1 RTP/AVP 9\r\n" + text + "\r\nm=audio 2 RTP/AVP 0\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int from = "v=0\r\nm=video 1 RTP/AVP 9\r\n".length();
        assertEquals(Sdp.parse(text), SdpParser.parse(around, from, from + text.length()), text);
    }

    private static String line(Random random) {
        String blank = BLANKS[random.nextInt(BLANKS.length)];
        String end = BLANKS[random.nextInt(BLANKS.length)];
        return switch (random.nextInt(6)) {
            case 0 -> "o=" + blank + "- 0 0 IN IP4 10.0.0." + random.nextInt(3) + end;
            case 1 -> "c=" + blank + "IN IP4 192.168.1." + random.nextInt(3) + (random.nextBoolean() ? "/127" : "") + end;
            case 2 -> "m=" + blank + mediaLine(random) + end;
            case 3 -> random.nextBoolean() ? "v=0" : "s=-" + end;
            default -> "a=" + blank + ATTRIBUTES[random.nextInt(ATTRIBUTES.length)] + end;
        };
    }

    /** An m= value: fields (some odd) between runs of blanks, sometimes fewer than three. */
    private static String mediaLine(Random random) {
        String[] fields = {"audio", "video", "4000", "0", "x", "5004/2", "RTP/AVP", "RTP/SAVP", "UDP", "0", "8", "18",
            "96", "101", "a\u0001b", "\u00a0", "\u2003", "8\ud83d\ude00", "00", "08", "127", "128", "+4000", "-1", "4000/", "/2", "2147483648",
            "123456789", "1234567890", "Audio", "audi", "rtp/avp", "RTP/AV", "3", "34", "0/2", "65536/x"};
        String[] gaps = {" ", "  ", "\t", " \u000b", "\f"};
        StringBuilder line = new StringBuilder();
        for (int i = random.nextInt(8); i >= 0; i--) {
            line.append(fields[random.nextInt(fields.length)]);
            if (i > 0) {
                line.append(gaps[random.nextInt(gaps.length)]);
            }
        }
        return random.nextInt(3) == 0 ? line.toString() : "audio " + (4000 + random.nextInt(3)) + " RTP/AVP " + line;
    }

    @Test
    void payloadTypesAndPortsOfEveryForm() {
        // formats and ports from 0 to 1000 written plainly, with leading zeros, signs and slashes; static and
        // dynamic rtpmap names, the type's own name or another
        Random random = new Random(1804);
        String[] forms = {"%d", "0%d", "+%d", "-%d", "%d/2", "%d/", "%d0", "%dx"};
        for (int round = 0; round < 20_000; round++) {
            int pt = random.nextInt(random.nextBoolean() ? 40 : 1000);
            String format = String.format(forms[random.nextInt(forms.length)], pt);
            String port = String.format(forms[random.nextInt(forms.length)], random.nextInt(70_000));
            String name = random.nextBoolean() && Sdp.staticType(Integer.toString(pt)) != null
                    ? Sdp.staticType(Integer.toString(pt)) : random.nextBoolean() ? "PCMA/8000" : "x-" + pt + "/8000";
            String sdp = "v=0\r\nm=audio " + port + " RTP/AVP " + format + " 0 " + pt + "\r\n"
                    + (random.nextBoolean() ? "a=rtpmap:" + format + " " + name + "\r\n" : "")
                    + (random.nextBoolean() ? "a=rtpmap:" + pt + (random.nextBoolean() ? " " : "  ") + name + "\r\n" : "");
            assertEquals(byTrimmedLines(sdp), Sdp.parse(sdp), sdp);
            assertSameFromBytes(sdp);
        }
    }

    /** What the parser reads, taken from each line's trimmed value string. */
    private static Sdp byTrimmedLines(String text) {
        String origin = null;
        String connection = null;
        String sessionDirection = null;
        List<String[]> sections = new ArrayList<>();
        List<List<String>> maps = new ArrayList<>();
        List<String> connections = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        // the section lines belong to: none before the first m= line and after an m= line of fewer than 3 fields
        int last = -1;
        for (String line : text.split("\r?\n", -1)) {
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String value = line.substring(2).trim();
            switch (line.charAt(0)) {
                case 'o' -> origin = value;
                case 'c' -> {
                    String[] parts = MessageScanner.blanks(value);
                    String address = parts[parts.length - 1];
                    int slash = address.indexOf('/');
                    address = slash > 0 ? address.substring(0, slash) : address;
                    if (last < 0) {
                        connection = address;
                    } else {
                        connections.set(last, address);
                    }
                }
                case 'm' -> {
                    String[] parts = MessageScanner.blanks(value);
                    last = -1;
                    if (parts.length >= 3) {
                        sections.add(parts);
                        maps.add(new ArrayList<>());
                        connections.add(null);
                        directions.add(null);
                        last = sections.size() - 1;
                    }
                }
                case 'a' -> {
                    if (List.of(DIRECTIONS).contains(value)) {
                        if (last < 0) {
                            sessionDirection = value;
                        } else {
                            directions.set(last, value);
                        }
                    } else if (last >= 0 && value.startsWith("rtpmap:")) {
                        String mapping = value.substring("rtpmap:".length());
                        int space = mapping.indexOf(' ');
                        if (space > 0) {
                            maps.get(last).add(mapping.substring(0, space).trim());
                            maps.get(last).add(mapping.substring(space + 1).trim());
                        }
                    }
                }
                default -> {
                }
            }
        }
        List<SdpMedia> media = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            String[] p = sections.get(i);
            List<String> codecs = new ArrayList<>();
            for (int f = 3; f < p.length; f++) {
                String name = null;
                List<String> map = maps.get(i);
                for (int k = 0; k < map.size(); k += 2) {
                    if (map.get(k).equals(p[f])) {
                        name = map.get(k + 1); // the last rtpmap of a type wins, as in a map
                    }
                }
                if (name == null && p[2].contains("RTP")) {
                    name = Sdp.staticType(p[f]);
                }
                codecs.add(name == null ? p[f] : p[f] + " " + name);
            }
            String dir = directions.get(i) != null ? directions.get(i) : sessionDirection != null ? sessionDirection
                    : "sendrecv";
            media.add(new SdpMedia(p[0], Sdp.mediaPort(p[1]), p[2], codecs, connections.get(i), dir));
        }
        return new Sdp(origin, connection, media);
    }
}
