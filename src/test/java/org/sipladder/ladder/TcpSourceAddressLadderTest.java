package org.sipladder.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureReader;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.LiveFlows;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;

/**
 * A proxy listening on 10.0.0.10:5060 opens its TCP connection to the callee from an address the kernel chose, the
 * caller's 10.0.0.1, with a passing port (kamailio 5.6 on loopback, RFC 3261 18.1.1); its Via names 10.0.0.10. The
 * forwarded INVITE and the answers on that connection belong on the proxy's column, not the caller's.
 */
class TcpSourceAddressLadderTest {

    private static final long T0 = 1_795_011_787_000_000L;
    private static final String CALLER = "10.0.0.1:5061";
    private static final String PROXY = "10.0.0.10:5060";
    private static final String PASSING = "10.0.0.1:47920";
    private static final String CALLEE = "10.0.0.2:5062";

    @TempDir
    Path dir;

    private static String invite(boolean forwarded) {
        String via = (forwarded ? "Via: SIP/2.0/TCP 10.0.0.10;branch=z9hG4bKp1\r\n" : "")
                + "Via: SIP/2.0/TCP 10.0.0.1:5061;branch=z9hG4bKc1\r\n";
        return "INVITE sip:bob@10.0.0.2:5062;transport=tcp SIP/2.0\r\n" + via
                + "From: <sip:alice@10.0.0.1>;tag=a\r\nTo: <sip:bob@10.0.0.10>\r\nCall-ID: tcp-src\r\n"
                + "CSeq: 1 INVITE\r\nContact: <sip:alice@10.0.0.1:5061;transport=tcp>\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String ok(boolean forwarded) {
        String via = (forwarded ? "Via: SIP/2.0/TCP 10.0.0.10;branch=z9hG4bKp1\r\n" : "")
                + "Via: SIP/2.0/TCP 10.0.0.1:5061;branch=z9hG4bKc1\r\n";
        return "SIP/2.0 200 OK\r\n" + via + "From: <sip:alice@10.0.0.1>;tag=a\r\nTo: <sip:bob@10.0.0.10>;tag=b\r\n"
                + "Call-ID: tcp-src\r\nCSeq: 1 INVITE\r\nContact: <sip:bob@10.0.0.2:5062;transport=tcp>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void theProxysConnectionFromThePassingPortIsDrawnOnTheProxysColumn() throws Exception {
        Path file = Captures.pcap()
                .tcp(T0, CALLER, PROXY, 1000, invite(false))
                .tcp(T0 + 1000, PASSING, CALLEE, 5000, invite(true))
                .tcp(T0 + 300_000, CALLEE, PASSING, 9000, ok(true))
                .tcp(T0 + 301_000, PROXY, CALLER, 7000, ok(false))
                .write(dir.resolve("tcp-source.pcap"));
        LiveFlows flows = new LiveFlows();
        new CaptureReader().read(file, new ParsingListener(SipParser.Depth.SCAN) {
            @Override
            public void prepared(SipMessage m) {
                flows.add(m);
            }
        });
        List<CallFlow> calls = flows.snapshot();
        assertEquals(1, calls.size());
        LadderLayout layout = LadderLayout.of(calls.get(0), LadderStyle.standard());
        List<String> columns = layout.columns().stream().map(c -> c.hop().address()).toList();
        assertEquals(List.of("10.0.0.1", "10.0.0.10", "10.0.0.2"), columns);
        // INVITE caller -> proxy, INVITE proxy -> callee, 200 callee -> proxy, 200 proxy -> caller
        List<List<Integer>> arrows = layout.rows().stream()
                .map(r -> List.of(r.arrow().fromColumn(), r.arrow().toColumn())).toList();
        assertEquals(List.of(List.of(0, 1), List.of(1, 2), List.of(2, 1), List.of(1, 0)), arrows);
    }
}
