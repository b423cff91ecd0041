package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code save ... -o - | tshark -r -} and {@code report ... -o - > out.pdf}: {@code -} is standard input for CAPTURE
 * and --livekit-config, but {@code -o -} wrote a file named "-" in the working folder and printed "Wrote -" into the
 * pipe. It now names standard output, written into as {@code -o /dev/stdout} is.
 */
class OutputPathArgumentTest {

    @Test
    void aDashIsStandardOutput() {
        assumeTrue(Files.exists(Path.of("/dev/stdout")), "a system with /dev/stdout");
        assertEquals(Path.of("/dev/stdout"), new OutputPathArgument().convert("-"));
    }

    @Test
    void anyOtherNameIsThatFile() {
        assertEquals(Path.of("calls.pcapng"), new OutputPathArgument().convert("calls.pcapng"));
        assertEquals(Path.of("./-"), new OutputPathArgument().convert("./-"));
    }

    @Test
    void saveAndReportTakeIt() {
        CliRun save = CliRun.of("save", "--help");
        assertTrue(save.out().contains("- writes to standard output"), save.out());
        CliRun report = CliRun.of("report", "--help");
        assertTrue(report.out().contains("- writes to standard output"), report.out());
    }
}
