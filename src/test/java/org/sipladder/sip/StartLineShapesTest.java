package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.SipPayload;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * Start lines of the shapes RFC 4475 tortures parsers with: a method is any token (RFC 3261 25.1), so one that
 * starts with '!' or holds '%' is a well-formed unknown method; blanks after the version, another SIP version and
 * a status code of more than three digits are malformed. Each is listed, over UDP and TCP, at both depths, and
 * only the malformed ones are flagged, with the reason.
 */
class StartLineShapesTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    /** A request as SipText writes it, with its request line replaced. */
    private static String withStartLine(String startLine, String method, String callId) {
        String m = SipText.request(method, "sip:bob@example.com", callId, 7, "");
        return startLine + m.substring(m.indexOf("\r\n"));
    }

    private List<SipMessage> read(String name, String message, SipParser.Depth depth) throws CaptureException {
        String next = SipText.request("OPTIONS", "sip:bob@example.com", name + "-next", 1, "");
        Path file = Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", message)
                .tcp(T + 1, "10.0.0.1:5070", "10.0.0.2:5060", 1000, message + next)
                .write(dir.resolve(name + "-" + depth + ".pcap"));
        List<SipMessage> read = new ArrayList<>();
        SipParser parser = new SipParser(depth);
        new CaptureReader().read(file, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                parser.parse(p).ifPresent(read::add);
            }
        });
        assertEquals(3, read.size(), name + ": the message over UDP and TCP, and the one after it on TCP");
        assertEquals(name + "-next", read.get(2).callId(), "the stream goes on after it");
        assertFalse(read.get(2).malformed(), read.get(2).malformedReason());
        return read.subList(0, 2);
    }

    @Test
    void aMethodOfAnyTokenCharactersIsAWellFormedUnknownMethod() throws CaptureException {
        String method = "!odd.Method_0*+`%56'~";
        String message = withStartLine(method + " sip:1_odd~(uri)&it$/x?,/;;*@example.com SIP/2.0", method, "tok-1");
        for (SipParser.Depth depth : SipParser.Depth.values()) {
            for (SipMessage m : read("token", message, depth)) {
                assertEquals(method, m.method(), depth.toString());
                assertEquals("tok-1", m.callId());
                assertEquals("7 " + method, m.cseq());
                assertFalse(m.malformed(), depth + ": " + m.malformedReason());
            }
        }
    }

    @Test
    void blanksAfterTheVersionAreListedAndFlagged() throws CaptureException {
        String message = withStartLine("OPTIONS sip:bob@example.com SIP/2.0  ", "OPTIONS", "trail-1");
        for (SipParser.Depth depth : SipParser.Depth.values()) {
            for (SipMessage m : read("trailing", message, depth)) {
                assertEquals("OPTIONS", m.method());
                assertTrue(m.malformed(), depth.toString());
                assertTrue(m.malformedReason().contains("after the SIP version"), m.malformedReason());
            }
        }
    }

    @Test
    void anotherSipVersionIsListedAndFlagged() throws CaptureException {
        String message = withStartLine("OPTIONS sip:bob@example.com SIP/7.0", "OPTIONS", "vers-1");
        for (SipParser.Depth depth : SipParser.Depth.values()) {
            for (SipMessage m : read("version", message, depth)) {
                assertEquals("OPTIONS", m.method());
                assertTrue(m.malformed(), depth.toString());
                assertTrue(m.malformedReason().contains("SIP/7.0"), m.malformedReason());
                assertTrue(m.malformedReason().contains("505"), m.malformedReason());
            }
        }
    }

    @Test
    void aStatusCodeOfMoreThanThreeDigitsIsListedAndFlagged() throws CaptureException {
        String ok = SipText.response(200, "OK", "OPTIONS", "big-1", 7);
        String message = "SIP/2.0 4294967301 too big" + ok.substring(ok.indexOf("\r\n"));
        for (SipParser.Depth depth : SipParser.Depth.values()) {
            for (SipMessage m : read("bigcode", message, depth)) {
                assertEquals("big-1", m.callId());
                assertTrue(m.malformed(), depth.toString());
                assertTrue(m.malformedReason().contains("4294967301"), m.malformedReason());
            }
        }
    }
}
