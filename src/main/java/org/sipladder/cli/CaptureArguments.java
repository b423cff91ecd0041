package org.sipladder.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The CAPTURE arguments and the --json switch, shared (as a picocli mixin) by the commands that read a capture. */
final class PathArguments {

    @Mixin
    CaptureInputs inputs;

    @Option(names = "--json", description = "JSON output for scripts instead of a table")
    boolean json;

    /** The mixin as picocli fills it for these captures, without --offset. */
    static PathArguments of(List<Path> captures, boolean json) {
        PathArguments arguments = new PathArguments();
        arguments.inputs = CaptureInputs.of(captures, null);
        arguments.json = json;
        return arguments;
    }
}
