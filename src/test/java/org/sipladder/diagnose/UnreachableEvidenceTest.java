package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.MediaCollector;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/** A request that got no answer but an ICMP error is explained by the error: a closed port, a firewall, no route. */
class UnreachableEvidenceTest {

    private static final long T0 = 1_795_011_787_000_000L;
    private static final String CALLER = "10.0.0.1:5060";
    private static final String CALLEE = "192.0.2.7:5060";

    @TempDir
    Path dir;

    private Finding noFinalResponse(Captures capture) throws Exception {
        Diagnosis d = MediaCase.diagnoseFile(capture.write(dir.resolve("icmp.pcap")), LiveKitConfig.empty(),
                new MediaCollector());
        List<Finding> found = d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE);
        assertEquals(1, found.size(), d.findings().toString());
        return found.get(0);
    }

    @Test
    void anInviteToAClosedPortNamesTheIcmpError() throws Exception {
        String invite = SipText.invite("closed-1");
        Finding f = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, invite)
                .unreachable(T0 + 300, "192.0.2.7", CALLER, CALLEE, 3, invite)
                .udp(T0 + 500_000, CALLER, CALLEE, invite)
                .unreachable(T0 + 500_300, "192.0.2.7", CALLER, CALLEE, 3, invite));
        assertTrue(f.evidence().facts().contains("ICMP port unreachable from 192.0.2.7 (frame 2), 0.3 ms after frame 1: "
                + "192.0.2.7 was reached and nothing listens on UDP port 5060"), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("The network answered instead"), f.explanation());
        assertFalse(f.explanation().contains("capture longer"), f.explanation());
        assertEquals(List.of(1L, 2L), f.evidence().frames());
        assertTrue(f.fix().steps().get(0).startsWith("Start the SIP service on 192.0.2.7:5060"), f.fix().steps().toString());
    }

    @Test
    void anOptionsPingAFirewallRefusesNamesTheFirewall() throws Exception {
        String options = SipText.request("OPTIONS", "sip:192.0.2.7", "ping-1", 1, "");
        Finding f = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, options)
                .unreachable(T0 + 2_000, "198.51.100.1", CALLER, CALLEE, 13, options));
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("ICMP administratively prohibited from "
                + "198.51.100.1 (frame 2)")), f.evidence().facts().toString());
        assertTrue(f.fix().steps().get(0).contains("in the firewall at 198.51.100.1"), f.fix().steps().toString());
        // a refusal is an answer: not a warning for the capture ending early
        assertEquals(Severity.ERROR, f.severity());
    }

    @Test
    void icmpv6NoRouteIsReadToo() throws Exception {
        String invite = SipText.invite("v6-1");
        Finding f = noFinalResponse(Captures.pcap()
                .udp(T0, "[2001:db8::1]:5060", "[2001:db8::7]:5060", invite)
                .unreachable(T0 + 1_000, "2001:db8::fe", "[2001:db8::1]:5060", "[2001:db8::7]:5060", 0, invite));
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("ICMP no route to destination from "
                + "2001:db8::fe (frame 2)")), f.evidence().facts().toString());
    }

    @Test
    void aCutOrForeignIcmpErrorIsLeftOut() throws Exception {
        String invite = SipText.invite("cut-1");
        Captures capture = Captures.pcap().udp(T0, CALLER, CALLEE, invite)
                // an error cut inside the quoted header, an echo request, a TTL exceeded
                .ip(T0 + 100, org.sipladder.testkit.Ip.packet("192.0.2.7", "10.0.0.1", 1, new byte[] {3, 3, 0, 0, 0, 0,
                        0, 0, 0x45, 0}))
                .ip(T0 + 200, org.sipladder.testkit.Ip.packet("192.0.2.7", "10.0.0.1", 1, new byte[] {8, 0, 0, 0, 0, 0,
                        0, 0}))
                .ip(T0 + 300, org.sipladder.testkit.Ip.packet("192.0.2.7", "10.0.0.1", 1, new byte[] {11, 0, 0, 0, 0,
                        0, 0, 0}));
        Finding f = noFinalResponse(capture);
        assertTrue(f.evidence().facts().stream().noneMatch(x -> x.startsWith("ICMP")), f.evidence().facts().toString());
    }

    @Test
    void anErrorAboutAnotherPortOrLongAfterIsNoEvidence() throws Exception {
        String invite = SipText.invite("open-1");
        Finding f = noFinalResponse(Captures.pcap()
                .udp(T0, CALLER, CALLEE, invite)
                .unreachable(T0 + 300, "192.0.2.7", CALLER, "192.0.2.7:5080", 3, invite)
                .unreachable(T0 + 40_000_000, "192.0.2.7", CALLER, CALLEE, 3, invite));
        assertTrue(f.evidence().facts().stream().noneMatch(x -> x.startsWith("ICMP")), f.evidence().facts().toString());
    }
}
