package org.sipladder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.Counted;
import org.sipladder.capture.CaptureException;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.ReceiverReports;
import org.sipladder.media.ReceiverVoipMetrics;
import org.sipladder.media.RtpStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code streams CAPTURE [--call ID] [--json]}: the RTP streams of a capture with their statistics. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "List the RTP streams in a capture: packets, loss, jitter, codec, DTMF, MOS, and the call "
                + "whose SDP announced each.",
        exitCodeListHeading = "Exit status:%n", exitCodeList = {
            SipLadderCommand.EXIT_DONE, SipLadderCommand.EXIT_ERROR, SipLadderCommand.EXIT_CLOSED})
final class StreamsCommand extends ConsoleCommand {

    @Mixin
    private PathArguments input;

    @Option(names = "--call", converter = CallIdConverter.class, paramLabel = "ID", description = "only the streams of this call (any of its Call-IDs)")
    private String call;

    @Option(names = "--series", description = "with --json, add each stream's packets, loss and jitter per second (per 2, 4... s beyond 256 s)")
    private boolean series;

    /** The command for these arguments, bound as picocli binds them ({@link PlainArguments}). */
    static StreamsCommand bound(List<Path> captures, boolean json, String call, boolean series) {
        StreamsCommand command = new StreamsCommand();
        command.input = PathArguments.of(captures, json);
        command.call = call;
        command.series = series;
        return command;
    }

    @Override
    public Integer call() throws CaptureException, IOException, UserError {
        if (series && !input.json) {
            // checked before the read: a large capture would be read for nothing
            throw new UserError("streams: --series needs --json (the per-second series are arrays in each stream's "
                    + "JSON; the table has no place for them)");
        }
        CallMedia read = CallMedia.read(input.inputs, call != null, input.json && series,
                err());
        List<RtpStream> streams = call == null ? read.media().streams() : read.streamsOfCall(call, input.inputs.names());
        PrintWriter out = out();
        if (input.json) {
            JsonOut json = new JsonOut(out);
            json.beginArray();
            for (RtpStream s : streams) {
                StreamJson.write(json, s, read.media().receiverReports(s), read.media().voipMetrics(s), series);
            }
            json.endArray();
            json.flush();
            out.println();
        } else {
            table(out, streams, read.media());
        }
        out.flush();
        return 0;
    }

    /**
     * One row per stream: our figures, then what its receiver reported in RTCP (cumulative lost with the largest
     * fraction lost, largest jitter, mean round-trip time, MOS-LQ / MOS-CQ of its last XR VoIP Metrics), "-" where
     * it sent none; below the table, the receivers' XR VoIP Metrics in full, one line per stream with them.
     */
    private static void table(PrintWriter out, List<RtpStream> streams, CaptureMedia media) {
        TextTable table = new TextTable(new String[] {"SOURCE", "", "DESTINATION", "SSRC", "CODEC", "PACKETS", "LOST",
            "MAX DELTA", "MEAN JITTER", "MAX JITTER", "MOS", "RTCP LOST", "RTCP JITTER", "RTT", "XR MOS LQ/CQ", "DTMF",
            "CALL-ID"}, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        List<String> notes = new ArrayList<>();
        List<String> jumps = new ArrayList<>();
        for (RtpStream s : streams) {
            if (s.stats().clockJumps() > 0) {
                jumps.add(String.format(Locale.ROOT, "0x%08X %.2f / %.2f ms", s.key().ssrc(),
                        s.stats().meanJitterWithoutJumpsMs(), s.stats().maxJitterWithoutJumpsMs()));
            }
            ReceiverReports r = media.receiverReports(s);
            ReceiverVoipMetrics xr = media.voipMetrics(s);
            if (!xr.isEmpty()) {
                notes.add(String.format(Locale.ROOT, "0x%08X %s -> %s: XR VoIP metrics from %s (%s, last frame %d): %s",
                        s.key().ssrc(), s.key().src(), s.key().dst(), xr.reporter(), Counted.grouped(xr.count()),
                        xr.lastFrame(),
                        xr.last().describe()));
            }
            table.add(s.key().src().toString(), "->", s.key().dst().toString(),
                    String.format(Locale.ROOT, "0x%08X", s.key().ssrc()), s.codecOrType(),
                    Counted.grouped(s.stats().packets()),
                    s.stats().lossText("%"),
                    ms(s.stats().maxDeltaMs()), ms(s.stats().meanJitterMs()) + jumped(s),
                    ms(s.stats().maxJitterMs()) + jumped(s),
                    Double.isNaN(s.mos()) ? "-" : String.format(Locale.ROOT, "%.2f", s.mos()),
                    r.isEmpty() ? "-" : r.lostText("%"),
                    r.isEmpty() || Double.isNaN(r.maxJitterMs()) ? "-" : ms(r.maxJitterMs()),
                    Double.isNaN(r.meanRttMs()) ? "-" : ms(r.meanRttMs()), xr.isEmpty() ? "-" : xr.last().mosPair(),
                    s.dtmf().isEmpty() ? "-" : s.dtmf(), s.callId() == null ? "-" : s.callId());
        }
        table.print(out);
        if (!jumps.isEmpty()) {
            // diagnose judges the jitter without the jump: seconds of jitter, unexplained, would contradict it
            out.println();
            out.println("* The jitter (tshark's) includes a jump of the sender's RTP clock (a hold, a re-INVITE), no "
                    + "jitter a listener hears; without it, mean / max: " + String.join("; ", jumps) + ".");
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(out::println);
        }
    }

    /** " *" after a jitter figure that holds a jump of the sender's RTP clock (the note under the table). */
    private static String jumped(RtpStream s) {
        return s.stats().clockJumps() > 0 ? " *" : "";
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f ms", v);
    }
}
