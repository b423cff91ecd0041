package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/** A LiveKit config file with a value of a newer LiveKit is warned about once on stderr, and still read. */
class LiveKitConfigWarningTest {

    private static final long T0 = 1_763_900_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void diagnoseReportAndSaveWarnOncePerFile() throws IOException {
        Path config = Files.writeString(dir.resolve("trunks.json"), """
                {"items": [{"sipTrunkId": "ST_a", "numbers": ["+1555"], "mediaEncryption": "SIP_MEDIA_ENCRYPT_BOGUS"},
                           {"sipTrunkId": "ST_b", "numbers": ["+1666"], "mediaEncryption": "SIP_MEDIA_ENCRYPT_BOGUS"}]}""");
        Path capture = Captures.pcap().udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call-a", 1, "")).write(dir.resolve("one.pcap"));
        String warning = config + ": warning: values this version of SIP Ladder does not know (from a newer "
                + "LiveKit?): trunk ST_a mediaEncryption \"SIP_MEDIA_ENCRYPT_BOGUS\", trunk ST_b mediaEncryption "
                + "\"SIP_MEDIA_ENCRYPT_BOGUS\"; the diagnosis does not judge what they set";
        for (String[] args : List.of(
                new String[] {"diagnose", "--livekit-config", config.toString(), "--json"},
                new String[] {"diagnose", capture.toString(), "--livekit-config", config.toString(), "--json"},
                new String[] {"report", capture.toString(), "--livekit-config", config.toString(), "-o",
                    dir.resolve("r.pdf").toString()},
                new String[] {"save", capture.toString(), "--livekit-config", config.toString(), "--call", "call-a",
                    "-o", dir.resolve("s.pcap").toString()})) {
            CliRun run = CliRun.of(args);
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(List.of(warning), run.errLines(), args[0]);
        }
    }
}
