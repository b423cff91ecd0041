package org.sipladder.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bundled demo case (seed capture and its LiveKit export) copied into a test's folder, as a user
 * would have them on disk.
 *
 * @param pcap   the capture
 * @param trunks {@code lk sip inbound list --json} output
 * @param rules  {@code lk sip dispatch list --json} output
 */
record DemoCase(Path pcap, Path trunks, Path rules) {

    static final String PASSWORD = "jz-Secr3t-7781";

    static DemoCase copyTo(Path dir) throws IOException {
        return new DemoCase(copy(dir, "seed-livekit-503.pcap"), copy(dir, "seed-inbound-trunks.json"),
                copy(dir, "seed-dispatch-rules.json"));
    }

    private static Path copy(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = DemoCase.class.getResourceAsStream("/org/sipladder/demo/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
