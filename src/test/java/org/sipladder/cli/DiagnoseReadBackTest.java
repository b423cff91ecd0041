package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.cli.CallsCommandTest.CARRIER;
import static org.sipladder.cli.CallsCommandTest.JAMBONZ;
import static org.sipladder.cli.CallsCommandTest.LIVEKIT;
import static org.sipladder.cli.CallsCommandTest.T;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.LiveFlows;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;

/**
 * The diagnosis reads a few headers and the SDP of most messages back from the capture; for a message the one-pass
 * scan read, only those (not the whole message). Every finding must be what it is when the rules read the full scan
 * of every message instead: private addresses in Contact (compact and odd-case names), Via and the SDP (per
 * medium), the NAT address in Via received, LiveKit routing on the source LiveKit saw and on Proxy-Authorization,
 * codecs; messages the one-pass scan leaves to the full scan in between.
 */
class DiagnoseReadBackTest {

    private static final String PHONE = "192.168.1.20:5060";
    private static final String PEER = "203.0.113.7:5060";
    private static final String NAT_IP = "198.51.100.9";
    private static final String SDP_PRIVATE = "v=0\r\no=- 1 1 IN IP4 192.168.1.20\r\ns=-\r\nc=IN IP4 192.168.1.20\r\n"
            + "t=0 0\r\nm=audio 4000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n";
    private static final String SDP_VIDEO = "v=0\r\no=- 1 1 IN IP4 203.0.113.50\r\ns=-\r\nc=IN IP4 203.0.113.50\r\n"
            + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\nm=video 5000 RTP/AVP 96\r\nc=IN IP4 10.7.7.7\r\n";
    private static final String SDP_G729 = "v=0\r\no=- 2 2 IN IP4 203.0.113.7\r\ns=-\r\nc=IN IP4 203.0.113.7\r\n"
            + "t=0 0\r\nm=audio 6000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n";

    @TempDir
    Path dir;

    @Test
    void findingsAreThoseOfTheFullScan() throws Exception {
        Path capture = capture(30);
        Path trunks = Files.writeString(dir.resolve("trunks.json"), "{\"items\":[{\"sipTrunkId\":\"ST_nat\","
                + "\"numbers\":[\"+4991874350352\"],\"allowedAddresses\":[\"" + NAT_IP + "/32\"],"
                + "\"authUsername\":\"u\",\"authPassword\":\"secret-pw\"}]}");
        Path rules = Files.writeString(dir.resolve("rules.json"), "{\"items\":[{\"sipDispatchRuleId\":\"SDR_1\","
                + "\"rule\":{\"dispatchRuleIndividual\":{\"roomPrefix\":\"call-\"}},\"trunkIds\":[\"ST_nat\"],"
                + "\"roomConfig\":{\"agents\":[{\"agentName\":\"a\"}]}}]}");
        for (LiveKitConfig config : List.of(LiveKitConfig.empty(),
                new ConfigFileLoader().loadAll(List.of(trunks, rules)))) {
            String readBack = diagnose(capture, config, false);
            String fullScan = diagnose(capture, config, true);
            assertEquals(fullScan, readBack, "with config: " + !config.isEmpty());
            for (String fact : List.of("Contact <sip:phone@192.168.1.20:5060>", "Contact sip:phone@192.168.1.21",
                    "Via sent-by 10.9.9.9", "SDP c= 192.168.1.20 (media address)", "SDP video c= 10.7.7.7",
                    "come from " + NAT_IP, "SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER")) {
                assertTrue(readBack.contains(fact), fact + " in " + readBack);
            }
            if (!config.isEmpty()) {
                assertTrue(readBack.contains("ST_nat"), readBack);
            }
        }
    }

    /** The diagnosis as {@code diagnose} lists it; with {@code fullScan}, every message is scanned in full first. */
    static String diagnose(Path capture, LiveKitConfig config, boolean fullScan) throws Exception {
        LiveFlows flows = new LiveFlows();
        MediaCollector media = new MediaCollector();
        new CaptureMessages(SipParser.Depth.SCAN, new PrintWriter(new StringWriter()), media).read(capture, flows::add);
        List<CallFlow> calls = flows.snapshot();
        if (fullScan) {
            // the capture read holds the details scanned last (thousands): these rules then read the full scan's
            for (CallFlow call : calls) {
                for (FlowMessage m : call.messages()) {
                    assertTrue(m.message().raw().startsWith(m.message().isRequest() ? m.message().method() : "SIP/"));
                }
            }
        }
        StringWriter out = new StringWriter();
        FindingJson.write(DiagnosisEngine.standard().diagnose(calls, config, DiagnosisSettings.FROM_EVIDENCE,
                media.result()), out);
        return out.toString();
    }

