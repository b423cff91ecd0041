package org.sipladder.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.sipladder.capture.CaptureException;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.HopAliases;
import org.sipladder.flow.LiveFlows;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.SipParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code calls CAPTURE [--json] [--alias ADDRESS=NAME]...}: the call flows of a capture, B2BUA legs joined, with hops and timings. */
@Command(name = "calls", mixinStandardHelpOptions = true,
        description = "List the calls in a capture: legs, hops with roles, final status, timings.")
final class CallsCommand implements Callable<Integer> {

    /**
     * Calls assembled and turned into JSON ahead of the one being written, per core: {@link #BATCHES_AHEAD} batches
     * of {@link #BATCH} waiting, one more being made. What waits across young collections is promoted to the old
     * generation and stays in the peak: 5 batches of 64 per core (640 calls, ~3.6 MB of JSON and their assembly on
     * the 4 GB benchmark capture) put ~1 MB there per collection while the calls were written, in proportion to the
     * calls. Small batches keep both cores busy all the same.
     */
    static final int BATCH = 16;
    static final int BATCHES_AHEAD = 2;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CaptureArguments input;

    @Mixin
    private AliasOption alias;

    @Override
    public Integer call() throws CaptureException, IOException, UserError {
        HopAliases aliases = alias.aliases();
        LiveFlows flows = new LiveFlows();
        // the media summary per leg shows no stream over time
        MediaCollector collector = MediaCollector.withoutSeries();
        // the call list needs no header syntax check, so jain-sip's full parse is skipped (see SipParser.Depth)
        new CaptureMessages(SipParser.Depth.SCAN, spec.commandLine().getErr(), collector).read(input.inputs, flows::add);
        CaptureMedia media = collector.result();
        PrintWriter out = spec.commandLine().getOut();
        if (input.json) {
            // each call is assembled and turned into JSON on a core of its own while this thread writes them out
            // in order; straight to the console's bytes when it takes UTF-8 (120 MB for a large capture)
            List<Supplier<CallFlow>> calls = flows.assemblyInStartOrder();
            // each task made when a worker asks for it: not 50,000 of them kept through the output
            List<Supplier<byte[]>> elements = new AbstractList<>() {
                @Override
                public Supplier<byte[]> get(int i) {
                    Supplier<CallFlow> call = calls.get(i);
                    return () -> FlowJson.element(aliases.apply(call.get()), i == 0, media);
                }

                @Override
                public int size() {
                    return calls.size();
                }
            };
            Iterable<byte[]> ordered = ordered(elements);
            OutputStream utf8 = ConsoleWriter.utf8Stream(out);
            if (utf8 != null) {
                FlowJson.writeArray(ordered, utf8);
            } else {
                FlowJson.writeArray(ordered, out);
            }
            out.println();
        } else {
            table(out, flows.inStartOrder());
        }
        out.flush();
        return 0;
    }

    /** The calls' JSON in order, made on every core a few calls ahead of the caller. */
    static Iterable<byte[]> ordered(List<Supplier<byte[]>> elements) {
        return Prefetch.of(elements, Runtime.getRuntime().availableProcessors(), BATCH, BATCHES_AHEAD);
    }

    private static void table(PrintWriter out, Iterable<CallFlow> calls) {
        TextTable table = new TextTable(new String[] {"START (UTC)", "FROM", "TO", "LEGS", "HOPS", "STATUS", "PDD",
            "DURATION", "CALL-ID"}, 3, 6, 7);
        for (CallFlow c : calls) {
            String status = c.aLeg().hasFinalResponse()
                    ? (c.aLeg().finalStatus() + " " + nullToEmpty(c.aLeg().finalReason())).trim() : "no final response";
            table.add(JsonTime.utc(c.startMicros()).substring(0, 19), user(c.aLeg().from()), user(c.aLeg().to()),
                    Integer.toString(c.legs().size()),
                    c.hops().stream().map(h -> h.role().displayName()).collect(Collectors.joining(" > ")),
                    status, seconds(c.timings().postDialDelayMicros()), seconds(c.timings().durationMicros()), c.id());
        }
        table.print(out);
    }

    private static String seconds(Long micros) {
        return micros == null ? "-" : JsonTime.durationSeconds(micros) + "s";
    }

    /** The user part of a From/To value, or the value when it has none. */
    private static String user(String nameAddr) {
        if (nameAddr == null) {
            return "-";
        }
        int colon = nameAddr.indexOf("sip:");
        int at = nameAddr.indexOf('@', Math.max(colon, 0));
        return colon >= 0 && at > colon ? nameAddr.substring(colon + 4, at) : nameAddr;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
