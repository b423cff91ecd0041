package org.sipladder.ladder;

import org.sipladder.flow.Hop;

/**
 * One hop's column: its lifeline at {@code x} and a two-line title box in the header.
 *
 * @param index    position from the left
 * @param hop      the hop drawn
 * @param x        x of the lifeline
 * @param title    first title line: the alias, or the role ("LiveKit")
 * @param subtitle second title line: the address (with the role when an alias is shown)
 * @param header   the title box
 */
public record LadderColumn(int index, Hop hop, double x, LadderText title, LadderText subtitle, Box header) {
}
