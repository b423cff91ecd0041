package org.sipladder.testkit;

/** Minimal but well-formed SIP message texts for tests; Content-Length always matches the body. */
public final class SipText {

    private SipText() {
    }

    /** A request, e.g. {@code request("INVITE", "sip:+15551234567@sip.example.com", "call-1", 1, "")}. */
    public static String request(String method, String uri, String callId, int cseq, String body) {
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-" + callId + "-" + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <" + uri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** A response to {@code method} with the given status and reason phrase. */
    public static String response(int status, String reason, String method, String callId, int cseq) {
        return "SIP/2.0 " + status + " " + reason + "\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-" + callId + "-" + cseq + "\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>;tag=b1\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** An INVITE with a small SDP body. */
    public static String invite(String callId) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return request("INVITE", "sip:+15551234567@sip.example.com", callId, 1, sdp);
    }
}
