package org.sipladder.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code homer search|open}: calls straight from a Homer 7 server. */
@Command(name = "homer", mixinStandardHelpOptions = true,
        description = "Find calls in Homer 7 (sipcapture/homer-app) and open them, with the legs Homer correlates, "
                + "as a capture.",
        subcommands = {HomerSearchCommand.class, HomerOpenCommand.class})
final class HomerCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // a bare "homer" does nothing: said as a mistyped command line is, not as a usage text and status 0
        throw new CommandLine.ParameterException(spec.commandLine(), "sipladder homer needs a command: "
                + String.join(" or ", spec.subcommands().keySet()));
    }
}
