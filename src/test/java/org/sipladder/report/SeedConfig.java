package org.sipladder.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;

/** The seed case's LiveKit export (bundled with the demo), loaded through the product's loader. */
final class SeedConfig {

    static final String PASSWORD = "jz-Secr3t-7781";

    private SeedConfig() {
    }

    static LiveKitConfig load() {
        try {
            Path dir = Files.createTempDirectory("seed-config");
            List<Path> files = new ArrayList<>();
            for (String name : List.of("seed-inbound-trunks.json", "seed-dispatch-rules.json")) {
                try (InputStream in = SeedConfig.class.getResourceAsStream("/org/sipladder/demo/" + name)) {
                    Path file = dir.resolve(name);
                    Files.copy(in, file);
                    files.add(file);
                }
            }
            try {
                return new ConfigFileLoader().loadAll(files);
            } finally {
                // the loader has read them: a test run leaves no folder behind
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LiveKitConfigException e) {
            throw new IllegalStateException(e);
        }
    }
}
