package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;

/** SIP message texts for diagnosis tests; Content-Length always matches the body. */
final class SipTexts {

    static final String SDP_G711 = sdp("172.20.11.236", "8 PCMA/8000", "0 PCMU/8000", "101 telephone-event/8000");

    private SipTexts() {
    }

    /** An INVITE from {@code via} host with To equal to the Request-URI, plus extra header lines. */
    static String invite(String callId, String requestUri, String fromUser, String viaHost, String sdp, String... extra) {
        List<String> headers = new ArrayList<>(List.of(
                "Via: SIP/2.0/UDP " + viaHost + ":5060;rport;branch=z9hG4bK" + Math.abs(callId.hashCode()),
                "Max-Forwards: 70",
                "From: <sip:" + fromUser + "@" + viaHost + ">;tag=f" + Math.abs(callId.hashCode() % 9973),
                "To: <" + requestUri + ">",
                "Call-ID: " + callId,
                "CSeq: 1 INVITE",
                "Contact: <sip:" + viaHost + ":5060>"));
        headers.addAll(List.of(extra));
        if (!sdp.isEmpty()) {
            headers.add("Content-Type: application/sdp");
        }
        return message("INVITE " + requestUri + " SIP/2.0", headers, sdp);
    }

    /** The same INVITE with another CSeq and extra headers (e.g. a retry with Proxy-Authorization). */
    static String retry(String invite, int cseq, String... extra) {
        String head = invite.substring(0, invite.indexOf("\r\n\r\n")).replace("CSeq: 1 INVITE", "CSeq: " + cseq + " INVITE");
        List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
        String start = lines.remove(0);
        lines.removeIf(l -> l.startsWith("Content-Length"));
        lines.addAll(List.of(extra));
        return message(start, lines, invite.substring(invite.indexOf("\r\n\r\n") + 4));
    }

    /** The CANCEL of {@code invite}: its Request-URI, Via, From, To, Call-ID and CSeq number (RFC 3261 9.1). */
    static String cancel(String invite) {
        String head = invite.substring(0, invite.indexOf("\r\n\r\n"));
        StringBuilder text = new StringBuilder(head.substring(0, head.indexOf("\r\n")).replace("INVITE ", "CANCEL ")).append("\r\n");
        for (String line : head.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("To:") || line.startsWith("Call-ID:")
                    || line.startsWith("Max-Forwards:")) {
                text.append(line).append("\r\n");
            } else if (line.startsWith("CSeq:")) {
                text.append(line.replace("INVITE", "CANCEL")).append("\r\n");
            }
        }
        return text.append("Content-Length: 0\r\n\r\n").toString();
    }

    /** A response to {@code request} copying Via, From, To (tagged when final), Call-ID and CSeq. */
    static String response(String request, int status, String reason, String... extra) {
        List<String> headers = new ArrayList<>();
        for (String line : request.substring(0, request.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                headers.add(line);
            } else if (line.startsWith("To:")) {
                headers.add(status > 100 ? line + ";tag=t" + status : line);
            }
        }
        List<String> extraLines = new ArrayList<>(List.of(extra));
        String body = "";
        if (!extraLines.isEmpty() && extraLines.get(extraLines.size() - 1).startsWith("v=0")) {
            body = extraLines.remove(extraLines.size() - 1);
            extraLines.add("Content-Type: application/sdp");
        }
        headers.addAll(extraLines);
        return message("SIP/2.0 " + status + (reason.isEmpty() ? "" : " " + reason), headers, body);
    }

    static String sdp(String address, String... rtpmaps) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address
                + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP");
        for (String r : rtpmaps) {
            s.append(' ').append(r.split(" ")[0]);
        }
        s.append("\r\n");
        for (String r : rtpmaps) {
            s.append("a=rtpmap:").append(r).append("\r\n");
        }
        return s.toString();
    }

    private static String message(String start, List<String> headers, String body) {
        StringBuilder t = new StringBuilder(start).append("\r\n");
        headers.forEach(h -> t.append(h).append("\r\n"));
        return t.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body).toString();
    }
}
