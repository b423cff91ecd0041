package org.sipladder.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.source.CaptureFiles;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One or more CAPTURE files read as one, with hand-set clock corrections: a picocli mixin. */
final class CaptureInputs {

    static final String CAPTURES = "pcap, pcapng, ERF, NetMon or snoop file, optionally gzip- or zstd-compressed; "
            + "several are read as one capture on one timeline (the same message seen in two is shown once), their "
            + "clocks matched to the first's from the messages they share" + PathArgument.STDIN;
    static final String OFFSETS = "clock correction, in seconds added to its times, of the second, third... CAPTURE, "
            + "instead of the estimate";

    @Parameters(paramLabel = "CAPTURE", arity = "1..*", converter = PathArgument.class, description = CAPTURES)
    List<Path> captures = new ArrayList<>();

    @Option(names = "--offset", paramLabel = "SECONDS", split = ",", description = OFFSETS)
    List<Double> offsets;

    /** The inputs of a command whose CAPTURE arguments are optional (and so cannot be this mixin). */
    static CaptureInputs of(List<Path> captures, List<Double> offsets) {
        CaptureInputs inputs = new CaptureInputs();
        inputs.captures = List.copyOf(captures);
        inputs.offsets = offsets;
        return inputs;
    }

    /** The files' names, joined: how a report names what it read. */
    String names() {
        return String.join(" + ", captures.stream().map(PathArgument::shownName).toList());
    }

    /** The files with the corrections given, or null when they are to be estimated. */
    CaptureFiles files() throws UserError {
        if (offsets == null || captures.size() == 1) {
            return null;
        }
        if (offsets.size() != captures.size() - 1) {
            throw new UserError("--offset takes one correction per CAPTURE after the first (" + (captures.size() - 1)
                    + "), separated by commas; " + offsets.size() + " given");
        }
        List<Long> micros = new ArrayList<>(List.of(0L));
        offsets.forEach(s -> micros.add(Math.round(s * 1_000_000)));
        return new CaptureFiles(captures, micros);
    }
}
