package org.sipladder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sipladder.source.homer.HomerCall;
import org.sipladder.source.homer.HomerFound;
import org.sipladder.source.homer.HomerClient;
import org.sipladder.source.homer.HomerException;
import org.sipladder.source.homer.HomerQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code homer search}: the calls Homer holds for a number or Call-ID in a time range. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "List the calls Homer holds for a number and/or Call-ID in a time range (by default the last "
                + "24 hours), one per Call-ID.")
final class HomerSearchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomerAccess access;

    @Option(names = "--number", paramLabel = "N", description = "caller, callee or Request-URI user part; %% is a "
            + "wildcard (e.g. %%4930555)")
    private String number;

    @Option(names = "--call-id", paramLabel = "ID", description = "Call-ID")
    private String callId;

    @Option(names = "--limit", paramLabel = "N", description = "most messages Homer returns (default: "
            + HomerQuery.DEFAULT_LIMIT + ")")
    private int limit = HomerQuery.DEFAULT_LIMIT;

    @Option(names = "--json", description = "one JSON object per call and line: callId, from, to, start (epoch "
            + "seconds), method, status, messages")
    private boolean json;

    private final Map<String, String> environment;

    HomerSearchCommand() {
        this(System.getenv());
    }

    HomerSearchCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws UserError, IOException {
        if (limit < 1) {
            throw new UserError("--limit must be at least 1");
        }
        HomerQuery query = new HomerQuery(number, callId, access.range(), limit);
        HomerFound found;
        try (HomerClient client = access.client(environment)) {
            found = client.search(query);
        } catch (HomerException e) {
            throw new UserError(e.getMessage());
        }
        List<HomerCall> calls = found.calls();
        if (!found.skipped().isEmpty()) {
            // on stderr: the calls on stdout stay what scripts read
            PrintWriter err = spec.commandLine().getErr();
            err.println(found.skipped());
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOut lines = JsonOut.lines(out);
            for (HomerCall c : calls) {
                line(lines, c);
            }
        } else {
            TextTable table = new TextTable(new String[] {"Start (UTC)", "Call-ID", "From", "To", "Method", "Status",
                "Messages"}, 6);
            for (HomerCall c : calls) {
                table.add(JsonTime.utc(micros(c)), c.callId(), c.from(), c.to(), c.method(), c.status(),
                        Integer.toString(c.messages()));
            }
            table.print(out);
            out.println(calls.size() + (calls.size() == 1 ? " call" : " calls") + " between " + query.range().from()
                    + " and " + query.range().to());
        }
        out.flush();
        return 0;
    }

    /** One call as a JSON line; a member whose value is null is left out. */
    static void line(JsonOut json, HomerCall c) throws IOException {
        json.beginObject().optional("callId", c.callId()).optional("from", c.from()).optional("to", c.to());
        json.name("start").value(JsonTime.seconds(micros(c)));
        json.optional("method", c.method()).optional("status", c.status());
        json.name("messages").value(c.messages());
        json.endObject().endLine();
    }

    private static long micros(HomerCall c) {
        return c.start().getEpochSecond() * 1_000_000L + c.start().getNano() / 1000;
    }
}
