package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * Media findings where a relayed SDP's owner shares its address with another party of the call (a Jambonz SBC and
 * LiveKit SIP on one box, behind a signalling-only proxy): the owner is the party that first announced that media
 * address and port, not whichever party of the address comes last.
 */
class SharedHostMediaTest {

    private static final String CARRIER = "203.0.113.10";
    private static final String PROXY = "198.51.100.7";
    private static final String BOX = "10.0.0.5";
    private static final long T0 = 1_795_011_787_000_000L;

    @TempDir
    Path dir;

    @Test
    void oneWayAudioToAnSbcBesideLiveKitNamesTheSbc() throws Exception {
        Captures c = Captures.pcap();
        String offer = Rtp.sdp(CARRIER, 40000, "sendrecv");
        String aLeg = SipTexts.invite("a-leg", "sip:4991874350352@" + BOX + ":5080", "+493023125417", CARRIER, offer);
        String forwarded = aLeg.replaceFirst("\r\nVia: ", "\r\nVia: SIP/2.0/UDP " + PROXY
                + ":5060;branch=z9hG4bKproxy1\r\nVia: ");
        String bLeg = SipTexts.invite("b-leg", "sip:4991874350352@" + BOX + ":5060", "+493023125417", BOX,
                Rtp.sdp(BOX, 40002, "sendrecv"), "X-CID: a-leg", "User-Agent: drachtio 0.8.26")
                .replace(BOX + ":5060;", BOX + ":5080;").replace("<sip:" + BOX + ":5060>", "<sip:" + BOX + ":5080>");
        String sbcAnswer = Rtp.sdp(BOX, 20000, "sendrecv");
        sip(c, 0, CARRIER + ":5060", PROXY + ":5060", aLeg);
        sip(c, 0.01, PROXY + ":5060", BOX + ":5080", forwarded);
        sip(c, 0.02, BOX + ":5080", BOX + ":5060", bLeg);
        sip(c, 0.03, BOX + ":5060", BOX + ":5080", SipTexts.response(bLeg, 100, "Processing"));
        sip(c, 0.3, BOX + ":5060", BOX + ":5080", SipTexts.response(bLeg, 200, "OK",
                Rtp.sdp(BOX, 30000, "sendrecv")));
        sip(c, 0.31, BOX + ":5080", PROXY + ":5060", SipTexts.response(forwarded, 200, "OK", sbcAnswer));
        sip(c, 0.32, PROXY + ":5060", CARRIER + ":5060", SipTexts.response(aLeg, 200, "OK", sbcAnswer));
        // the carrier's audio reaches the SBC's media port; nothing comes back; LiveKit's leg has audio both ways
        for (int i = 0; i < 500; i++) {
            double t = 0.4 + i * 0.02;
            c.udp(micros(t), CARRIER + ":40000", BOX + ":20000", Rtp.packet(0, i, 160L * i, 0x1111, i == 0));
            c.udp(micros(t + 0.001), BOX + ":40002", BOX + ":30000", Rtp.packet(0, i, 160L * i, 0x2222, i == 0));
            c.udp(micros(t + 0.002), BOX + ":30000", BOX + ":40002", Rtp.packet(0, i, 160L * i, 0x3333, i == 0));
        }
        Diagnosis d = MediaCase.diagnoseFile(c.write(dir.resolve("shared-box.pcap")), LiveKitConfig.empty(),
                new MediaCollector());

        List<Finding> oneWay = d.withCode(FindingCode.MEDIA_ONE_WAY);
        assertEquals(1, oneWay.size(), titles(d));
        Finding f = oneWay.get(0);
        assertEquals("One-way audio: RTP only from Carrier (" + CARRIER + ") to Jambonz (" + BOX + ":5080)", f.title(),
                titles(d));
        String all = f.title() + " " + f.explanation() + " " + f.fix().steps();
        assertFalse(all.contains("LiveKit"), all);
    }

    private static void sip(Captures c, double seconds, String src, String dst, String text) {
        c.udp(micros(seconds), src, dst, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static long micros(double seconds) {
        return T0 + Math.round(seconds * 1e6);
    }

    private static String titles(Diagnosis d) {
        return d.findings().stream().map(f -> f.code() + " " + f.title() + " | " + f.explanation()).toList().toString();
    }

    @Test
    void aCallerOnTheAnswerersHostHangingUpAtItsMediaTimeoutDidNotAnswer() throws Exception {
        // the callee (:5080) answers and sends no RTP; the caller (:5070) hangs up 30 s later
        String host = "10.0.0.5";
        Diagnosis d = MediaCase.oneHost(host, 6100, 6000)
                .rtp(host + ":6100", host + ":6000", 0.4, 1490, 0x1111, java.util.Set.of())
                .oneHostBye(host + ":5070", host + ":5080", 30.3).diagnose(dir);

        List<Finding> timeout = d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);
        assertEquals(1, timeout.size(), titles(d));
        assertEquals(host + ":5080 answered at frame 2; " + host + ":5070 sent BYE at frame 1494, 30.0 s later",
                timeout.get(0).evidence().facts().get(0));
    }
}
