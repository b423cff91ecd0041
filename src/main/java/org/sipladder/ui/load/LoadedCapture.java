package org.sipladder.ui.load;

import java.nio.file.Path;
import java.util.List;
import org.sipladder.flow.CallFlow;

/**
 * The result of reading a capture.
 *
 * @param file         the capture
 * @param flows        call flows found, in order of their first message
 * @param messageCount SIP messages read
 * @param warnings     problems that did not stop the read
 * @param cancelled    true when the user stopped the read before the end of the file
 * @param packets      packets read
 * @param firstMicros  time of the first packet, 0 when unknown
 * @param lastMicros   time of the last packet, 0 when unknown
 */
public record LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled,
                            long packets, long firstMicros, long lastMicros) {

    public LoadedCapture {
        flows = List.copyOf(flows);
        warnings = List.copyOf(warnings);
    }

    /** A result without packet counts and times (loaders that do not know them). */
    public LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled) {
        this(file, flows, messageCount, warnings, cancelled, 0, 0, 0);
    }
}
