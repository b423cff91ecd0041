package org.sipladder.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The outcome of running the command line in-process: exit status and what it printed.
 *
 * @param exitCode exit status
 * @param out      standard output
 * @param err      standard error
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SipLadderCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
