package org.sipladder.source;

import org.sipladder.capture.Endpoint;

/**
 * Where and when one capture file saw a message.
 *
 * @param file   index of the file in its {@link CaptureFiles}
 * @param frame  the frame in that file
 * @param micros the time by that file's own clock
 * @param src    sender as that file saw it
 * @param dst    receiver as that file saw it
 */
public record Observation(int file, long frame, long micros, Endpoint src, Endpoint dst) {
}
