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

/** SIP_MALFORMED_MESSAGE: what the reader flags malformed is said in the diagnosis, once per message, never primary. */
class MalformedMessageCheckTest {

    private static final long T0 = 1_795_011_787_000_000L;
    private static final String A = "10.0.0.1:5060";
    private static final String B = "192.0.2.7:5060";

    @TempDir
    Path dir;

    private Diagnosis diagnose(Captures capture) throws Exception {
        return MediaCase.diagnoseFile(capture.write(dir.resolve("malformed.pcap")), LiveKitConfig.empty(),
                new MediaCollector());
    }

    @Test
    void aMalformedInviteAndItsRetransmissionAreOneFindingNamingWhatIsWrong() throws Exception {
        String bad = SipText.invite("bad-1").replace("CSeq: 1 INVITE", "CSeq: one INVITE");
        Diagnosis d = diagnose(Captures.pcap()
                .udp(T0, A, B, bad)
                .udp(T0 + 500_000, A, B, bad)
                .udp(T0 + 600_000, B, A, SipText.response(400, "Bad Request", "INVITE", "bad-1", 1)));
        List<Finding> found = d.withCode(FindingCode.SIP_MALFORMED_MESSAGE);
        assertEquals(1, found.size(), d.findings().toString());
        Finding f = found.get(0);
        assertEquals("INVITE from 10.0.0.1 is malformed", f.title());
        assertEquals(Severity.WARNING, f.severity());
        assertFalse(f.primary(), "a lenient peer reads what the reader rejects: never the cause on its own word");
        assertEquals(List.of(1L), f.evidence().frames());
        assertEquals(List.of("Frame 1, INVITE from 10.0.0.1:5060 to 192.0.2.7:5060: CSeq \"one INVITE\" is not "
                + "\"number METHOD\""), f.evidence().facts());
        assertEquals("bad-1", f.callId());
    }

    @Test
    void aRequestWithoutCallIdGetsThisFindingAndNoOther() throws Exception {
        String register = SipText.request("REGISTER", "sip:192.0.2.7", "reg-1", 1, "")
                .replace("Call-ID: reg-1\r\n", "");
        Diagnosis d = diagnose(Captures.pcap().udp(T0, A, B, register).udp(T0 + 4_000_000, A, B, register));
        assertEquals(List.of(FindingCode.SIP_MALFORMED_MESSAGE), d.findings().stream().map(Finding::code).toList(),
                d.findings().toString());
        Finding f = d.findings().get(0);
        assertTrue(f.title().startsWith("REGISTER from 10.0.0.1 is malformed"), f.title());
        assertTrue(f.evidence().facts().get(0).contains("Call-ID"), f.evidence().facts().toString());
    }

    @Test
    void messagesWithTheSameProblemAreOneFact() throws Exception {
        Captures c = Captures.pcap();
        for (int i = 0; i < 3; i++) {
            c.udp(T0 + i * 10_000L, A, B, SipText.request("OPTIONS", "sip:192.0.2.7", "same-1", i + 1, "")
                    .replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nContent-Length: abc\r\n"));
        }
        Finding f = diagnose(c).withCode(FindingCode.SIP_MALFORMED_MESSAGE).get(0);
        assertEquals("OPTIONS from 10.0.0.1 is malformed (and 2 more messages)", f.title());
        assertEquals(1, f.evidence().facts().size(), f.evidence().facts().toString());
        assertTrue(f.evidence().facts().get(0).startsWith("Frames 1, 2, 3 (3 messages, the first OPTIONS from "
                + "10.0.0.1:5060 to 192.0.2.7:5060): "), f.evidence().facts().toString());
        assertEquals(List.of(1L, 2L, 3L), f.evidence().frames());
    }

    @Test
    void severalMalformedMessagesAreCountedInTheTitleAndAWellFormedCallHasNone() throws Exception {
        Captures c = Captures.pcap().udp(T0, A, B, SipText.invite("fine-1"))
                .udp(T0 + 100_000, B, A, SipText.response(486, "Busy Here", "INVITE", "fine-1", 1));
        for (int i = 0; i < 12; i++) {
            c.udp(T0 + 1_000_000 + i * 10_000L, A, B, SipText.request("OPTIONS", "sip:192.0.2.7", "opt-1", i + 1, "")
                    .replace("CSeq: " + (i + 1) + " OPTIONS", "CSeq: x" + i + " OPTIONS"));
        }
        Diagnosis d = diagnose(c);
        List<Finding> found = d.withCode(FindingCode.SIP_MALFORMED_MESSAGE);
        assertEquals(1, found.size(), d.findings().toString());
        Finding f = found.get(0);
        assertEquals("OPTIONS from 10.0.0.1 is malformed (and 11 more messages)", f.title());
        // twelve distinct problems: ten told, two counted
        assertEquals(MalformedMessageCheck.LISTED + 1, f.evidence().facts().size());
        assertEquals("2 more malformed messages (sipladder messages lists them all)",
                f.evidence().facts().get(MalformedMessageCheck.LISTED));
        assertEquals(MalformedMessageCheck.LISTED, f.evidence().frames().size());
        assertFalse(f.callId().equals("fine-1"));
        assertTrue(d.findings().stream().filter(x -> "fine-1".equals(x.callId()))
                .noneMatch(x -> x.code() == FindingCode.SIP_MALFORMED_MESSAGE), d.findings().toString());
    }
}
