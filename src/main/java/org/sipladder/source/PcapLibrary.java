package org.sipladder.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where libpcap is: pcap4j asks for {@code libpcap.so}, which Debian and Ubuntu only ship in the -dev package;
 * the runtime package has {@code libpcap.so.0.8}. Pointing pcap4j at that file spares users the -dev package.
 */
final class PcapLibrary {

    static final String PROPERTY = "org.pcap4j.core.pcapLibName";
    private static final List<String> DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib");
    private static final List<String> NAMES = List.of("libpcap.so", "libpcap.so.0.8", "libpcap.so.1");

    private PcapLibrary() {
    }

    /** Sets pcap4j's library name to the versioned file when only that one exists and nobody chose one. */
    static void configure() {
        if (System.getProperty(PROPERTY) != null || !System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        for (String dir : DIRECTORIES) {
            for (String name : NAMES) {
                Path lib = Path.of(dir, name);
                if (Files.exists(lib)) {
                    if (!name.equals("libpcap.so")) {
                        System.setProperty(PROPERTY, lib.toString());
                    }
                    return;
                }
            }
        }
    }
}
