package org.sipladder.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The CAPTURE arguments and the --json switch, shared (as a picocli mixin) by the commands that read a capture. */
final class CaptureArguments {

    @Mixin
    CaptureInputs inputs;

    @Option(names = "--json", description = "JSON output for scripts instead of a table")
    boolean json;
}
