package org.sipladder.ui.dialog;

import java.nio.file.Path;

/**
 * What the user asked to watch live.
 *
 * @param source an interface name (live capture) or listen addresses such as "udp:0.0.0.0:9060 tcp:0.0.0.0:9060"
 * @param filter the capture filter (live capture; blank for the default), unused for HEP
 * @param file      where the packets are written as they arrive
 * @param callLimit the most calls the view keeps while the source runs (the file keeps every packet)
 */
public record LiveRequest(String source, String filter, Path file, int callLimit) {
}
