package org.sipladder.ui.inspector;

/** A found piece of the raw message: from {@code start} (inclusive) to {@code end} (exclusive). */
public record TextMatch(int start, int end) {
}
