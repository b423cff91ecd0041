package org.sipladder.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs either under picocli, which injects its spec and with it the command line's writers, or bound
 * by {@link PlainArguments} without picocli, given the writers by {@link #console}.
 */
abstract class ConsoleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** The writers when bound without picocli, else null. */
    private PrintWriter out;
    private PrintWriter err;

    /** Gives a command bound without picocli its writers. */
    final void console(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    final PrintWriter out() {
        return out != null ? out : spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return err != null ? err : spec.commandLine().getErr();
    }
}
