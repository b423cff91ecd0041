package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Captures;

/** A failed attempt its sender retried successfully is information, not the call's error; failed retries are counted. */
class RetryRecoveredTest {

    private static final String UAC = "198.51.100.10:5060";
    private static final String SERVER = "203.0.113.20:5060";
    private static final long T0 = 1_795_011_787_000_000L;

    @TempDir
    Path dir;

    private static String invite(String callId, int cseq, String extra) {
        String ruri = "sip:4940222@203.0.113.20";
        String sdp = "v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\ns=-\r\nc=IN IP4 198.51.100.10\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return "INVITE " + ruri + " SIP/2.0\r\nVia: SIP/2.0/UDP 198.51.100.10:5060;branch=z9hG4bK" + callId + cseq
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:4930111@198.51.100.10>;tag=f" + callId + "\r\nTo: <" + ruri
                + ">\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " INVITE\r\nContact: <sip:4930111@198.51.100.10>\r\n"
                + extra + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String answer(String invite, int status, String reason, String extra) {
        StringBuilder s = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String line : invite.substring(0, invite.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                s.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                s.append(line).append(";tag=t").append(status).append("\r\n");
            }
        }
        return s.append(extra).append("Content-Length: 0\r\n\r\n").toString();
    }

    /** INVITE at {@code micros}, its final answer 0.2 s later: frames n and n+1. */
    private static void attempt(Captures c, long micros, String callId, int cseq, String extra, int status, String reason) {
        String invite = invite(callId, cseq, extra);
        c.udp(micros, UAC, SERVER, invite);
        c.udp(micros + 200_000, SERVER, UAC, answer(invite, status, reason, status == 422 ? "Min-SE: 1800\r\n" : ""));
    }

    private Diagnosis diagnose(Captures c) throws Exception {
        return MediaCase.diagnoseFile(c.write(dir.resolve("retry.pcap")), LiveKitConfig.empty(), new MediaCollector());
    }

    @Test
    void a415RetriedUnderANewCallIdAndAnsweredIsNoErrorButInformationNamingBothAttempts() throws Exception {
        Captures c = Captures.pcap();
        attempt(c, T0, "c1", 1, "", 415, "Unsupported Media Type");
        attempt(c, T0 + 700_000, "c2", 1, "Accept: application/sdp\r\n", 200, "OK");

        Diagnosis d = diagnose(c);

        assertTrue(d.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR || f.primary()), d.findings().toString());
        Finding info = d.withCode(RetryRecoveredCheck.CODE).get(0);
        assertEquals(Severity.INFO, info.severity());
        assertEquals(List.of(1L, 2L, 3L, 4L), info.evidence().frames());
        assertTrue(info.evidence().facts().get(1).contains("new Call-ID c2: 200 OK (frame 4)"), info.evidence().facts().toString());
    }

    @Test
    void a422RetriedWithALargerSessionExpiresIsInformation() throws Exception {
        Captures c = Captures.pcap();
        attempt(c, T0, "c1", 1, "Session-Expires: 90\r\n", 422, "Session Interval Too Small");
        attempt(c, T0 + 300_000, "c1", 2, "Session-Expires: 1800\r\n", 200, "OK");

        Diagnosis d = diagnose(c);

        Finding info = d.withCode(RetryRecoveredCheck.CODE).get(0);
        assertEquals(List.of(1L, 2L, 3L, 4L), info.evidence().frames());
        assertTrue(info.evidence().facts().get(1).contains("same Call-ID, CSeq 2"), info.evidence().facts().toString());
    }

    @Test
    void whenEveryAttemptFailsTheErrorStaysAndCountsThem() throws Exception {
        Captures c = Captures.pcap();
        // each retry changes the request (as a 415 asks), and is refused again
        attempt(c, T0, "c1", 1, "", 415, "Unsupported Media Type");
        attempt(c, T0 + 500_000, "c2", 1, "Accept: application/sdp\r\n", 415, "Unsupported Media Type");
        attempt(c, T0 + 1_000_000, "c3", 1, "Content-Encoding: identity\r\n", 415, "Unsupported Media Type");

        Diagnosis d = diagnose(c);

        Finding rejected = d.withCode(CallRejectedCheck.CODE).get(0);
        assertEquals(Severity.ERROR, rejected.severity());
        assertTrue(rejected.primary());
        assertTrue(rejected.explanation().contains("tried 3 times and every attempt failed"), rejected.explanation());
        assertEquals(List.of(1L, 3L, 5L, 6L), rejected.evidence().frames());
        assertTrue(d.withCode(RetryRecoveredCheck.CODE).isEmpty());
    }

    @Test
    void aDigestChallengeIsNotAFailedAttemptOfItsOwn() throws Exception {
        // 407, then the authenticated INVITE (CSeq 2) refused 403: one attempt, refused
        Captures c = Captures.pcap();
        attempt(c, T0, "c1", 1, "", 407, "Proxy Authentication Required");
        attempt(c, T0 + 100_000, "c1", 2, "Proxy-Authorization: Digest username=\"a\"\r\n", 403, "Forbidden");

        Finding rejected = diagnose(c).withCode(CallRejectedCheck.CODE).get(0);

        assertFalse(rejected.explanation().contains("every attempt failed"), rejected.explanation());
        assertTrue(rejected.evidence().facts().stream().noneMatch(f -> f.contains("attempts from")),
                rejected.evidence().facts().toString());
    }
}