    private Path capture(int count) throws IOException {
        Captures c = Captures.pcap();
        String lkUri = "sip:+4991874350352@lk-1z3kctsj.sip.livekit.cloud";
        for (int k = 0; k < count; k++) {
            long t = T + k * 500_000L;
            String id = "rb-" + k;
            switch (k % 5) {
                // a phone behind NAT: compact Contact, private SDP; the peer stamps the NAT address in Via received
                case 0 -> c.udp(t, PHONE, PEER, request("INVITE sip:x@203.0.113.7", id, "1 INVITE", null,
                                "m: <sip:phone@192.168.1.20:5060>\r\n", SDP_PRIVATE))
                        .udp(t + 40_000, PEER, PHONE, response("200 OK", id, "1 INVITE", ";received=" + NAT_IP,
                                "Contact: <sip:x@203.0.113.7>\r\n", SDP_G729))
                        .udp(t + 60_000, PHONE, PEER, request("ACK sip:x@203.0.113.7", id, "1 ACK", "ok", "", ""))
                        .udp(t + 300_000, PHONE, PEER, request("BYE sip:x@203.0.113.7", id, "2 BYE", "ok", "", ""));
                // lower-case contact, a private c= for video only, rejected
                case 1 -> c.udp(t, PHONE, PEER, request("INVITE sip:y@203.0.113.7", id, "1 INVITE", null,
                                "contact: sip:phone@192.168.1.21\r\n", SDP_VIDEO))
                        .udp(t + 30_000, PEER, PHONE, response("486 Busy Here", id, "1 INVITE", "", "", ""));
                // Jambonz to LiveKit with credentials; LiveKit saw the NAT address
                case 2 -> c.udp(t, CARRIER, JAMBONZ, request("INVITE sip:91874350352@sip.jambonz.cloud", "a-" + id,
                                "1 INVITE", null, "", SDP_G729))
                        .udp(t + 20_000, JAMBONZ, LIVEKIT, request("INVITE " + lkUri, id, "1 INVITE", null,
                                "X-CID: a-" + id + "\r\nProxy-Authorization: Digest username=\"u\", uri=\"" + lkUri
                                        + "\"\r\n", SDP_PRIVATE))
                        .udp(t + 30_000, LIVEKIT, JAMBONZ, response("100 Processing", id, "1 INVITE",
                                ";received=" + NAT_IP, "", ""))
                        .udp(t + 150_000, LIVEKIT, JAMBONZ, response("503 Try again later", id, "1 INVITE",
                                ";received=" + NAT_IP, "", ""))
                        .udp(t + 160_000, JAMBONZ, CARRIER, response("603 Decline", "a-" + id, "1 INVITE", "", "", ""));
                // the same without credentials and without NAT
                case 3 -> c.udp(t, JAMBONZ, LIVEKIT, request("INVITE " + lkUri, id, "1 INVITE", null, "", SDP_PRIVATE))
                        .udp(t + 30_000, LIVEKIT, JAMBONZ, response("100 Processing", id, "1 INVITE", "", "", ""))
                        .udp(t + 150_000, LIVEKIT, JAMBONZ, response("407 Unauthorized", id, "1 INVITE", "", "", ""));
                // messages the one-pass scan leaves to the full scan: a folded Contact, a non-ASCII display name
                default -> c.udp(t, PHONE, PEER, request("INVITE sip:z@203.0.113.7", id, "1 INVITE", null,
                                "Contact:\r\n <sip:phone@192.168.1.22>\r\n", SDP_PRIVATE))
                        .udp(t + 30_000, PEER, PHONE, (response("480 Unavailable", id, "1 INVITE",
                                ";received=" + NAT_IP, "", "")).replace("<sip:+4930@c>", "\"Müller\" <sip:+4930@c>")
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
        return c.write(dir.resolve("readback.pcap"));
    }

    private static String request(String requestLine, String callId, String cseq, String toTag, String extra,
                                  String sdp) {
        return requestLine + " SIP/2.0\r\nVia: SIP/2.0/UDP 10.9.9.9:5060;rport;branch=z9hG4bK" + callId
                + cseq.replace(' ', '-') + "\r\n" + rest(callId, cseq, toTag, extra, sdp);
    }

    private static String response(String status, String callId, String cseq, String viaParameters, String extra,
                                   String sdp) {
        return "SIP/2.0 " + status + "\r\nVia: SIP/2.0/UDP 10.9.9.9:5060;rport" + viaParameters + ";branch=z9hG4bK"
                + callId + cseq.replace(' ', '-') + "\r\n" + rest(callId, cseq, "t-" + callId, extra, sdp);
    }

    private static String rest(String callId, String cseq, String toTag, String extra, String sdp) {
        return "From: <sip:+4930@c>;tag=f\r\nTo: <sip:+4991874350352@sip.jambonz.cloud>"
                + (toTag == null ? "" : ";tag=" + toTag) + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + "\r\n"
                + extra + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: "
                + sdp.length() + "\r\n\r\n" + sdp;
    }
}
