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
 */
public record LoadedCapture(Path file, List<CallFlow> flows, long messageCount, List<String> warnings, boolean cancelled) {

    public LoadedCapture {
        flows = List.copyOf(flows);
        warnings = List.copyOf(warnings);
    }
}
