package org.sipladder.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The CAPTURE argument and the --json switch, shared (as a picocli mixin) by the commands that read a capture. */
final class CaptureArguments {

    @Parameters(paramLabel = "CAPTURE", description = "pcap or pcapng file, optionally gzip-compressed")
    Path capture;

    @Option(names = "--json", description = "JSON output for scripts instead of a table")
    boolean json;
}
