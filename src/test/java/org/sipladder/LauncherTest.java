package org.sipladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

class LauncherTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Launcher.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void versionRunsTheCommandLine() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("SIP Ladder "), out.toString());
    }

    @Test
    void subcommandRunsTheCommandLineWithItsExitCode() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pcap"), "nope");
        assertEquals(2, run("messages", junk.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void withoutArgumentsTheBundledDemoCallIsShown() {
        assertEquals(0, run(), err.toString());
        assertTrue(out.toString().contains("Carrier > Jambonz > LiveKit"), out.toString());
        assertTrue(out.toString().contains("603 Decline"), out.toString());
    }

    @Test
    void aCapturePathOrOpenShowsItsCalls() {
        Path pcap = Captures.pcap()
                .udp(1_700_000_000_000_000L, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("only-call"))
                .write(dir.resolve("one.pcap"));
        assertEquals(0, run(pcap.toString()));
        assertTrue(out.toString().contains("only-call"), out.toString());
        assertEquals(0, run("open", pcap.toString()));
        assertEquals(2, out.toString().split("only-call", -1).length - 1);
    }
}
