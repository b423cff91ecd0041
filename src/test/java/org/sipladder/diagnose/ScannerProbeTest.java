package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.MediaListener;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.LiveFlows;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * A call from a SIP scanner (SIPVicious, SIPPTS, sipcli...) is diagnosed as a scan: one SIP_SCANNER_PROBE, its primary
 * cause, a warning when the target refused the scanner and an error when it let it in; what else the call shows is
 * information about the probe, and the call is no failed call. A call from a host that is no scanner is unaffected.
 */
class ScannerProbeTest {

    private static final long T0 = 1_795_011_787_000_000L;
    private static final String SCANNER = "203.0.113.66:5060";
    private static final String PBX = "198.51.100.20:5060";

    @TempDir
    Path dir;

    /** The capture's calls and their diagnosis without a config, read as the command line reads them. */
    private record Diagnosed(List<CallFlow> flows, Diagnosis diagnosis) {
        Finding probe() {
            List<Finding> probes = diagnosis.withCode(FindingCode.SIP_SCANNER_PROBE);
            assertEquals(1, probes.size(), diagnosis.findings().toString());
            return probes.get(0);
        }

        List<Finding> others() {
            return diagnosis.findings().stream().filter(f -> f.code() != FindingCode.SIP_SCANNER_PROBE).toList();
        }
    }

    private Diagnosed diagnose(Captures capture) throws Exception {
        Path file = capture.write(dir.resolve("scan.pcap"));
        LiveFlows flows = new LiveFlows();
        MediaCollector media = new MediaCollector();
        new CaptureReader().read(file, new ParsingListener(SipParser.Depth.SCAN) {
            @Override
            public void prepared(SipMessage m) {
                flows.add(m);
            }

            @Override
            public MediaListener media() {
                return media; // the ICMP errors too, as the command line reads them
            }
        });
        List<CallFlow> calls = flows.snapshot();
        return new Diagnosed(calls, DiagnosisEngine.standard().diagnose(calls, LiveKitConfig.empty(), media.result()));
    }

    private static String withAgent(String request, String agent) {
        return request.replace("Content-Length", "User-Agent: " + agent + "\r\nContent-Length");
    }

    /** SIPVicious's INVITE for extension {@code user} of the PBX. */
    private static String scanInvite(String callId, String user, String agent) {
        return withAgent(SipText.request("INVITE", "sip:" + user + "@198.51.100.20", callId, 1, ""), agent);
    }

    @Test
    void anInviteScanChallengedIsOneWarningAndNoFailedCall() throws Exception {
        String invite = scanInvite("scan-1", "100", "friendly-scanner");
        Diagnosed d = diagnose(Captures.pcap().udp(T0, SCANNER, PBX, invite)
                .udp(T0 + 50_000, PBX, SCANNER, SipText.response(401, "Unauthorized", "INVITE", "scan-1", 1)));

        Finding probe = d.probe();
        assertTrue(probe.primary(), probe.toString());
        assertEquals(Severity.WARNING, probe.severity(), "a challenge is the right answer to a scanner");
        assertEquals("Scan by SIPVicious from 203.0.113.66: INVITE for 100 at 198.51.100.20:5060, answered 401 "
                + "Unauthorized", probe.title());
        assertTrue(probe.explanation().contains("a scan, not a call"), probe.explanation());
        assertTrue(probe.evidence().facts().contains("203.0.113.66 identifies itself as \"friendly-scanner\": "
                + "SIPVicious, a SIP scanner and password cracker (frame 1)"), probe.evidence().facts().toString());
        assertTrue(probe.evidence().facts().contains("It sent 1 INVITE, for user 100, to 198.51.100.20:5060"),
                probe.evidence().facts().toString());
        assertTrue(probe.explanation().contains("198.51.100.20 answered 401 Unauthorized (frame 2). A challenge is the "
                + "right answer to a scanner"), probe.explanation());
        assertTrue(probe.evidence().facts().contains("198.51.100.20 answered 401 Unauthorized (frame 2)"),
                probe.evidence().facts().toString());
        String steps = String.join(" ", probe.fix().steps());
        assertTrue(steps.contains("Block 203.0.113.66") && steps.contains("fail2ban") && steps.contains("APIBAN"),
                steps);
        assertTrue(steps.contains("alwaysauthreject"), "unknown users must be answered alike: " + steps);

        // the rejection and the scanner's private Via are information about the probe, not faults of the system
        assertFalse(d.others().isEmpty(), "the 401 and the private Via are still told");
        for (Finding f : d.others()) {
            assertEquals(Severity.INFO, f.severity(), f.toString());
            assertFalse(f.primary(), f.toString());
            assertTrue(f.explanation().endsWith(" This call was a scan by SIPVicious from 203.0.113.66 "
                    + "(SIP_SCANNER_PROBE), not a call of this system's: it needs no fix of its own."), f.explanation());
        }
        CallFlow flow = d.flows().get(0);
        assertFalse(d.diagnosis().failed(flow), "a scan is no failed call");
        assertFalse(flow.failedForGood(), "the call list's failed filter leaves scans out as the summaries do");
    }

