package org.sipladder.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.source.CaptureFiles;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One or more CAPTURE files read as one, with hand-set clock corrections: a picocli mixin. */
final class CaptureInputs {

    @Parameters(paramLabel = "CAPTURE", arity = "1..*", description = "pcap or pcapng file, optionally "
            + "gzip-compressed; several are read as one capture on one timeline (the same message seen in two is "
            + "shown once), their clocks matched to the first's from the messages they share")
    List<Path> captures = new ArrayList<>();

    @Option(names = "--offset", paramLabel = "SECONDS", split = ",", description = "clock correction, in seconds "
            + "added to its times, of the second, third... CAPTURE, instead of the estimate")
    List<Double> offsets;

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
