package org.sipladder.ui.dialog;

import java.util.List;

/**
 * A kind of file the user picks in a file chooser, with its extension patterns.
 *
 * @param description shown in the chooser, e.g. "Captures"
 * @param patterns    glob patterns such as "*.pcap"
 */
public record FileKind(String description, List<String> patterns) {

    public static final FileKind CAPTURES = new FileKind("Captures (pcap, pcapng, erf, cap, snoop, gz, zst)",
            List.of("*.pcap", "*.pcapng", "*.cap", "*.erf", "*.snoop", "*.gz", "*.pcap.gz", "*.pcapng.gz", "*.erf.gz",
                    "*.zst", "*.pcap.zst", "*.pcapng.zst", "*.erf.zst"));
    public static final FileKind JSON = new FileKind("LiveKit config (lk --json output)", List.of("*.json"));
    public static final FileKind PNG = new FileKind("PNG image", List.of("*.png"));
    public static final FileKind SVG = new FileKind("SVG image", List.of("*.svg"));
    public static final FileKind PDF = new FileKind("PDF document", List.of("*.pdf"));
    public static final FileKind PCAPNG = new FileKind("pcapng capture (pcap when the name ends in .pcap)",
            List.of("*.pcapng", "*.pcap"));
    public static final FileKind WAV = new FileKind("WAV audio", List.of("*.wav"));
    public static final FileKind ANY = new FileKind("All files", List.of("*"));

    public FileKind {
        patterns = List.copyOf(patterns);
    }
}
