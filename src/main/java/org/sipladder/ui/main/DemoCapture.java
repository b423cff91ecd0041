package org.sipladder.ui.main;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The bundled demo: the field case of a carrier call through Jambonz that LiveKit rejects with 503, with
 * the LiveKit trunks and dispatch rules of that project. Copied out of the jar because the capture reader
 * and config loader read files.
 *
 * @param capture      the demo capture to open
 * @param configFiles  the LiveKit config files (inbound trunks, dispatch rules)
 */
public record DemoCapture(CaptureSource capture, List<Path> configFiles) {

    private static final String BASE = "/org/sipladder/demo/";
    private static final String CAPTURE = "seed-livekit-503.pcap";
    private static final List<String> CONFIG = List.of("seed-inbound-trunks.json", "seed-dispatch-rules.json");

    /** Extracts the demo into a fresh temporary directory that is removed when the app exits. */
    public static DemoCapture extract() {
        try {
            Path dir = Files.createTempDirectory("sipladder-demo");
            dir.toFile().deleteOnExit();
            Path capture = copy(dir, CAPTURE);
            List<Path> config = CONFIG.stream().map(name -> copy(dir, name)).toList();
            return new DemoCapture(new CaptureSource(capture, "Demo: carrier → Jambonz → LiveKit 503", false), config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo capture to the temporary directory", e);
        }
    }

    private static Path copy(Path dir, String name) {
        Path target = dir.resolve(name);
        try (InputStream in = DemoCapture.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("The demo resource " + name + " is missing from this build");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo file " + target, e);
        }
    }
}
