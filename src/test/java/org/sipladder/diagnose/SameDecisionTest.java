package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Captures;

/**
 * Jambonz tries a second LiveKit address after the first answered 503 (a name with two DNS records) and gets the same
 * answer: one LiveKit decision, one error, when the config (or one LiveKit Cloud project's host) shows it is the same.
 */
class SameDecisionTest {

    private static final String CARRIER = "203.0.113.10";
    private static final String JAMBONZ = "198.51.100.20";
    private static final String LK1 = "192.0.2.50";
    private static final String LK2 = "192.0.2.51";
    private static final String DID = "+4930123456";
    private static final String CALLER = "+4917612345678";
    private static final long T0 = 1_795_011_787_000_000L;

    @TempDir
    Path dir;

    /** Two trunks claim the number: LiveKit answers 100 Processing, 503 Try again later wherever it is asked. */
    private static LiveKitConfig twoTrunks() {
        return config(List.of(trunk("ST_one", DID), trunk("ST_two", DID)), List.of(rule("SDR_main", "agent", "ST_one")));
    }

    private static String request(String method, String ruri, String callId, String from, String to, String tag,
                                  String extra, String sdpHost) {
        String sdp = sdpHost == null ? "" : "v=0\r\no=- 1 1 IN IP4 " + sdpHost + "\r\ns=-\r\nc=IN IP4 " + sdpHost
                + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return method + " " + ruri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + from + ":5060;branch=z9hG4bK" + callId
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:" + CALLER + "@" + from + ">;tag=" + tag + "\r\nTo: <" + ruri
                + ">\r\nCall-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nContact: <sip:" + CALLER + "@" + from
                + ">\r\n" + extra + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: "
                + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String response(String invite, int status, String reason) {
        StringBuilder s = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String line : invite.substring(0, invite.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:")
                    || line.startsWith("CSeq:")) {
                s.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                s.append(line).append(status > 100 ? ";tag=t" + status : "").append("\r\n");
            }
        }
        return s.append("Content-Length: 0\r\n\r\n").toString();
    }

    /** Jambonz asks {@code lk} at {@code host} at {@code micros}: 100 Processing, 503, ACK. */
    private static void attempt(Captures c, long micros, String callId, String lk, String host) {
        String ruri = "sip:" + DID + "@" + host;
        String invite = request("INVITE", ruri, callId, JAMBONZ, lk, "jz" + callId, "X-CID: a-leg\r\n", JAMBONZ);
        c.udp(micros, JAMBONZ + ":5060", lk + ":5060", invite);
        c.udp(micros + 10_000, lk + ":5060", JAMBONZ + ":5060", response(invite, 100, "Processing"));
        String refusal = response(invite, 503, "Try again later");
        c.udp(micros + 250_000, lk + ":5060", JAMBONZ + ":5060", refusal);
        String ack = request("ACK", ruri, callId, JAMBONZ, lk, "jz" + callId, "", null)
                .replace("To: <" + ruri + ">", "To: <" + ruri + ">;tag=t503");
        c.udp(micros + 260_000, JAMBONZ + ":5060", lk + ":5060", ack);
    }

    /** The carrier calls Jambonz, which asks LiveKit at two addresses under the Request-URI hosts given, then declines. */
    private Diagnosis call(String firstHost, String secondHost, LiveKitConfig config) throws Exception {
        Captures c = Captures.pcap();
        String ruri = "sip:" + DID + "@" + JAMBONZ;
        String invite = request("INVITE", ruri, "a-leg", CARRIER, JAMBONZ, "ca", "", CARRIER);
        c.udp(T0, CARRIER + ":5060", JAMBONZ + ":5060", invite);
        c.udp(T0 + 10_000, JAMBONZ + ":5060", CARRIER + ":5060", response(invite, 100, "Trying"));
        attempt(c, T0 + 50_000, "b-one", LK1, firstHost);
        attempt(c, T0 + 350_000, "b-two", LK2, secondHost);
        c.udp(T0 + 650_000, JAMBONZ + ":5060", CARRIER + ":5060", response(invite, 603, "Decline"));
        return MediaCase.diagnoseFile(c.write(dir.resolve("second-lk.pcap")), config, new MediaCollector());
    }

    private static List<Finding> errors(Diagnosis d) {
        return d.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    @Test
    void theSameTrunkConflictAtTheNextLiveKitAddressIsOneErrorAndAWarningNamingIt() throws Exception {
        Diagnosis d = call(LK1, LK2, twoTrunks());

        List<Finding> conflicts = d.withCode(FindingCode.LK_TRUNK_CONFLICT);
        assertEquals(2, conflicts.size(), d.findings().toString());
        Finding primary = conflicts.stream().filter(Finding::primary).findFirst().orElseThrow();
        assertEquals("b-one", primary.callId(), "the first attempt met the decision first");
        assertEquals(List.of(primary), errors(d), d.findings().toString());
        Finding again = conflicts.stream().filter(f -> !f.primary()).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, again.severity());
        assertEquals("b-two", again.callId());
        assertTrue(again.explanation().contains(" LiveKit decided the same on the next address: after " + LK1
                + " answered 503 Try again later to the INVITE of frame 3, " + JAMBONZ + " tried " + LK2), again.explanation());
        assertTrue(again.explanation().contains("(LK_TRUNK_CONFLICT: " + primary.title() + ")"), again.explanation());
        assertTrue(again.fix().steps().get(0).startsWith("Fix this call's primary cause first"), again.fix().toString());
    }

    @Test
    void withoutConfigTheSameAnswerFromOneLiveKitCloudProjectsHostIsOneError() throws Exception {
        String project = "p7x2k9.sip.livekit.cloud";
        Diagnosis d = call(project, project, LiveKitConfig.empty());

        List<Finding> answers = d.withCode(FindingCode.LK_RESPONSE_EXPLAINED);
        assertEquals(2, answers.size(), d.findings().toString());
        assertEquals(1, errors(d).size(), d.findings().toString());
        Finding primary = d.primaryFor(errors(d).get(0).flowId()).orElseThrow();
        assertEquals("b-one", primary.callId());
        Finding again = answers.stream().filter(f -> "b-two".equals(f.callId())).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, again.severity());
        assertTrue(again.explanation().contains("both serve the Request-URI host " + project), again.explanation());
    }

    @Test
    void oneCloudProjectsHostIsTheSameHostWhateverCaseEachAttemptSpelledItIn() throws Exception {
        // RFC 3261 19.1.4: host names compare case-insensitively, the Cloud domain's letters included
        Diagnosis d = call("P7X2K9.SIP.LiveKit.Cloud", "p7x2k9.sip.livekit.cloud", LiveKitConfig.empty());

        assertEquals(1, errors(d).size(), d.findings().toString());
        Finding again = d.withCode(FindingCode.LK_RESPONSE_EXPLAINED).stream()
                .filter(f -> "b-two".equals(f.callId())).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, again.severity());
    }

    @Test
    void withoutConfigAnswersFromAddressesOrHostsNotKnownAsOneProjectStayTwoErrors() throws Exception {
        // two addresses, or a self-hosted name: possibly two deployments with two configs
        for (String[] hosts : List.of(new String[] {LK1, LK2}, new String[] {"sip.example.com", "sip.example.com"},
                new String[] {"a1.sip.livekit.cloud", "b2.sip.livekit.cloud"})) {
            Diagnosis d = call(hosts[0], hosts[1], LiveKitConfig.empty());
            assertEquals(2, errors(d).stream().filter(f -> f.code() == FindingCode.LK_RESPONSE_EXPLAINED).count(),
                    hosts[0] + " " + d.findings());
        }
    }
}
