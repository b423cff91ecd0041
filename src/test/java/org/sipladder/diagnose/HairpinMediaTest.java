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

/**
 * A call hairpinned through a proxy PBX back to the address it came from (Wireshark's SIP_DTMF2.cap): two phones on
 * one address and port, one Call-ID; the callee phone offers its media in the 200 OK, the caller phone answers in
 * the ACK, both from that address. RTP to either phone's announced port follows the SDP.
 */
class HairpinMediaTest {

    private static final String PHONES = "192.168.105.110";
    private static final String PBX = "192.168.105.105";
    private static final String MEDIA = "192.168.105.172";

    @TempDir
    Path dir;

    private static String message(String start, String vias, String method, boolean toTag, String sdp) {
        return start + "\r\n" + vias + "From: <sip:2502@" + PBX + ">;tag=26598\r\n"
                + "To: <sip:2504@" + PBX + ">" + (toTag ? ";tag=12860" : "") + "\r\n"
                + "Call-ID: 25672@" + PHONES + "\r\nCSeq: " + (vias.contains("re-invite") ? 21 : 20)
                + " " + method + "\r\nContact: <sip:" + PHONES + ":5060>\r\n"
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + sdp.length()
                + "\r\n\r\n" + sdp;
    }

    /**
     * The hairpinned call, then RTP from the caller phone's port and back to the callee phone's port 4376 for 4 s;
     * with {@code moved}, a re-INVITE (CSeq 21) first moves the callee phone's media to port 4378.
     */
    private Diagnosis hairpin(boolean moved) throws Exception {
        String phoneVia = "Via: SIP/2.0/UDP " + PHONES + ":5060;branch=z9hG4bK-phone\r\n";
        String pbxVia = "Via: SIP/2.0/UDP " + PBX + ":5060;branch=z9hG4bK-pbx\r\n" + phoneVia;
        String ackVia = "Via: SIP/2.0/UDP " + PHONES + ":5060;branch=z9hG4bK-ack\r\n";
        String pbxAckVia = "Via: SIP/2.0/UDP " + PBX + ":5060;branch=z9hG4bK-pbxack\r\n" + ackVia;
        String offer = Rtp.sdp(PHONES, 4376, "sendrecv");
        String answer = Rtp.sdp(PHONES, 4374, "sendrecv");
        String uri = "INVITE sip:2504@" + PBX + " SIP/2.0";
        String ack = "ACK sip:2504@" + PHONES + ":5060 SIP/2.0";
        Captures c = Captures.pcap()
                .udp(MediaCase.T0, PHONES + ":5060", PBX + ":5060", message(uri, phoneVia, "INVITE", false, ""))
                .udp(MediaCase.T0 + 10_000, PBX + ":5060", PHONES + ":5060", message(uri, pbxVia, "INVITE", false, ""))
                .udp(MediaCase.T0 + 500_000, PHONES + ":5060", PBX + ":5060", message("SIP/2.0 200 OK", pbxVia, "INVITE", true, offer))
                .udp(MediaCase.T0 + 510_000, PBX + ":5060", PHONES + ":5060", message("SIP/2.0 200 OK", phoneVia, "INVITE", true, offer))
                .udp(MediaCase.T0 + 520_000, PHONES + ":5060", PBX + ":5060", message(ack, ackVia, "ACK", true, answer))
                .udp(MediaCase.T0 + 530_000, PBX + ":5060", PHONES + ":5060", message(ack, pbxAckVia, "ACK", true, answer));
        long start = MediaCase.T0 + 600_000;
        if (moved) {
            String reVia = "Via: SIP/2.0/UDP " + PHONES + ":5060;branch=z9hG4bK-re-invite\r\n";
            String reInvite = "INVITE sip:2502@" + PHONES + ":5060 SIP/2.0";
            c.udp(start, PHONES + ":5060", PBX + ":5060", message(reInvite, reVia, "INVITE", true,
                    Rtp.sdp(PHONES, 4378, "sendrecv")));
            c.udp(start + 100_000, PHONES + ":5060", PBX + ":5060", message("SIP/2.0 200 OK", reVia, "INVITE", true,
                    answer));
            start += 200_000;
        }
        for (int i = 0; i < 200; i++) {
            long t = start + i * 20_000L;
            c.udp(t, PHONES + ":4374", MEDIA + ":4376", Rtp.packet(8, i, 160L * i, 0x9A7B5382L, i == 0));
            c.udp(t + 5_000, MEDIA + ":4376", PHONES + ":4376", Rtp.packet(8, i, 160L * i, 0x5711BF84L, i == 0));
        }
        return MediaCase.diagnoseFile(c.write(dir.resolve("hairpin.pcap")), LiveKitConfig.empty(), new MediaCollector());
    }

    @Test
    void rtpToThePortTheOtherPhoneOnTheSameAddressAnnouncedIsNoMismatch() throws Exception {
        // SIP_DTMF2.cap read "sent to 192.168.105.110:4376, which 192.168.105.110 neither announced": its 200 OK did
        Diagnosis d = hairpin(false);
        List<Finding> mismatch = d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH);
        assertEquals(List.of(), mismatch.stream().map(Finding::title).toList());
    }

    @Test
    void rtpToAPortTheAddressReplacedSinceIsStillAMismatch() throws Exception {
        // the re-INVITE moved the callee phone to 4378: RTP still sent to 4376 is sent to a stale port
        Diagnosis d = hairpin(true);
        List<Finding> mismatch = d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH);
        assertEquals(1, mismatch.size(), d.findings().stream().map(Finding::title).toList().toString());
        assertTrue(mismatch.get(0).explanation().contains(PHONES + ":4376"), mismatch.get(0).explanation());
    }
}
