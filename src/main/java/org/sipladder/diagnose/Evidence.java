package org.sipladder.diagnose;

import java.util.List;

/**
 * What backs a finding up.
 *
 * @param frames    capture frame numbers of the messages that show it
 * @param configIds LiveKit trunk and dispatch rule ids involved
 * @param facts     short statements of observed facts, e.g. "To user 4991874350352"
 */
public record Evidence(List<Long> frames, List<String> configIds, List<String> facts) {
}
