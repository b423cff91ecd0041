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
 * RTP that a public host sends to the private address of its peer's SDP, while the peer's own RTP comes from a public
 * address, travels the internet, where private addresses (RFC 1918) are not routed: the capture shows it leave, but
 * it reaches nobody, so the peer hears nothing, as when none was sent. Where the peer's RTP comes from a private
 * address too, both sit on one private network (or the capture beside the peer), and the RTP arrives.
 */
class UnroutableRtpTest {

    private static final long T0 = 1_765_000_000_000_000L;
    private static final String CALLER = "35.200.10.5";
    private static final String CALLEE = "203.0.113.10";

    @TempDir
    Path dir;

    /**
     * An answered call from public {@code CALLER} to {@code CALLEE}, whose 200 OK names {@code answered}:30000; the
     * caller sends there for 10 s, the callee sends from {@code calleeSends}:30000, and the callee hangs up.
     */
    private Diagnosis call(String callId, String answered, String calleeSends) throws Exception {
        String answer = SipText.response(200, "OK", "INVITE", callId, 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp(answered, 30000, "sendrecv");
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        Captures c = Captures.pcap()
                .udp(T0, CALLER + ":5060", CALLEE + ":5060", SipText.request("INVITE", "sip:bob@" + CALLEE, callId, 1,
                        Rtp.sdp(CALLER, 50000, "sendrecv")))
                .udp(T0 + 500_000, CALLEE + ":5060", CALLER + ":5060", answer)
                .udp(T0 + 510_000, CALLER + ":5060", CALLEE + ":5060",
                        SipText.request("ACK", "sip:bob@" + CALLEE, callId, 1, ""));
        for (int i = 0; i < 500; i++) {
            long t = T0 + 600_000 + i * 20_000L;
            c.udp(t, CALLER + ":50000", answered + ":30000", Rtp.packet(0, 1 + i, 160L * i, 0x1C1L, i == 0));
            c.udp(t + 7_000, calleeSends + ":30000", CALLER + ":50000", Rtp.packet(0, 9 + i, 160L * i, 0xCA1L, i == 0));
        }
        long end = T0 + 10_700_000;
        c.udp(end, CALLEE + ":5060", CALLER + ":5060", SipText.request("BYE", "sip:alice@" + CALLER, callId, 2, ""));
        c.udp(end + 1000, CALLER + ":5060", CALLEE + ":5060", SipText.response(200, "OK", "BYE", callId, 2));
        return MediaCase.diagnoseFile(c.write(dir.resolve(callId + ".pcap")), LiveKitConfig.empty(),
                new MediaCollector());
    }

    @Test
    void rtpToThePrivateAddressOfAPublicPeerIsOneWayAudio() throws Exception {
        Diagnosis d = call("private-answer", "192.168.1.50", CALLEE);
        List<Finding> oneWay = d.withCode(FindingCode.MEDIA_ONE_WAY);
        assertEquals(1, oneWay.size(), d.findings().toString());
        Finding f = oneWay.get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.primary(), f.toString());
        assertTrue(f.title().contains("203.0.113.10"), f.title());
        assertTrue(f.explanation().contains("192.168.1.50"), f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("192.168.1.50:30000")
                && x.contains("cannot")), f.evidence().facts().toString());
    }

    @Test
    void rtpToAPrivateAddressArrivesWhenThePeersOwnRtpComesFromAPrivateOneToo() throws Exception {
        Diagnosis d = call("one-network", "192.168.1.50", "192.168.1.50");
        assertTrue(d.withCode(FindingCode.MEDIA_ONE_WAY).isEmpty(), d.findings().toString());
    }
}
