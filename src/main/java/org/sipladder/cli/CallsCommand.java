package org.sipladder.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.sipladder.capture.CaptureException;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.HopAliases;
import org.sipladder.flow.Leg;
import org.sipladder.flow.LiveFlows;
import org.sipladder.flow.SipAddresses;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.SipParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code calls CAPTURE [--json] [--alias ADDRESS=NAME]...}: the call flows of a capture, B2BUA legs joined, with hops and timings. */
@Command(name = "calls", mixinStandardHelpOptions = true,
        description = "List the calls in a capture: legs, hops with roles, final status, timings.",
        exitCodeListHeading = "Exit status:%n", exitCodeList = {
            SipLadderCommand.EXIT_DONE, SipLadderCommand.EXIT_ERROR, SipLadderCommand.EXIT_CLOSED})
final class CallsCommand extends ConsoleCommand {

    /**
     * Calls assembled and turned into JSON ahead of the one being written, per core: {@link #BATCHES_AHEAD} runs of
     * {@link #BATCH} waiting, one more being made. What waits across young collections is promoted to the old
     * generation and stays in the peak: 5 batches of 64 per core (640 calls, ~3.6 MB of JSON and their assembly on
     * the 4 GB benchmark capture) put ~1 MB there per collection while the calls were written, in proportion to the
     * calls. Small runs keep both cores busy all the same.
     */
    static final int BATCH = 16;
    static final int BATCHES_AHEAD = 2;

    @Mixin
    private PathArguments input;

    @Mixin
    private AliasOption alias;

    /** The command for these arguments, bound as picocli binds them ({@link PlainArguments}). */
    static CallsCommand bound(List<Path> captures, boolean json, List<String> aliases) {
        CallsCommand command = new CallsCommand();
        command.input = PathArguments.of(captures, json);
        command.alias = AliasOption.of(aliases);
        return command;
    }

    @Override
    public Integer call() throws CaptureException, IOException, UserError {
        HopAliases aliases = alias.aliases();
        LiveFlows flows = new LiveFlows();
        // the media summary per leg shows no stream over time
        MediaCollector collector = MediaCollector.withoutSeries();
        // the call list needs no header syntax check, so jain-sip's full parse is skipped (see SipParser.Depth)
        new CaptureMessages(SipParser.Depth.SCAN, err(), collector).read(input.inputs, flows::add);
        PrintWriter out = out();
        if (input.json) {
            // a large capture's SDP sections are indexed by Call-ID on the other core (CaptureMedia) while this one
            // puts the calls in start order
            CaptureMedia media = collector.result();
            // the calls are assembled and turned into JSON in runs on a core of their own while this thread writes
            // them out in order; straight to the console's bytes when it takes UTF-8 (230 MB for a large capture)
            List<Supplier<CallFlow>> calls = flows.assemblyInStartOrder();
            IntFunction<CallFlow> call = i -> aliases.apply(calls.get(i).get());
            int workers = Runtime.getRuntime().availableProcessors();
            // per worker the runs waiting and the one being made, and the one being written
            FlowJson.Spares spares = new FlowJson.Spares(workers * (BATCHES_AHEAD + 1) + 1);
            // each task made when a worker asks for it
            List<Supplier<FlowJson.Chunk>> runs = new AbstractList<>() {
                @Override
                public Supplier<FlowJson.Chunk> get(int r) {
                    int from = r * BATCH;
                    return () -> FlowJson.elements(call, from, Math.min(calls.size(), from + BATCH), media, spares);
                }

                @Override
                public int size() {
                    return (calls.size() + BATCH - 1) / BATCH;
                }
            };
            Iterable<FlowJson.Chunk> ordered = ordered(runs);
            OutputStream utf8 = ConsoleWriter.utf8Stream(out);
            if (utf8 != null) {
                FlowJson.writeChunks(ordered, utf8, spares);
            } else {
                FlowJson.writeChunks(ordered, out, spares);
            }
            out.println();
        } else {
            table(out, flows.inStartOrder());
        }
        out.flush();
        return 0;
    }

    /** The results of {@code runs} (each of {@link #BATCH} calls) in order, made on every core a few runs ahead of the caller. */
    static <T> Iterable<T> ordered(List<? extends Supplier<T>> runs) {
        return Prefetch.of(runs, Runtime.getRuntime().availableProcessors(), 1, BATCHES_AHEAD);
    }

    /** The longest From or To user shown whole in the table. */
    private static final int USER_WIDTH = 32;

    private static void table(PrintWriter out, Iterable<CallFlow> calls) {
        TextTable table = new TextTable(new String[] {"START (UTC)", "METHOD", "FROM", "TO", "LEGS", "HOPS", "STATUS",
            "PDD", "DURATION", "CALL-ID"}, 4, 7, 8);
        for (CallFlow c : calls) {
            Leg outcome = c.outcome();
            String status = outcome.hasFinalResponse()
                    ? (outcome.finalStatus() + " " + nullToEmpty(outcome.finalReason())).trim() : "no final response";
            table.add(JsonTime.utc(c.startMicros()).substring(0, 19),
                    c.aLeg().method() == null ? "-" : TextTable.fit(c.aLeg().method(), MessagesCommand.LABEL_WIDTH),
                    TextTable.fit(user(c.aLeg().from()), USER_WIDTH), TextTable.fit(user(c.aLeg().to()), USER_WIDTH),
                    Integer.toString(c.legs().size()),
                    hopChain(c.hops().stream().map(h -> h.role().displayName()).toList()),
                    status, seconds(c.timings().postDialDelayMicros()), seconds(c.timings().durationMicros()), c.id());
        }
        table.print(out);
    }

    /** The widest hop chain shown whole in the table. */
    static final int HOPS_WIDTH = 120;

    /**
     * The hops' names joined by " > "; when that is wider than {@link #HOPS_WIDTH}, a run of hops of one name as one
     * with its count ("SIP endpoint (x4)"), and if still too wide cut with how many hops there are: a capture of agents that send no Call-ID, tag or branch puts
     * every message in one call, whose 17 "SIP endpoint" made every row of the table 300 characters wide (calls
     * --json keeps every hop).
     */
    static String hopChain(List<String> names) {
        String all = String.join(" > ", names);
        if (all.length() <= HOPS_WIDTH) {
            return all; // "SIP endpoint > SIP endpoint" reads better than a count of two
        }
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < names.size(); ) {
            int run = 1;
            while (i + run < names.size() && names.get(i + run).equals(names.get(i))) {
                run++;
            }
            chain.append(chain.length() == 0 ? "" : " > ").append(names.get(i)).append(run > 1 ? " (x" + run + ")" : "");
            i += run;
        }
        if (chain.length() <= HOPS_WIDTH) {
            return chain.toString();
        }
        String tail = " (" + names.size() + " hops)";
        return TextTable.fit(chain.toString(), HOPS_WIDTH - tail.length()) + tail;
    }

    private static String seconds(Long micros) {
        return micros == null ? "-" : JsonTime.durationSeconds(micros) + "s";
    }

    /** The user part of a From/To value (a tel: URI's number; a URI's host when it has no user), or "-". */
    private static String user(String nameAddr) {
        String user = SipAddresses.user(nameAddr);
        return user.isEmpty() ? "-" : user;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
