package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A private address advertised to a public peer is a risk; where the capture shows the peer's RTP reaching it, the
 * peer or a NAT corrected the address for that call, and the finding says so instead of warning.
 */
class PrivateAddressRtpTest {

    private static final long T0 = 1_763_900_000_000_000L;
    private static final String PHONE = "192.168.0.10";
    private static final String PEER = "203.0.113.8";

    @TempDir
    Path dir;

    /** A call from a phone behind NAT (the capture taken beside it) to a public peer, RTP both ways or only out. */
    private Finding privateAddress(boolean peerSends) throws Exception {
        String callId = peerSends ? "nat-both" : "nat-out";
        String answer = SipText.response(200, "OK", "INVITE", callId, 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp(PEER, 50000, "sendrecv");
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        Captures c = Captures.pcap()
                .udp(T0, PHONE + ":5060", PEER + ":5060",
                        SipText.request("INVITE", "sip:bob@" + PEER, callId, 1, Rtp.sdp(PHONE, 40000, "sendrecv")))
                .udp(T0 + 1000, PEER + ":5060", PHONE + ":5060", answer)
                .udp(T0 + 2000, PHONE + ":5060", PEER + ":5060", SipText.request("ACK", "sip:bob@" + PEER, callId, 1, ""));
        for (int i = 0; i < 50; i++) {
            long t = T0 + 100_000 + i * 20_000L;
            c.udp(t, PHONE + ":40000", PEER + ":50000", Rtp.packet(8, 1 + i, 160L * i, 0x1111L, i == 0));
            if (peerSends) {
                c.udp(t + 5_000, PEER + ":50000", PHONE + ":40000", Rtp.packet(8, 100 + i, 160L * i, 0x2222L, i == 0));
            }
        }
        long end = T0 + 1_200_000;
        c.udp(end, PHONE + ":5060", PEER + ":5060", SipText.request("BYE", "sip:bob@" + PEER, callId, 2, ""));
        c.udp(end + 1000, PEER + ":5060", PHONE + ":5060", SipText.response(200, "OK", "BYE", callId, 2));
        Diagnosis d = MediaCase.diagnoseFile(c.write(dir.resolve(callId + ".pcap")), LiveKitConfig.empty(),
                new MediaCollector());
        List<Finding> found = d.withCode(FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER);
        assertEquals(1, found.size(), d.findings().toString());
        return found.get(0);
    }

    @Test
    void thePeersRtpReachingThePrivateAddressShowsItWasCorrected() throws Exception {
        Finding f = privateAddress(true);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("RTP from " + PEER + ":50000 reached " + PHONE
                + ":40000 (50 packets from frame ")), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("the risk did not come true here"), f.explanation());
    }

    @Test
    void withoutTheirRtpTheRiskStands() throws Exception {
        Finding f = privateAddress(false);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.evidence().facts().stream().noneMatch(x -> x.startsWith("RTP from")), f.evidence().facts().toString());
    }
}
