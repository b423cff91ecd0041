package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.SipText;

/**
 * A caller behind a NAT that changes its RTP port: its RTP comes from another port than its SDP announced. A callee
 * that latches (symmetric RTP, rtpengine's default) sends its own RTP back to that source, so audio flows both ways:
 * the mismatch is worth knowing, not a fault. A callee that sends to the announced port instead loses its audio
 * behind such a NAT: that stays a warning.
 */
class LatchedAddressTest {

    private static final long T0 = 1_765_000_000_000_000L;
    private static final String CALLER = "203.0.113.10";
    private static final String CALLEE = "198.51.100.20";

    @TempDir
    Path dir;

    private Diagnosis call(String callId, int calleeSendsTo) throws Exception {
        String answer = SipText.response(200, "OK", "INVITE", callId, 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp(CALLEE, 40000, "sendrecv");
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        Captures c = Captures.pcap()
                .udp(T0, CALLER + ":5060", CALLEE + ":5060", SipText.request("INVITE", "sip:bob@" + CALLEE, callId, 1,
                        Rtp.sdp(CALLER, 30000, "sendrecv")))
                .udp(T0 + 500_000, CALLEE + ":5060", CALLER + ":5060", answer)
                .udp(T0 + 510_000, CALLER + ":5060", CALLEE + ":5060",
                        SipText.request("ACK", "sip:bob@" + CALLEE, callId, 1, ""));
        for (int i = 0; i < 500; i++) {
            long t = T0 + 600_000 + i * 20_000L;
            c.udp(t, CALLER + ":31234", CALLEE + ":40000", Rtp.packet(0, 1 + i, 160L * i, 0xCA1L, i == 0));
            c.udp(t + 7_000, CALLEE + ":40000", CALLER + ":" + calleeSendsTo,
                    Rtp.packet(0, 9 + i, 160L * i, 0x0B1L, i == 0));
        }
        long end = T0 + 10_700_000;
        c.udp(end, CALLER + ":5060", CALLEE + ":5060", SipText.request("BYE", "sip:bob@" + CALLEE, callId, 2, ""));
        c.udp(end + 1000, CALLEE + ":5060", CALLER + ":5060", SipText.response(200, "OK", "BYE", callId, 2));
        return MediaCase.diagnoseFile(c.write(dir.resolve(callId + ".pcap")), LiveKitConfig.empty(),
                new MediaCollector());
    }

    @Test
    void aMismatchTheCalleeLatchedOntoIsInformation() throws Exception {
        Diagnosis d = call("latched", 31234);
        List<Finding> found = d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH);
        assertEquals(2, found.size(), d.findings().toString());
        for (Finding f : found) {
            assertEquals(Severity.INFO, f.severity(), f.toString());
        }
    }

    @Test
    void aMismatchTheCalleeDidNotLatchOntoStaysAWarning() throws Exception {
        Diagnosis d = call("not-latched", 30000);
        List<Finding> found = d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH);
        assertEquals(1, found.size(), d.findings().toString());
        assertEquals(Severity.WARNING, found.get(0).severity());
    }
}
