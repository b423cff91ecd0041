package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * A Call-ID no call of the capture has is told the same way by every command that picks calls by Call-ID: which
 * Call-ID, in which capture, how many calls it holds, and the command that lists their Call-IDs.
 */
class UnknownCallIdTest {

    private static final long T0 = 1_763_900_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"diagnose", "report", "streams", "save"})
    void everyCommandWordsAnUnknownCallIdAlike(String command) {
        Path capture = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-a", 1, "")).write(dir.resolve("one.pcap"));
        String[] args = command.equals("diagnose") || command.equals("streams")
                ? new String[] {command, capture.toString(), "--call", "nope"}
                : new String[] {command, capture.toString(), "--call", "nope", "-o", dir.resolve("out").toString()};

        CliRun run = CliRun.of(args);

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(command + ": no call with Call-ID nope in one.pcap, which holds 1 call (`sipladder calls CAPTURE` "
                + "lists the Call-IDs)", run.err().trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"diagnose", "report", "streams", "save"})
    void theCallOptionMayComeBeforeTheCapture(String command) {
        Path capture = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-a", 1, "")).write(dir.resolve("one.pcap"));
        String[] args = command.equals("diagnose") || command.equals("streams")
                ? new String[] {command, "--call", "call-a", capture.toString()}
                : new String[] {command, "--call", "call-a", capture.toString(), "-o", dir.resolve("out").toString()};

        CliRun run = CliRun.of(args);

        assertEquals(0, run.exitCode(), run.err());
    }

    /** An empty or blank Call-ID is no Call-ID: refused as such, not looked for ("no call with Call-ID  in"). */
    @ParameterizedTest
    @ValueSource(strings = {"diagnose", "report", "streams", "save"})
    void anEmptyOrBlankCallIdIsRefusedAsSuch(String command) {
        Path capture = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-a", 1, "")).write(dir.resolve("one.pcap"));
        for (String blank : new String[] {"", "  ", "\t"}) {
            for (String[] form : new String[][] {{"--call", blank}, {"--call=" + blank}}) {
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command, capture.toString()));
                args.addAll(java.util.List.of(form));
                if (command.equals("report") || command.equals("save")) {
                    args.addAll(java.util.List.of("-o", dir.resolve("out").toString()));
                }

                CliRun run = CliRun.of(args.toArray(String[]::new));

                assertEquals(2, run.exitCode(), run.err());
                assertEquals(2, run.errLines().size(), run.err());
                // picocli names a repeatable option's parameter: "'--call' (ID)"
                assertTrue(run.errLines().get(0).matches("Invalid value for option '--call'( \\(ID\\))?: the Call-ID is "
                        + "empty; `sipladder calls CAPTURE` lists the Call-IDs"), run.err());
                assertEquals("Try 'sipladder " + command + " --help' for the options.", run.errLines().get(1));
            }
        }
    }

    /** A Call-ID has no white space (RFC 3261 25.1): a pasted one with spaces around it is the Call-ID inside. */
    @ParameterizedTest
    @ValueSource(strings = {"diagnose", "report", "streams", "save"})
    void spacesAroundACallIdAreLeftOut(String command) {
        Path capture = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-a", 1, "")).write(dir.resolve("one.pcap"));
        String[] args = command.equals("diagnose") || command.equals("streams")
                ? new String[] {command, capture.toString(), "--call", " call-a "}
                : new String[] {command, capture.toString(), "--call", " call-a ", "-o", dir.resolve("out").toString()};

        CliRun run = CliRun.of(args);

        assertEquals(0, run.exitCode(), run.err());
    }
}
