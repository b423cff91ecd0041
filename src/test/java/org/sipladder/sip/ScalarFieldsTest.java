package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipladder.capture.CaptureException;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * Numbers beyond the bounds RFC 3261 sets (RFC 4475 3.1.2.4 scalar02, 3.1.2.5 scalarlg): a CSeq number of 2**31 or
 * more is flagged at both depths (the bulk read of calls and diagnose too) with the number and the rule; Max-Forwards
 * beyond 255, Expires and Retry-After beyond 2**32-1 and an overflowing Content-Length get a reason that says so
 * instead of jain-sip's "unparsable header". The largest allowed values, and leading zeros, stay unflagged.
 */
class ScalarFieldsTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private static String register(String cseq) {
        return SipText.request("REGISTER", "sip:example.com", "scalar-1", 1, "").replace("CSeq: 1 REGISTER",
                "CSeq: " + cseq + " REGISTER");
    }

    private static String withHeader(String line) {
        String m = SipText.request("REGISTER", "sip:example.com", "scalar-2", 1, "");
        String name = line.substring(0, line.indexOf(':') + 1);
        int at = m.indexOf("\r\n" + name);
        if (at >= 0) {
            return m.substring(0, at) + "\r\n" + line + m.substring(m.indexOf("\r\n", at + 2));
        }
        int end = m.indexOf("\r\nContent-Length");
        return m.substring(0, end) + "\r\n" + line + m.substring(end);
    }

    private static SipMessage parse(String text, SipParser.Depth depth) {
        return new SipParser(depth).parse(SipParserTest.payload(text)).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"36893488147419103232", "2147483648", "4294967295", "00000000002147483648"})
    void aCseqNumberOf2To31OrMoreIsFlaggedAtBothDepths(String number) {
        for (SipParser.Depth depth : SipParser.Depth.values()) {
            SipMessage m = parse(register(number), depth);
            assertTrue(m.malformed(), depth + " " + number);
            assertEquals("CSeq number " + number + " is beyond 2**31-1 (RFC 3261 8.1.1.5)", m.malformedReason(),
                    depth.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "2147483647", "0000000000002147483647", "1000000000"})
    void aCseqNumberBelow2To31IsNotFlagged(String number) {
        for (SipParser.Depth depth : SipParser.Depth.values()) {
            SipMessage m = parse(register(number), depth);
            assertFalse(m.malformed(), depth + ": " + m.malformedReason());
            assertEquals(number + " REGISTER", m.cseq());
        }
    }

    @Test
    void theBulkReadFlagsTheCseqOverflow() throws CaptureException {
        Path file = Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", register("36893488147419103232")
                        .getBytes(StandardCharsets.US_ASCII))
                .udp(T + 1, "10.0.0.1:5060", "10.0.0.2:5060", register("2147483647")
                        .getBytes(StandardCharsets.US_ASCII))
                .write(dir.resolve("cseq.pcap"));
        List<SipMessage> read = ControlBytesTest.read(file);
        assertEquals(2, read.size());
        assertTrue(read.get(0).malformed());
        assertTrue(read.get(0).malformedReason().contains("beyond 2**31-1"), read.get(0).malformedReason());
        assertFalse(read.get(1).malformed(), read.get(1).malformedReason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Max-Forwards: 300 | Max-Forwards 300 is beyond 255 (RFC 3261 20.22)",
        "Max-Forwards: 99999999999999999999 | Max-Forwards 99999999999999999999 is beyond 255 (RFC 3261 20.22)",
        "Expires: 4294967296 | Expires 4294967296 is beyond 2**32-1 seconds (RFC 3261 20.19)",
        "Retry-After: 949302838503028349304023988 | Retry-After 949302838503028349304023988 is beyond 2**32-1 seconds",
    })
    void aHeaderNumberBeyondItsBoundIsNamedAtFullDepth(String line, String reason) {
        SipMessage m = parse(withHeader(line), SipParser.Depth.FULL);
        assertTrue(m.malformed(), line);
        assertTrue(m.malformedReason().startsWith(reason), m.malformedReason());
        assertFalse(m.malformedReason().contains("unparsable"), m.malformedReason());
    }

    @Test
    void aVeryLongNumberIsShortenedInTheReason() {
        String huge = "1" + "0".repeat(100);
        SipMessage m = parse(withHeader("Expires: " + huge), SipParser.Depth.FULL);
        assertTrue(m.malformedReason().startsWith("Expires 1000000000000000000000000…0 (101 digits) is beyond"),
                m.malformedReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Max-Forwards: 255", "Max-Forwards: 0", "Expires: 4294967295", "Expires: 0",
        "Retry-After: 4294967295 (lunch);duration=60", "Retry-After: 120"})
    void theLargestAllowedNumbersAreNotFlagged(String line) {
        for (SipParser.Depth depth : SipParser.Depth.values()) {
            SipMessage m = parse(withHeader(line), depth);
            assertFalse(m.malformed(), depth + " " + line + ": " + m.malformedReason());
        }
    }

    @Test
    void anOverflowingContentLengthSaysHowMuchWasCaptured() {
        String m = SipText.request("OPTIONS", "sip:bob@example.com", "cl-1", 1, "")
                .replace("Content-Length: 0", "Content-Length: 99999999999999999999");
        for (SipParser.Depth depth : SipParser.Depth.values()) {
            SipMessage parsed = parse(m, depth);
            assertTrue(parsed.malformed(), depth.toString());
            assertTrue(parsed.malformedReason().startsWith(
                    "Content-Length 99999999999999999999 but only 0 body bytes were captured"), parsed.malformedReason());
        }
    }
}
