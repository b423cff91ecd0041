package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Fifo;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.MediaCall;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

class SaveCommandTest {

    static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    /** Two calls ten seconds apart, with a non-SIP datagram between their messages. */
    private Path twoCalls() {
        return Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("call-a"))
                .udp(T + 1_000, "10.0.0.9:4000", "10.0.0.8:4000", new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0})
                .udp(T + 2_000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(200, "OK", "INVITE", "call-a", 1))
                .udp(T + 10_000_000, "10.0.0.3:5060", "10.0.0.2:5060",
                        SipText.request("INVITE", "sip:+4930111@b.example", "call-b", 1, ""))
                .udp(T + 10_002_000, "10.0.0.2:5060", "10.0.0.3:5060",
                        SipText.response(486, "Busy Here", "INVITE", "call-b", 1))
                .udp(T + 10_003_000, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("BYE",
                        "sip:+15551234567@sip.example.com", "call-a", 2, ""))
                .write(dir.resolve("two.pcap"));
    }

    @Test
    void aCallOfOnePacketIsCountedInTheSingular() {
        Path capture = Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("lone"))
                .write(dir.resolve("lone.pcap"));
        Path out = dir.resolve("lone-saved.pcap");
        CliRun run = CliRun.of("save", capture.toString(), "--call", "lone", "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("1 packet of 1 call written to " + out + "\n", run.out());
    }

    @Test
    void savedPcapHoldsExactlyTheChosenCallsPacketsWithTheirTimes() throws Exception {
        Path capture = twoCalls();
        Path out = dir.resolve("call-a.pcap");
        CliRun run = CliRun.of("save", capture.toString(), "--call", "call-a", "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("3 packets of 1 call written to " + out + "\n", run.out());
        assertArrayEquals(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1}, head(out));
        List<JsonObject> saved = messages(out);
        assertEquals(List.of("INVITE", "200", "BYE"), saved.stream().map(SaveCommandTest::label).toList());
        assertTrue(saved.stream().allMatch(m -> m.get("callId").getAsString().equals("call-a")));
        List<JsonObject> original = messages(capture).stream()
                .filter(m -> m.get("callId").getAsString().equals("call-a")).toList();
        for (int i = 0; i < saved.size(); i++) {
            assertEquals(original.get(i).get("time"), saved.get(i).get("time"));
            assertEquals(original.get(i).get("src"), saved.get(i).get("src"));
        }
    }

    @Test
    void aFileThatCannotBeMadeWhereTheFolderSeemsWritableIsOneLineOfSave() throws Exception {
        // /proc passes the check before the read (as root it looks writable) and refuses the file when it is made
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc")), "a Linux /proc");
        CliRun run = CliRun.of("save", twoCalls().toString(), "--call", "call-a", "-o", "/proc/sipladder-save.pcap");
        assertEquals(2, run.exitCode(), run.err());
        String last = run.errLines().get(run.errLines().size() - 1);
        assertTrue(last.startsWith("save: cannot write /proc/sipladder-save.pcap: "), run.err());
        assertTrue(last.endsWith("; choose another -o path"), run.err());
    }

    @Test
    void aNameNotEndingInPcapGetsPcapngAndSeveralCallsCanBeChosen() throws Exception {
        Path out = dir.resolve("both.pcapng");
        CliRun run = CliRun.of("save", twoCalls().toString(), "--call", "call-b", "--call", "call-a",
                "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertArrayEquals(new byte[] {0x0a, 0x0d, 0x0d, 0x0a}, head(out));
        assertEquals(List.of("INVITE", "200", "INVITE", "486", "BYE"),
                messages(out).stream().map(SaveCommandTest::label).toList());
    }

    @Test
    void aSavedCallCarriesItsRtpAndRtcpAndNoOtherMedia() throws Exception {
        long end = MediaCall.T0 + 10_000_000;
        Captures c = MediaCall.of("media-call", 8, 10, 0x55, 0, false)
                .udp(end, "10.0.0.1:40001", "10.0.0.2:50001", Rtp.receiverReport(MediaCall.CALLER_SSRC,
                        MediaCall.CALLEE_SSRC, 0, 0, 109, 3));
        for (int i = 0; i < 15; i++) {
            c.udp(end + 1000 + i * 20_000L, "10.0.0.7:30000", "10.0.0.8:30002",
                    Rtp.packet(0, 500 + i, 160L * i, 0x7777, i == 0));
        }
        Path capture = c.write(dir.resolve("media.pcap"));
        Path out = dir.resolve("media-call.pcap");

        CliRun run = CliRun.of("save", capture.toString(), "--call", "media-call", "-o", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("26 packets of 1 call written to " + out + "\n", run.out(), "5 SIP, 2 x 10 RTP, 1 RTCP");
        assertEquals(List.of("INVITE", "200", "ACK", "BYE", "200"), messages(out).stream().map(SaveCommandTest::label)
                .toList());
        CliRun streams = CliRun.of("streams", out.toString(), "--json");
        assertEquals(0, streams.exitCode(), streams.err());
        JsonArray found = JsonParser.parseString(streams.out()).getAsJsonArray();
        assertEquals(2, found.size(), streams.out());
        for (JsonElement s : found) {
            assertEquals(10, s.getAsJsonObject().get("packets").getAsInt());
            assertEquals("media-call", s.getAsJsonObject().get("callId").getAsString());
        }
        assertFalse(streams.out().contains("10.0.0.7"));
    }

    @Test
    void theFilterChoosesCallsInTheTermsOfTheAppsFilterBox() throws Exception {
        Path capture = twoCalls();
        Path busy = dir.resolve("busy.pcap");
        CliRun run = CliRun.of("save", capture.toString(), "--filter", "status:4xx", "-o", busy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("2 packets of 1 call written to " + busy + "\n", run.out());
        assertEquals(List.of("INVITE", "486"), messages(busy).stream().map(SaveCommandTest::label).toList());

        Path rejected = dir.resolve("rejected.pcap");
        run = CliRun.of("save", capture.toString(), "--filter", "finding:sip_call_rejected", "-o", rejected.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(messages(rejected).stream().allMatch(m -> m.get("callId").getAsString().equals("call-b")));

        Path both = dir.resolve("both.pcap");
        run = CliRun.of("save", capture.toString(), "--filter", "method:INVITE", "-o", both.toString());
        assertEquals("5 packets of 2 calls written to " + both + "\n", run.out(), run.err());
    }

    @Test
    void findingTermsSeeTheLiveKitConfigGiven() throws Exception {
        DemoCase demo = DemoCase.copyTo(dir);
        Path out = dir.resolve("conflict.pcap");
        CliRun without = CliRun.of("save", demo.pcap().toString(), "--filter", "finding:LK_TRUNK_CONFLICT", "-o",
                out.toString());
        assertEquals(SipLadderCommand.USER_ERROR, without.exitCode(), "two trunks claiming a number needs the trunks");
        assertFalse(Files.exists(out));

        CliRun with = CliRun.of("save", demo.pcap().toString(), "--filter", "finding:LK_TRUNK_CONFLICT",
                "--livekit-config", demo.trunks().toString(), "--livekit-config", demo.rules().toString(), "-o",
                out.toString());
        assertEquals(0, with.exitCode(), with.err());
        assertTrue(with.out().matches("\\d+ packets of 1 call written to .*\n"), with.out());
        assertTrue(messages(out).stream().anyMatch(m -> m.has("status") && m.get("status").getAsInt() == 503));

        CliRun bad = CliRun.of("save", demo.pcap().toString(), "--filter", "failed", "--livekit-config",
                demo.pcap().toString(), "-o", out.toString());
        assertEquals(SipLadderCommand.USER_ERROR, bad.exitCode());
        assertEquals(1, bad.errLines().size(), bad.err());
    }

    @Test
    void withCallsNamedTheFilterKeepsThoseThatMatchAndNoMatchIsOneLine() throws Exception {
        Path capture = twoCalls();
        Path out = dir.resolve("out.pcap");
        CliRun run = CliRun.of("save", capture.toString(), "--call", "call-a", "--call", "call-b", "--filter",
                "failed", "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("2 packets of 1 call written to " + out + "\n", run.out());

        Path none = dir.resolve("none.pcap");
        run = CliRun.of("save", capture.toString(), "--call", "call-a", "--filter", "failed", "-o", none.toString());
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode());
        assertEquals("the call does not match the filter failed\n", run.err());
        run = CliRun.of("save", capture.toString(), "--filter", "status:503", "-o", none.toString());
        assertEquals("none of the 2 calls matches the filter status:503\n", run.err());
        run = CliRun.of("save", capture.toString(), "-o", none.toString());
        assertEquals("save: choose the calls with --call ID... or --filter EXPR (see save --help)\n", run.err());
        assertFalse(Files.exists(none));
    }

    @Test
    void aMessageReassembledFromSeveralPacketsIsSavedWithAllOfThem() throws Exception {
        String invite = SipText.invite("split-call");
        byte[] answer = Segments.udp(5060, 5060, Bytes.ascii(SipText.response(200, "OK", "INVITE", "split-call", 1)));
        List<byte[]> fragments = Ip.ipv4Fragments("10.0.0.2", "10.0.0.1", Ip.UDP, 9, answer, 64);
        Captures c = Captures.pcap()
                .tcp(T, "10.0.0.1:5060", "10.0.0.2:5060", 1000, invite.substring(0, 50))
                .tcp(T + 1_000, "10.0.0.1:5060", "10.0.0.2:5060", 1050, invite.substring(50));
        for (int i = 0; i < fragments.size(); i++) {
            c.ip(T + 2_000 + i, fragments.get(i));
        }
        Path capture = c.udp(T + 5_000, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("ACK", "sip:+15551234567@sip.example.com", "split-call", 1, ""))
                .write(dir.resolve("split.pcap"));
        Path out = dir.resolve("split-call.pcap");

        CliRun run = CliRun.of("save", capture.toString(), "--call", "split-call", "-o", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals((2 + fragments.size() + 1) + " packets of 1 call written to " + out + "\n", run.out(),
                "both TCP segments, every fragment and the ACK");
        assertEquals(List.of("INVITE", "200", "ACK"), messages(out).stream().map(SaveCommandTest::label).toList());
    }

    @Test
    void anUnknownCallIdIsOneLineAndWritesNothing() {
        Path out = dir.resolve("none.pcap");
        CliRun run = CliRun.of("save", twoCalls().toString(), "--call", "nope", "-o", out.toString());
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode());
        assertTrue(run.err().startsWith("save: no call with Call-ID nope in "), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void savingOverTheCaptureBeingReadIsRefused() throws Exception {
        Path capture = twoCalls();
        byte[] before = Files.readAllBytes(capture);
        CliRun run = CliRun.of("save", capture.toString(), "--call", "call-a", "-o", capture.toString());
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode());
        assertTrue(run.err().contains("is one of the captures being read"), run.err());
        assertArrayEquals(before, Files.readAllBytes(capture));
    }

    @Test
    void aSymbolicLinkKeepsPointingAtTheSavedCallsAndADeviceIsWrittenIntoNotReplaced() throws Exception {
        Path capture = twoCalls();
        Path saves = Files.createDirectory(dir.resolve("saves"));
        Path link = Files.createSymbolicLink(dir.resolve("latest.pcap"), Path.of("saves", "call-a.pcap"));
        CliRun run = CliRun.of("save", capture.toString(), "--call", "call-a", "-o", link.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(3, messages(saves.resolve("call-a.pcap")).size(), "the calls are where the link points");

        Path nowhere = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(nowhere) && !Files.isRegularFile(nowhere), "a system with /dev/null");
        // through a link, so that replacing the target replaces the link, never the device itself
        Path toNull = Files.createSymbolicLink(dir.resolve("discard.pcap"), nowhere);
        CliRun discarded = CliRun.of("save", capture.toString(), "--call", "call-a", "-o", toNull.toString());
        assertEquals(0, discarded.exitCode(), discarded.err());
        assertTrue(Files.isSymbolicLink(toNull), "the link to the device is still a link");
        assertEquals("", discarded.out(), "nothing after a capture written into a device such as /dev/stdout");
        assertTrue(discarded.err().contains("3 packets of 1 call written"), discarded.err());
        assertEquals(List.of(), Files.list(dir).filter(f -> f.getFileName().toString().startsWith(".sipladder"))
                .toList(), "no partial file left behind");
    }

    @Test
    void aNamedPipeIsWrittenIntoForTheProgramReadingIt() throws Exception {
        Path capture = twoCalls();
        Path fifo = Fifo.make(dir.resolve("to-wireshark.pcap"));
        try (Fifo.Reader reader = Fifo.read(fifo)) {
            CliRun run = CliRun.of("save", capture.toString(), "--call", "call-a", "-o", fifo.toString());
            assertEquals(0, run.exitCode(), run.err());
            Path received = Files.write(dir.resolve("received.pcap"), reader.all());
            assertEquals(3, messages(received).size(), "the reader got the whole capture");
        }
        assertFalse(Files.isRegularFile(fifo), "the pipe is still a pipe");
    }

    @Test
    void anOutputBelowAFileIsRefusedBeforeReadingNamingTheFile() throws Exception {
        Path capture = twoCalls();
        Path out = capture.resolve("call-a.pcap");
        CliRun run = CliRun.of("save", capture.toString(), "--call", "call-a", "-o", out.toString());
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode());
        assertEquals("save: cannot write " + out + ": " + capture + " is a file, not a folder; choose another -o path\n",
                run.err());
    }

    private static byte[] head(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return new byte[] {all[0], all[1], all[2], all[3]};
    }

    private static List<JsonObject> messages(Path file) {
        CliRun run = CliRun.of("messages", file.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        return run.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static String label(JsonObject m) {
        return m.has("method") ? m.get("method").getAsString() : m.get("status").getAsString();
    }
}