    @Test
    void anUnansweredScanIsAWarningAndItsSilenceInformation() throws Exception {
        Diagnosed d = diagnose(Captures.pcap().udp(T0, SCANNER, PBX, scanInvite("scan-2", "100", "sipcli/v1.8"))
                .udp(T0 + 40_000_000L, "192.0.2.9:5060", PBX, SipText.request("OPTIONS", "sip:198.51.100.20",
                        "ping-1", 1, "")));

        Finding probe = d.probe();
        assertEquals(Severity.WARNING, probe.severity());
        assertTrue(probe.title().startsWith("Scan by sipcli from 203.0.113.66: INVITE for 100 at "
                + "198.51.100.20:5060"), probe.title());
        assertTrue(probe.title().endsWith(", no answer"), probe.title());
        assertTrue(probe.explanation().contains("Nothing in the capture answered it"), probe.explanation());
        assertTrue(probe.evidence().facts().contains("No answer to any of its requests in the capture"),
                probe.evidence().facts().toString());
        Finding silence = d.diagnosis().findings().stream().filter(f -> f.code() == FindingCode.SIP_NO_FINAL_RESPONSE
                && "scan-2".equals(f.callId())).findFirst().orElseThrow();
        assertEquals(Severity.INFO, silence.severity(), silence.toString());
    }

    @Test
    void anInviteRefusedByIcmpSaysWhatCameBackNotSilence() throws Exception {
        String invite = scanInvite("scan-icmp", "100", "friendly-scanner");
        Diagnosed d = diagnose(Captures.pcap().udp(T0, SCANNER, PBX, invite)
                .unreachable(T0 + 5_000, "198.51.100.20", SCANNER, PBX, 3, invite));

        Finding probe = d.probe();
        assertEquals(Severity.WARNING, probe.severity());
        assertEquals("Scan by SIPVicious from 203.0.113.66: INVITE for 100 at 198.51.100.20:5060, ICMP port "
                + "unreachable from 198.51.100.20", probe.title());
        assertFalse(probe.explanation().contains("Nothing in the capture answered it"), probe.explanation());
        assertTrue(probe.explanation().contains("The network answered instead: 198.51.100.20 was reached and nothing "
                + "listens on UDP port 5060 (frame 2): no SIP service there"), probe.explanation());
        List<String> facts = probe.evidence().facts();
        assertFalse(facts.contains("No answer to any of its requests in the capture"), facts.toString());
        assertTrue(facts.contains("ICMP port unreachable from 198.51.100.20 (frame 2), 5.0 ms after frame 1: "
                + "198.51.100.20 was reached and nothing listens on UDP port 5060"), facts.toString());
        assertTrue(probe.evidence().frames().contains(2L), probe.evidence().frames().toString());
    }

    @Test
    void anInviteAFirewallRefusesSaysSo() throws Exception {
        String invite = scanInvite("scan-fw", "100", "friendly-scanner");
        Diagnosed d = diagnose(Captures.pcap().udp(T0, SCANNER, PBX, invite)
                .unreachable(T0 + 5_000, "198.51.100.1", SCANNER, PBX, 13, invite));

        Finding probe = d.probe();
        assertTrue(probe.title().endsWith(", ICMP administratively prohibited from 198.51.100.1"), probe.title());
        assertTrue(probe.explanation().contains("a firewall or filter at 198.51.100.1 refuses UDP to "
                + "198.51.100.20:5060 (frame 2)"), probe.explanation());
        assertFalse(probe.evidence().facts().contains("No answer to any of its requests in the capture"),
                probe.evidence().facts().toString());
    }

