package org.sipladder.capture;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param tlsPorts             the server ports of those segments (the first few), ascending
 */
public record CaptureSummary(Path file, long packets, long bytes, long firstTimestampMicros, long lastTimestampMicros,
        long payloads, List<String> warnings, boolean truncated, boolean cancelled, long tlsPackets,
        List<Integer> tlsPorts) {

    /** The port RFC 3261 gives SIP over TLS: TLS elsewhere is more often HTTPS, IMAPS or push than SIP. */
    private static final int SIPS_PORT = 5061;

    public CaptureSummary {
        warnings = List.copyOf(warnings);
        tlsPorts = List.copyOf(tlsPorts);
    }

    /** The warnings, then what {@link #tlsWarning} and {@link #noSipWarning} tell: all there is to tell the user. */
    public List<String> allWarnings() {
        List<String> all = new ArrayList<>(warnings);
        for (String extra : new String[] {tlsWarning(), noSipWarning()}) {
            if (extra != null) {
                all.add(extra);
            }
        }
        return all;
    }

    /** What to tell about the TLS segments that were only counted, or null when there were none. */
    private String tlsWarning() {
        if (tlsPackets == 0) {
            return null;
        }
        String counted = tlsPackets + " TLS packets " + onPorts() + " could not be decrypted";
        return tlsPorts.contains(SIPS_PORT) ? counted + "; SIP over TLS is not shown"
                : counted + " (none on 5061, the SIP over TLS port; SIP in them, if any, is not shown)";
    }

    private String onPorts() {
        return (tlsPorts.size() == 1 ? "on port " : "on ports ")
                + String.join(", ", tlsPorts.stream().map(String::valueOf).toList());
    }

    /**
     * What to tell when packets were read but none carried SIP, or null: where SIP was not looked for, so that an
     * empty result is not taken for a clean capture.
     */
    private String noSipWarning() {
        if (payloads > 0 || packets == 0 || cancelled) {
            return null;
        }
        return "no SIP message in " + packets + (packets == 1 ? " packet" : " packets") + (tlsPorts.contains(SIPS_PORT)
                ? " (SIP over TLS, as on port 5061, is encrypted: capture where it is plain, e.g. HEP from the SBC, "
                + "or use UDP or TCP while debugging)"
                : " (SIP is looked for in UDP, TCP, SCTP, HEP and WebSocket on any port)");
    }
}
