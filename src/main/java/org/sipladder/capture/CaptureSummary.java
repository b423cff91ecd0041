package org.sipladder.capture;

import java.nio.file.Path;
import java.util.List;

/**
 * What one read of a capture file saw.
 *
 * @param file                 the file read
 * @param packets              packet records read (the last frame number)
 * @param bytes                bytes of the file consumed (compressed bytes for a gzip file)
 * @param firstTimestampMicros capture time of the first packet, or 0 when there was none
 * @param lastTimestampMicros  capture time of the last packet, or 0 when there was none
 * @param payloads             SIP payloads delivered to the listener
 * @param warnings             the first warnings (at most 100, then one line counting the rest)
 * @param truncated            the file ended or broke off in the middle of a record
 * @param cancelled            the listener asked to stop before the end
 * @param tlsPackets           TCP segments carrying TLS, which cannot be decrypted and were only counted
 */
public record CaptureSummary(Path file, long packets, long bytes, long firstTimestampMicros, long lastTimestampMicros,
        long payloads, List<String> warnings, boolean truncated, boolean cancelled, long tlsPackets) {

    public CaptureSummary {
        warnings = List.copyOf(warnings);
    }
}