    @Test
    void aRegistrationTheScannerGotAcceptedIsAnError() throws Exception {
        // svcrack: REGISTER, 401, then guessed passwords until one is accepted
        String register = withAgent(SipText.request("REGISTER", "sip:198.51.100.20", "crack-1", 1, "")
                .replace("<sip:alice@example.com>", "<sip:6001@198.51.100.20>")
                .replace("To: <sip:198.51.100.20>", "To: <sip:6001@198.51.100.20>"), "friendly-scanner");
        Captures capture = Captures.pcap().udp(T0, SCANNER, PBX, register)
                .udp(T0 + 10_000, PBX, SCANNER, SipText.response(401, "Unauthorized", "REGISTER", "crack-1", 1));
        for (int cseq = 2; cseq <= 4; cseq++) {
            String guess = register.replace("CSeq: 1", "CSeq: " + cseq).replace("branch=z9hG4bK-crack-1-1", "branch=z9hG4bK-crack-1-" + cseq)
                    .replace("Content-Length", "Authorization: Digest username=\"6001\", realm=\"asterisk\", "
                            + "nonce=\"n1\", uri=\"sip:198.51.100.20\", response=\"0" + cseq + "\"\r\nContent-Length");
            int status = cseq < 4 ? 401 : 200;
            capture.udp(T0 + cseq * 100_000L, SCANNER, PBX, guess)
                    .udp(T0 + cseq * 100_000L + 10_000, PBX, SCANNER,
                            SipText.response(status, status == 200 ? "OK" : "Unauthorized", "REGISTER", "crack-1", cseq));
        }
        Diagnosed d = diagnose(capture);

        Finding probe = d.probe();
        assertEquals(Severity.ERROR, probe.severity(), "the scanner got in");
        assertTrue(probe.primary());
        assertEquals("Scan by SIPVicious from 203.0.113.66: REGISTER for 6001 at 198.51.100.20:5060, accepted (200 OK)",
                probe.title());
        assertTrue(probe.explanation().contains("guessed"), probe.explanation());
        assertTrue(probe.evidence().facts().contains("It sent 4 REGISTERs, for user 6001, to 198.51.100.20:5060"),
                probe.evidence().facts().toString());
        assertTrue(probe.evidence().facts().contains("It sent credentials for user 6001 3 times (frames 3, 5, 7)"),
                probe.evidence().facts().toString());
        assertTrue(probe.fix().steps().get(0).contains("Change the password of 6001"), probe.fix().steps().toString());
        assertFalse(d.diagnosis().failed(d.flows().get(0)));
    }

    @Test
    void aNotFoundTellsTheScannerWhichUsersExist() throws Exception {
        Diagnosed d = diagnose(Captures.pcap().udp(T0, SCANNER, PBX, scanInvite("scan-3", "4711", "friendly-scanner"))
                .udp(T0 + 50_000, PBX, SCANNER, SipText.response(404, "Not Found", "INVITE", "scan-3", 1)));

        Finding probe = d.probe();
        assertEquals(Severity.WARNING, probe.severity());
        assertTrue(probe.explanation().contains("tells the scanner that 4711 does not exist"), probe.explanation());
    }

    @Test
    void anInviteAnsweredToAScannerIsAnError() throws Exception {
        Diagnosed d = diagnose(Captures.pcap().udp(T0, SCANNER, PBX, scanInvite("scan-4", "0044201234567", "pplsip"))
                .udp(T0 + 50_000, PBX, SCANNER, SipText.response(200, "OK", "INVITE", "scan-4", 1)));

        Finding probe = d.probe();
        assertEquals(Severity.ERROR, probe.severity());
        assertTrue(probe.title().startsWith("Scan by SIPPTS from 203.0.113.66"), probe.title());
        assertTrue(probe.explanation().contains("without credentials"), probe.explanation());
    }

    @Test
    void aCallFromAHostThatIsNoScannerIsUnaffected() throws Exception {
        String invite = scanInvite("call-1", "100", "Zoiper rv2.10.20.5");
        Diagnosed d = diagnose(Captures.pcap().udp(T0, SCANNER, PBX, invite)
                .udp(T0 + 50_000, PBX, SCANNER, SipText.response(401, "Unauthorized", "INVITE", "call-1", 1)));

        assertTrue(d.diagnosis().withCode(FindingCode.SIP_SCANNER_PROBE).isEmpty(), d.diagnosis().toString());
        Finding rejected = d.diagnosis().withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertEquals(Severity.ERROR, rejected.severity());
        assertTrue(rejected.primary());
        assertFalse(rejected.explanation().contains("scan"), rejected.explanation());
        assertTrue(d.diagnosis().failed(d.flows().get(0)));
        assertTrue(d.flows().get(0).failedForGood());
    }
}
