package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.MediaListener;
import org.sipladder.capture.MediaPayload;
import org.sipladder.capture.SipPayload;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.SipText;

/**
 * Issue 17's acceptance: a pcap saved from three calls with media (two chosen) and an unannounced stream, read back
 * by our reader and by tshark, holds exactly the chosen calls' SIP and RTP/RTCP packets, each once, at their times.
 */
class SavedCallsReadBackTest {

    private static final long T0 = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    /** What each packet of the capture is ("SIP call", "RTP ssrc seq", "RTCP ssrc") at its time, by call. */
    private final List<String> kept = new ArrayList<>();
    private Path saved;

    @BeforeEach
    void saveTwoOfThreeCalls() {
        Captures c = Captures.pcap();
        call(c, "keep-a", 0, "10.0.0.1", 40000, 0x1000, true);
        call(c, "drop-b", 3_000, "10.0.0.3", 40010, 0x2000, false);
        call(c, "keep-c", 7_000, "10.0.0.4", 40020, 0x3000, true);
        for (int i = 0; i < 5; i++) {
            c.udp(T0 + 150_000 + i * 20_000L, "10.0.0.7:30000", "10.0.0.8:30002",
                    Rtp.packet(0, 900 + i, 160L * i, 0x7777, i == 0));
        }
        Path capture = c.write(dir.resolve("three.pcap"));
        saved = dir.resolve("chosen.pcap");
        CliRun run = CliRun.of("save", capture.toString(), "--call", "keep-a", "--call", "keep-c", "-o",
                saved.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(kept.size() + " packets of 2 calls written to " + saved + "\n", run.out());
    }

    /**
     * A call from {@code caller}:{@code port} to 10.0.0.2 ({@code port} + 10000): INVITE and 200 with SDP, ACK, four
     * RTP packets each way, one RTCP report, BYE and 200; all starting {@code startMicros} after T0 and interleaved
     * with the other calls' packets.
     */
    private void call(Captures c, String id, long startMicros, String caller, int port, long ssrc, boolean keep) {
        long t = T0 + startMicros;
        String callerSip = caller + ":5060";
        String calleeSip = "10.0.0.2:5060";
        String answer = SipText.response(200, "OK", "INVITE", id, 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp("10.0.0.2", port + 10000, "sendrecv");
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        sip(c, t, callerSip, calleeSip, SipText.request("INVITE", "sip:bob@10.0.0.2", id, 1,
                Rtp.sdp(caller, port, "sendrecv")), id, keep);
        sip(c, t + 1000, calleeSip, callerSip, answer, id, keep);
        sip(c, t + 2000, callerSip, calleeSip, SipText.request("ACK", "sip:bob@10.0.0.2", id, 1, ""), id, keep);
        for (int i = 0; i < 4; i++) {
            long at = t + 100_000 + i * 20_000L;
            c.udp(at, caller + ":" + port, "10.0.0.2:" + (port + 10000), Rtp.packet(8, 10 + i, 160L * i, ssrc, i == 0));
            c.udp(at + 500, "10.0.0.2:" + (port + 10000), caller + ":" + port,
                    Rtp.packet(8, 50 + i, 160L * i, ssrc + 1, i == 0));
            record(keep, at, "RTP " + ssrc + " " + (10 + i));
            record(keep, at + 500, "RTP " + (ssrc + 1) + " " + (50 + i));
        }
        c.udp(t + 190_000, caller + ":" + (port + 1), "10.0.0.2:" + (port + 10001),
                Rtp.receiverReport(ssrc, ssrc + 1, 0, 0, 53, 3));
        record(keep, t + 190_000, "RTCP " + ssrc);
        sip(c, t + 300_000, callerSip, calleeSip, SipText.request("BYE", "sip:bob@10.0.0.2", id, 2, ""), id, keep);
        sip(c, t + 301_000, calleeSip, callerSip, SipText.response(200, "OK", "BYE", id, 2), id, keep);
    }

    private void sip(Captures c, long micros, String src, String dst, String text, String id, boolean keep) {
        c.udp(micros, src, dst, text);
        record(keep, micros, "SIP " + id);
    }

    private void record(boolean keep, long micros, String what) {
        if (keep) {
            kept.add(micros + " " + what);
        }
    }

    @Test
    void ourReaderFindsExactlyTheChosenCallsPackets() throws Exception {
        List<String> found = Collections.synchronizedList(new ArrayList<>());
        new CaptureReader().read(saved, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                String text = new String(p.data(), StandardCharsets.US_ASCII);
                int at = text.indexOf("Call-ID: ") + 9;
                found.add(p.timestampMicros() + " SIP " + text.substring(at, text.indexOf('\r', at)));
            }

            @Override
            public MediaListener media() {
                return d -> found.add(d.timestampMicros() + " " + describe(d));
            }
        });
        assertEquals(sorted(kept), sorted(found));
    }

    @Test
    void tsharkFindsExactlyTheChosenCallsPackets() throws Exception {
        assumeTrue(tsharkRuns(), "tshark is not installed (apt-get install tshark): the saved file is only checked "
                + "with our reader here");
        List<String> found = new ArrayList<>();
        for (String line : tshark("-r", saved.toString(), "-o", "rtp.heuristic_rtp:TRUE", "-o",
                "rtcp.heuristic_rtcp:TRUE", "-T", "fields", "-E", "separator=|", "-E", "occurrence=f",
                "-e", "frame.time_epoch", "-e", "sip.Call-ID", "-e", "rtp.ssrc", "-e", "rtp.seq",
                "-e", "rtcp.senderssrc")) {
            String[] f = line.split("\\|", -1);
            long micros = new BigDecimal(f[0]).movePointRight(6).longValueExact();
            String what = !f[1].isEmpty() ? "SIP " + f[1]
                    : !f[2].isEmpty() ? "RTP " + Long.decode(f[2]) + " " + f[3]
                    : !f[4].isEmpty() ? "RTCP " + Long.decode(f[4]) : "unknown: " + line;
            found.add(micros + " " + what);
        }
        assertEquals(sorted(kept), sorted(found));
    }

    private static String describe(MediaPayload d) {
        byte[] b = d.bytes();
        int o = d.offset();
        int type = b[o + 1] & 0xff;
        if (type >= 200 && type <= 204) {
            return "RTCP " + u32(b, o + 4);
        }
        return "RTP " + u32(b, o + 8) + " " + ((b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff));
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        Collections.sort(copy);
        return copy;
    }

    private static boolean tsharkRuns() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> tshark(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "tshark", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark did not finish");
        assertEquals(0, p.exitValue(), Files.readString(err));
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
