package org.sipladder.media;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;

/**
 * Reads the RTP sections of the SDP in a SIP message straight from its bytes, while the capture is being read.
 * A message without a body (most of them) costs four byte comparisons: the body is found from the end.
 */
final class SdpScan {

    private SdpScan() {
    }

    /** The RTP media sections the message's SDP announces; empty when it carries no SDP. */
    static List<SdpAnnouncement> scan(SipPayload p) {
        byte[] a = p.data();
        int n = a.length;
        if (n < 16 || endsWithBlankLine(a, n)) {
            return List.of();
        }
        int v = sdpStart(a, n);
        if (v < 0) {
            return List.of();
        }
        Headers h = headers(a, v);
        return sections(p, h, a, v, n);
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

    /** The header fields the binding needs: start line, Call-ID and CSeq. */
    private record Headers(String method, int status, String callId, long cseq) {
    }

    private static Headers headers(byte[] a, int end) {
        String method = null;
        int status = 0;
        String callId = null;
        long cseq = -1;
        String cseqMethod = null;
        int line = 0;
        boolean first = true;
        while (line < end) {
            int eol = line;
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
                    method = text(a, line, sp);
                }
            } else {
                int value = headerValue(a, line, stop, "call-id", "i");
                if (value >= 0) {
                    callId = text(a, value, stop).trim();
                } else if ((value = headerValue(a, line, stop, "cseq", null)) >= 0) {
                    String[] parts = text(a, value, stop).trim().split("\\s+");
                    try {
                        cseq = Long.parseLong(parts[0]);
                    } catch (NumberFormatException e) {
                        cseq = -1;
                    }
                    cseqMethod = parts.length > 1 ? parts[1] : null;
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
            if (Character.toLowerCase((char) a[from + i]) != name.charAt(i)) {
                return -1;
            }
        }
        int i = from + n;
        while (i < to && (a[i] == ' ' || a[i] == '\t')) {
            i++;
        }
        return i < to && a[i] == ':' ? i + 1 : -1;
    }

    private static List<SdpAnnouncement> sections(SipPayload p, Headers h, byte[] a, int from, int end) {
        int stop = end;
        for (int i = from; i + 2 < end; i++) {
            if (a[i] == '\n' && a[i + 1] == '-' && a[i + 2] == '-') {
                stop = i + 1; // the next part of a multipart body
                break;
            }
        }
        Sdp sdp = Sdp.parse(text(a, from, stop));
        List<SdpAnnouncement> out = new ArrayList<>(sdp.media().size());
        for (SdpMedia m : sdp.media()) {
            String address = m.connection() != null ? m.connection() : sdp.connection();
            if (address == null || !m.protocol().toUpperCase(Locale.ROOT).contains("RTP") || m.port() < 0
                    || m.port() > 65535) {
                continue;
            }
            List<PayloadType> types = new ArrayList<>(m.codecs().size());
            for (String codec : m.codecs()) {
                PayloadType t = payloadType(codec);
                if (t != null) {
                    types.add(t);
                }
            }
            out.add(new SdpAnnouncement(p.frame(), p.timestampMicros(), h.callId(), h.cseq(), h.method(), h.status(),
                    p.src(), p.dst(), m.type(), endpoint(address, m.port()), address, m.port(), List.copyOf(types),
                    m.direction()));
        }
        return out;
    }

    /** "101 telephone-event/8000" (or "18" alone) as a payload type; null when the format is not a number. */
    static PayloadType payloadType(String codec) {
        int space = codec.indexOf(' ');
        int pt;
        try {
            pt = Integer.parseInt(space < 0 ? codec : codec.substring(0, space));
        } catch (NumberFormatException e) {
            return null;
        }
        if (pt < 0 || pt > 127) {
            return null;
        }
        if (space < 0) {
            return new PayloadType(pt, null, 0);
        }
        String[] enc = codec.substring(space + 1).split("/");
        int rate = 0;
        if (enc.length > 1) {
            try {
                rate = Integer.parseInt(enc[1].trim());
            } catch (NumberFormatException e) {
                rate = 0;
            }
        }
        return new PayloadType(pt, enc[0].trim(), rate);
    }

    /** The endpoint of a literal IPv4 or IPv6 address, formatted as the capture formats addresses; null otherwise. */
    static Endpoint endpoint(String address, int port) {
        byte[] raw = literal(address);
        return raw == null ? null : Endpoint.of(raw, 0, raw.length, port);
    }

    /** The bytes of a literal IP address, or null for anything else (never a name lookup). */
    static byte[] literal(String address) {
        if (address.indexOf(':') < 0) {
            String[] parts = address.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                b[i] = (byte) v;
            }
            return b;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null; // a scope id or a name: InetAddress would look it up
            }
        }
        try {
            byte[] b = InetAddress.getByName(address).getAddress();
            return b.length == 16 || b.length == 4 ? b : null;
        } catch (UnknownHostException e) {
            return null;
        }
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

    private static String text(byte[] a, int from, int to) {
        return new String(a, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
