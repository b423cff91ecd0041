package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureReader;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;

/**
 * Messages without a Call-ID value name no dialog (RFC 3261 8.1.1.4); sngrep still lists them as a call under the
 * empty Call-ID text. They are calls of their own here, one per dialog (tags) or transaction (branch), named so the
 * list shows what is wrong, and the other calls group as before.
 */
class UnnamedDialogsTest {

    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";

    @TempDir
    Path dir;

    /** A request from {@code from} to {@code to}; {@code callId} null leaves the header out. */
    static String request(String method, String callId, String from, String to, String fromTag, String toTag,
                          String branch) {
        return method + " sip:u@" + to + " SIP/2.0\r\nVia: SIP/2.0/UDP " + from + ":5060;branch=z9hG4bK" + branch
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:a@" + from + ">;tag=" + fromTag + "\r\nTo: <sip:b@" + to + ">"
                + (toTag == null ? "" : ";tag=" + toTag) + "\r\n" + (callId == null ? "" : "Call-ID: " + callId + "\r\n")
                + "CSeq: 1 " + method + "\r\nContact: <sip:a@" + from + ":5060>\r\nContent-Length: 0\r\n\r\n";
    }

    /** The response {@code status} to {@code request}, To tag {@code toTag} added when the request had none. */
    static String response(String request, int status, String reason, String toTag) {
        StringBuilder s = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String line : request.substring(0, request.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                s.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                s.append(line).append(line.contains(";tag=") ? "" : ";tag=" + toTag).append("\r\n");
            }
        }
        return s.append("Content-Length: 0\r\n\r\n").toString();
    }

    /**
     * Frames 1-3: an INVITE without Call-ID refused 400, ACK. Frames 4-9: an INVITE with an empty Call-ID answered
     * 200, ACK, then the callee's BYE (its own From tag) and 200. Frame 10: an OPTIONS with an empty Call-ID from
     * another sender. Frames 11-12: a normal call, 486.
     */
    static Captures capture() {
        String missing = request("INVITE", null, A, B, "m1", null, "m1");
        String empty = request("INVITE", "", A, B, "e1", null, "e1");
        String bye = request("BYE", "", B, A, "y1", "e1", "eb");
        String normal = request("INVITE", "normal-1", A, B, "n1", null, "n1");
        long t = 1_700_000_000_000_000L;
        return Captures.pcap()
                .udp(t, A + ":5060", B + ":5060", missing)
                .udp(t + 1_000, B + ":5060", A + ":5060", response(missing, 400, "Missing Call-ID", "x1"))
                .udp(t + 2_000, A + ":5060", B + ":5060", request("ACK", null, A, B, "m1", "x1", "m1"))
                .udp(t + 3_000, A + ":5060", B + ":5060", empty)
                .udp(t + 4_000, B + ":5060", A + ":5060", response(empty, 180, "Ringing", "y1"))
                .udp(t + 5_000, B + ":5060", A + ":5060", response(empty, 200, "OK", "y1"))
                .udp(t + 6_000, A + ":5060", B + ":5060", request("ACK", "", A, B, "e1", "y1", "ea"))
                .udp(t + 7_000, B + ":5060", A + ":5060", bye)
                .udp(t + 8_000, A + ":5060", B + ":5060", response(bye, 200, "OK", ""))
                .udp(t + 9_000, "10.0.0.3:5060", B + ":5060", request("OPTIONS", "", "10.0.0.3", B, "o1", null, "o1"))
                .udp(t + 10_000, A + ":5060", B + ":5060", normal)
                .udp(t + 11_000, B + ":5060", A + ":5060", response(normal, 486, "Busy Here", "w1"));
    }

    /** The summaries of {@link #capture()} read through the real reader and parser. */
    static List<CallSummary> read(Path file) throws Exception {
        LiveFlows flows = new LiveFlows();
        List<SipMessage> messages = new ArrayList<>();
        new CaptureReader().read(file, new ParsingListener(SipParser.Depth.SCAN) {
            @Override
            public void prepared(SipMessage m) {
                messages.add(m);
                flows.add(m);
            }
        });
        assertEquals(12, messages.size());
        return flows.summaries();
    }

    @Test
    void messagesWithoutACallIdValueAreCallsOfTheirOwnPerDialogAndNamedSo() throws Exception {
        List<CallSummary> calls = read(capture().write(dir.resolve("unnamed.pcap")));

        assertEquals(List.of("(no Call-ID #1)", "(empty Call-ID #1)", "(empty Call-ID #2)", "normal-1"),
                calls.stream().map(CallSummary::id).toList());
        assertEquals(List.of(3, 6, 1, 2), calls.stream().map(CallSummary::messages).toList());
        assertEquals(List.of(400, 200, 0, 486), calls.stream().map(CallSummary::finalStatus).toList());
        CallFlow empty = calls.get(1).flow();
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L),
                empty.messages().stream().map(m -> m.message().frame()).toList());
        assertTrue(empty.messages().stream().allMatch(m -> m.message().malformed() && "".equals(m.message().callId())));
        assertEquals(List.of(1L, 2L, 3L), calls.get(0).flow().messages().stream().map(m -> m.message().frame()).toList());
        assertEquals(1, calls.get(3).flow().legs().size());
    }

    @Test
    void aCallWithoutCallIdGetsNoFindingsThatPairNothingAndOneWithAnEmptyCallIdIsDiagnosed() throws Exception {
        List<CallFlow> flows = CallSummary.flows(read(capture().write(dir.resolve("diagnosed.pcap"))));

        Diagnosis d = DiagnosisEngine.standard().diagnose(flows, LiveKitConfig.empty());

        // without a Call-ID the 400 answers no request that could be told: no "INVITE got no final response", only
        // that its messages are malformed
        assertEquals(List.of(FindingCode.SIP_MALFORMED_MESSAGE), d.findings().stream()
                .filter(f -> "(no Call-ID #1)".equals(f.flowId())).map(Finding::code).toList());
        assertEquals(1, d.findings().stream().filter(f -> "(empty Call-ID #2)".equals(f.flowId())
                && f.code() != FindingCode.SIP_MALFORMED_MESSAGE).count(), d.findings().toString());
    }
}
