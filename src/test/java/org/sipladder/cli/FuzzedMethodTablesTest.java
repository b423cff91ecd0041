package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * A fuzzing suite's requests (PROTOS c07-sip) carry methods of up to kilobytes: the tables and the diagnosis's first
 * line show them cut, so that one such message does not make every line as wide; JSON keeps them whole.
 */
class FuzzedMethodTablesTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void longMethodsAreCutInTablesAndNamedAtMostSixInTheDiagnosis() throws Exception {
        Captures c = Captures.pcap();
        for (int i = 1; i <= 7; i++) {
            String method = "a".repeat(i * 700);
            c.udp(T + i, "127.0.0.1:5060", "127.0.0.1:80", SipText.request(method, "sip:tori@localhost",
                    i + "@localhost", 1, ""));
        }
        Path pcap = c.write(dir.resolve("protos.pcap"));

        List<String> messages = CliRun.of("messages", pcap.toString()).outLines();
        assertEquals(8, messages.size(), messages.toString());
        assertTrue(messages.stream().allMatch(l -> l.length() < 200), messages.toString());
        assertTrue(messages.get(7).contains("a".repeat(37) + "... (malformed)")
                || messages.get(7).contains("a".repeat(37) + "...  "), messages.get(7));

        List<String> calls = CliRun.of("calls", pcap.toString()).outLines();
        assertTrue(calls.stream().allMatch(l -> l.length() < 200), calls.toString());

        String first = CliRun.of("diagnose", pcap.toString()).outLines().get(0);
        assertTrue(first.length() < 400, first);
        assertTrue(first.contains("7 " + "a".repeat(21) + ".../"), first);
        assertTrue(first.contains("/... dialogs"), first);

        String json = CliRun.of("messages", pcap.toString(), "--json").outLines().get(5);
        assertTrue(json.contains("a".repeat(4200)), "JSON keeps the method whole");
    }
}
