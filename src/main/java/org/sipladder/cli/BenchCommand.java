package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sipladder.Counted;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.CaptureSummary;
import org.sipladder.capture.SipPayload;
import org.sipladder.flow.LiveFlows;
import org.sipladder.sip.SipParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bench CAPTURE}: times a full read (capture, SIP scan, call flows) and reports throughput and peak heap. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time a full read of a capture as 'calls' does it: messages/s, MB/s and peak heap.")
final class BenchCommand implements Callable<Integer> {

    /** What one timed read measured. */
    private record Run(long nanos, long fileBytes, long messages, long calls, long heapBytes) {
    }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CAPTURE", converter = PathArgument.class,
            description = "pcap, pcapng, ERF, NetMon or snoop file, optionally gzip- or zstd-compressed"
                    + PathArgument.STDIN)
    Path capture;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1",
            description = "timed reads in one process, then their median (default: 1; more let the JIT warm up)")
    int runs;

    @Option(names = "--capture-only", description = "time only the capture layer (no SIP scan, no call flows)")
    boolean captureOnly;

    @Override
    public Integer call() throws CaptureException, UserError {
        if (runs < 1) {
            throw new UserError("bench: --runs must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Run> done = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Run run = timedRead();
            done.add(run);
            out.println("run " + i + ": " + describe(run));
            out.flush();
        }
        if (runs > 1) {
            List<Run> byTime = new ArrayList<>(done);
            byTime.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
            out.println("median: " + describe(byTime.get(byTime.size() / 2)));
        }
        out.flush();
        return 0;
    }

    private Run timedRead() throws CaptureException {
        HeapPeak heap = new HeapPeak();
        long start = System.nanoTime();
        long messages;
        long calls = 0;
        CaptureSummary summary;
        if (captureOnly) {
            summary = new CaptureReader().read(capture, new CaptureListener() {
                @Override
                public void payload(SipPayload p) {
                    heap.tick();
                }
            });
            messages = summary.payloads();
        } else {
            LiveFlows flows = new LiveFlows();
            summary = new CaptureMessages(SipParser.Depth.SCAN, spec.commandLine().getErr())
                    .read(capture, m -> {
                        flows.add(m);
                        heap.tick();
                    });
            messages = flows.messageCount();
            calls = flows.snapshot().size();
        }
        heap.sample();
        long nanos = System.nanoTime() - start;
        return new Run(nanos, summary.bytes(), messages, calls, heap.peak());
    }

    /**
     * The largest heap use seen, sampled every few thousand messages; java.lang.management would be exact but is
     * not in the packaged runtime image.
     */
    private static final class HeapPeak {
        private final Runtime runtime = Runtime.getRuntime();
        private long peak;
        private long ticks;

        void tick() {
            if (++ticks % 4096 == 0) {
                sample();
            }
        }

        void sample() {
            peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
        }

        long peak() {
            return peak;
        }
    }

    private String describe(Run r) {
        double seconds = r.nanos() / 1e9;
        return String.format(Locale.ROOT, "%s%s in %.2f s: %.0f messages/s, %.1f MB/s, peak heap %d MB",
                Counted.of(r.messages(), "message"), captureOnly ? "" : " (" + Counted.of(r.calls(), "call") + ")",
                seconds, r.messages() / seconds,
                r.fileBytes() / 1e6 / seconds, r.heapBytes() >> 20);
    }
}
