package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.Transport;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.source.MergedCapture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code messages CAPTURE... [--json]}: every SIP message of a capture, in capture order. */
@Command(name = "messages", mixinStandardHelpOptions = true,
        description = "List every SIP message in a capture, in capture order.",
        exitCodeListHeading = "Exit status:%n", exitCodeList = {
            SipLadderCommand.EXIT_DONE, SipLadderCommand.EXIT_ERROR, SipLadderCommand.EXIT_CLOSED})
final class MessagesCommand extends ConsoleCommand {

    @Mixin
    private PathArguments input;

    /** The command for these arguments, bound as picocli binds them ({@link PlainArguments}). */
    static MessagesCommand bound(List<Path> captures, boolean json) {
        MessagesCommand command = new MessagesCommand();
        command.input = PathArguments.of(captures, json);
        return command;
    }

    /** The rows that size the text table's columns: every row of a capture of up to this many messages. */
    static final int SIZED_BY = 10_000;

    @Override
    public Integer call() throws CaptureException, UserError {
        PrintWriter out = out();
        JsonOut lines = JsonOut.lines(out);
        // the table's columns are sized by its first rows, and the rows after them go out as they are read: the
        // 675,000 rows of a 352 MB capture held to size the columns took 380 MB
        TextTable table = TextTable.flowing(out, SIZED_BY, new String[] {"FRAME", "TIME (UTC)", "SOURCE", "",
            "DESTINATION", "MESSAGE", "CALL-ID"}, 0, 2);
        // several captures: a message's second observation point comes later, so its line waits for the end
        boolean merging = input.inputs.captures.size() > 1;
        List<SipMessage> held = new ArrayList<>();
        // JSON lines stream out as messages are read, as do the table's rows past its first
        MergedCapture merged = new CaptureMessages(SipParser.Depth.FULL, err())
                .read(input.inputs, m -> {
            if (input.json && merging) {
                held.add(m);
            } else if (input.json) {
                MessageJson.line(lines, m);
            } else {
                table.add(Long.toString(m.frame()), JsonTime.utc(m.timestampMicros()), m.src().toString(), "->",
                        m.dst().toString(), label(m), m.callId() == null ? "-" : m.callId());
            }
        });
        for (SipMessage m : held) {
            MessageJson.line(lines, m, merged.files(), merged.seen(m.frame()));
        }
        if (!input.json) {
            table.print(out);
        }
        out.flush();
        return 0;
    }

    /** The longest label shown whole in a table; JSON has it all. */
    static final int LABEL_WIDTH = 40;

    /** The message's label as a table shows it, flagged when it could not be parsed whole. */
    static String label(SipMessage m) {
        String label = TextTable.fit(m.label(), LABEL_WIDTH);
        if (m.transport() == Transport.ICMP) {
            // a copy of its start quoted by an ICMP error: not delivered, and cut short, which is no fault of its own
            return label + " (quoted in ICMP error)";
        }
        return m.malformed() ? label + " (malformed)" : label;
    }
}
