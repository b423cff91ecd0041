package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureReader;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.LiveFlows;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.LadderStyle;
import org.sipladder.ladder.LadderTextExport;
import org.sipladder.sip.ParsingListener;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.OddShapes;
import org.sipladder.testkit.SipText;

/**
 * Seeded captures of odd but real SIP shapes ({@link OddShapes}) through every command as a user runs it (calls,
 * diagnose with and without the LiveKit seed config, messages, streams, report) and through the ladder layout: each
 * run ends with exit status 0 and valid JSON, no exception text, in bounded time. The seed is fixed, so a failing
 * round reproduces.
 */
class OddShapesFuzzTest {

    private static final int ROUNDS = 12;
    private static final long T0 = 1_700_000_000_000_000L;
    private static final String A = "10.0.0.1:5060";
    private static final String B = "10.0.0.2:5060";

    @TempDir
    Path dir;

    private DemoCase demo;

    @BeforeEach
    void copyConfig() throws Exception {
        demo = DemoCase.copyTo(dir);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard; the rounds take a few seconds
    void oddShapesGoThroughEveryCommand() throws Exception {
        Random random = new Random(2026_0611L);
        for (int round = 0; round < ROUNDS; round++) {
            List<OddShapes.Sent> sent = OddShapes.capture(random, 4 + random.nextInt(12));
            Path pcap = OddShapes.pcap(sent).write(dir.resolve("odd-" + round + ".pcap"));
            String what = "round " + round + " (" + sent.size() + " messages)";
            jsonArray(run("calls", pcap.toString(), "--json"), what + " calls");
            jsonArray(run("diagnose", pcap.toString(), "--json"), what + " diagnose");
            jsonArray(run("diagnose", pcap.toString(), "--json", "--livekit-config", demo.trunks().toString(),
                    "--livekit-config", demo.rules().toString()), what + " diagnose with config");
            clean(run("diagnose", pcap.toString(), "--all", "--livekit-config", demo.trunks().toString(),
                    "--livekit-config", demo.rules().toString()), what + " diagnose text");
            clean(run("calls", pcap.toString()), what + " calls text");
            jsonLines(run("messages", pcap.toString(), "--json"), what + " messages");
            clean(run("streams", pcap.toString(), "--json"), what + " streams");
            if (round % 3 == 0) {
                Path pdf = dir.resolve("odd-" + round + ".pdf");
                clean(run("report", pcap.toString(), "--all-in-full", "--livekit-config", demo.trunks().toString(),
                        "-o", pdf.toString()), what + " report");
                assertTrue(Files.size(pdf) > 0, what + " report");
            }
            ladders(pcap);
        }
    }

    /**
     * 20,000 messages of shapes that pile up on one Call-ID or run backwards in time (a keep-alive's OPTIONS, a
     * phone's REGISTER refreshes and their challenges, two captures merged newest first): calls and diagnose read
     * each (about 0.2 s each here; the timeout only stops a run that hangs, the time is scripts/bench.sh's to measure).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void longShapesOnOneCallIdOrBackwardsInTimeAreRead() throws Exception {
        int n = 20_000;
        Captures keepAlive = Captures.pcap();
        Captures registrations = Captures.pcap();
        Captures backwards = Captures.pcap();
        for (int i = 0; i < n; i += 2) {
            long micros = T0 + i * 1000L;
            String branch = "z9hG4bK" + i;
            keepAlive.udp(micros, A, B, SipText.request("OPTIONS", "sip:10.0.0.2", "keep-alive", i / 2, "")
                    .replace("-keep-alive-" + i / 2, "-" + i))
                    .udp(micros + 10, B, A, SipText.response(200, "OK", "OPTIONS", "keep-alive", i / 2)
                    .replace("-keep-alive-" + i / 2, "-" + i));
            registrations.udp(micros, A, B, SipText.request("REGISTER", "sip:10.0.0.2", "reg", i / 2, ""))
                    .udp(micros + 10, B, A, SipText.response(i % 4 == 0 ? 401 : 200, "X", "REGISTER", "reg", i / 2));
            backwards.udp(T0 - i * 1000L, A, B, SipText.invite("bw" + i))
                    .udp(T0 - i * 1000L + 10, B, A, SipText.response(503, "Try again later", "INVITE", "bw" + i, 1));
        }
        for (Captures capture : List.of(keepAlive, registrations, backwards)) {
            Path pcap = capture.write(dir.resolve("long.pcap"));
            for (String command : List.of("calls", "diagnose")) {
                jsonArray(run(command, pcap.toString(), "--json"), command);
            }
        }
    }

    /** Every call's ladder as the screen and the text export lay it out. */
    private static void ladders(Path pcap) throws Exception {
        LiveFlows flows = new LiveFlows();
        new CaptureReader().read(pcap, new ParsingListener(SipParser.Depth.SCAN) {
            @Override
            public void prepared(SipMessage m) {
                flows.add(m);
            }
        });
        for (CallFlow flow : flows.snapshot()) {
            LadderLayout layout = LadderLayout.of(flow, LadderStyle.standard());
            assertEquals(flow.messages().size(), layout.rows().size(), flow.id());
            new LadderTextExport().write(layout);
        }
    }

    private static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SipLadderCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    private static void clean(CliRun run, String what) {
        assertEquals(0, run.exitCode(), what + ": " + run.err());
        for (String line : run.errLines()) {
            assertFalse(line.contains("Exception") || line.contains("\tat ") || line.contains("internal error"),
                    what + ": " + run.err());
        }
    }

    private static void jsonArray(CliRun run, String what) {
        clean(run, what);
        assertTrue(JsonParser.parseString(run.out()).isJsonArray(), what);
    }

    private static void jsonLines(CliRun run, String what) {
        clean(run, what);
        for (String line : run.outLines()) {
            assertTrue(JsonParser.parseString(line).isJsonObject(), what + ": " + line);
        }
    }
}
