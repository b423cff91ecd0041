package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;

/**
 * Kamailio with rtpengine over TCP: the proxy (10.0.0.10:5060) connects to the callee from the caller's address with
 * a passing port (the kernel's choice), its Via naming 10.0.0.10. Its hop to the callee is still its hop: the media
 * session there is found and named "the hop 10.0.0.10 -> 10.0.0.2", not merged into the caller's session.
 */
class TcpProxyHopsTest {

    private static final long T0 = 1_795_011_787_000_000L;
    private static final String CALLER = "10.0.0.1:5061";
    private static final String PROXY = "10.0.0.10:5060";
    private static final String PASSING = "10.0.0.1:47920";
    private static final String CALLEE = "10.0.0.2:5062";
    private static final String RELAY = "10.0.0.20";

    @TempDir
    Path dir;

    private static String sip(String start, boolean forwarded, String cseq, boolean toTag, String sdp) {
        return start + "\r\n" + (forwarded ? "Via: SIP/2.0/TCP 10.0.0.10;branch=z9hG4bKp" + cseq.charAt(0) + "\r\n" : "")
                + "Via: SIP/2.0/TCP 10.0.0.1:5061;branch=z9hG4bKc" + cseq.charAt(0) + "\r\n"
                + "From: <sip:alice@10.0.0.1>;tag=a\r\nTo: <sip:bob@10.0.0.10>" + (toTag ? ";tag=b" : "") + "\r\n"
                + "Call-ID: tcp-proxied\r\nCSeq: " + cseq + "\r\nContact: <sip:x@10.0.0.1:5061;transport=tcp>\r\n"
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static byte[] rtp(int seq, long ssrc) {
        return Rtp.packet(0, seq, 160L * seq, ssrc, seq == 0);
    }

    @Test
    void theProxysHopOverAPassingAddressIsItsOwnSession() throws Exception {
        String invite = "INVITE sip:bob@10.0.0.2:5062;transport=tcp SIP/2.0";
        Captures c = Captures.pcap()
                .tcp(T0, CALLER, PROXY, 1000, sip(invite, false, "1 INVITE", false, Rtp.sdp("10.0.0.1", 40000, "sendrecv")))
                .tcp(T0 + 1000, PASSING, CALLEE, 5000, sip(invite, true, "1 INVITE", false, Rtp.sdp(RELAY, 31000, "sendrecv")))
                .tcp(T0 + 300_000, CALLEE, PASSING, 9000, sip("SIP/2.0 200 OK", true, "1 INVITE", true, Rtp.sdp("10.0.0.2", 50000, "sendrecv")))
                .tcp(T0 + 301_000, PROXY, CALLER, 7000, sip("SIP/2.0 200 OK", false, "1 INVITE", true, Rtp.sdp(RELAY, 30000, "sendrecv")));
        long[] seq = {2000, 6000};
        c.tcp(T0 + 310_000, CALLER, PROXY, 1000 + 2000, sip("ACK sip:bob@10.0.0.2:5062;transport=tcp SIP/2.0", false, "1 ACK", true, ""));
        c.tcp(T0 + 311_000, PASSING, CALLEE, 5000 + 2000, sip("ACK sip:bob@10.0.0.2:5062;transport=tcp SIP/2.0", true, "1 ACK", true, ""));
        // the caller sends for 15 s, the callee for 3 s: the relay has nothing more to pass to the caller
        for (int i = 0; i < 740; i++) {
            long t = T0 + 400_000 + i * 20_000L;
            c.udp(t, "10.0.0.1:40000", RELAY + ":30000", rtp(i, 0x1111));
            c.udp(t + 500, RELAY + ":31000", "10.0.0.2:50000", rtp(i, 0x1111));
            if (i < 150) {
                c.udp(t + 5000, "10.0.0.2:50000", RELAY + ":31000", rtp(i, 0x2222));
                c.udp(t + 5500, RELAY + ":30000", "10.0.0.1:40000", rtp(i, 0x2222));
            }
        }
        String bye = "BYE sip:bob@10.0.0.2:5062;transport=tcp SIP/2.0";
        c.tcp(T0 + 15_300_000, CALLER, PROXY, 1000 + 4000, sip(bye, false, "2 BYE", true, ""));
        c.tcp(T0 + 15_301_000, PASSING, CALLEE, 5000 + 4000, sip(bye, true, "2 BYE", true, ""));
        c.tcp(T0 + 15_302_000, CALLEE, PASSING, 9000 + 2000, sip("SIP/2.0 200 OK", true, "2 BYE", true, ""));
        c.tcp(T0 + 15_303_000, PROXY, CALLER, 7000 + 2000, sip("SIP/2.0 200 OK", false, "2 BYE", true, ""));
        Diagnosis d = MediaCase.diagnoseFile(c.write(dir.resolve("tcp-proxied.pcap")), LiveKitConfig.empty(),
                new MediaCollector());
        List<Finding> stops = d.withCode(FindingCode.MEDIA_RTP_STOPPED);
        assertFalse(stops.isEmpty(), d.findings().toString());
        String all = stops.toString();
        assertTrue(all.contains("the hop 10.0.0.10 -> 10.0.0.2"), all);
        assertFalse(all.contains("10.0.0.1 -> 10.0.0.2"), all);
    }
}
