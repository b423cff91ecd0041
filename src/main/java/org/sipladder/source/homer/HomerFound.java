package org.sipladder.source.homer;

import java.util.List;

/**
 * What a Homer search found: the calls, and a notice of the rows of Homer's answer that could not be read and were
 * left out (how many, why), so that a partial answer is never shown as the whole.
 *
 * @param calls   the calls, earliest first
 * @param skipped one line naming the rows left out and why, or "" when every row was read
 */
public record HomerFound(List<HomerCall> calls, String skipped) {

    public HomerFound {
        calls = List.copyOf(calls);
    }
}
