package org.sipladder.ladder;

import org.sipladder.flow.FlowMessage;

/**
 * One message's row: its band across the picture, its time gutter texts and its arrow.
 *
 * @param index   position of the message in the flow
 * @param message the message
 * @param bounds  the row's band, gutter included
 * @param time    absolute capture time
 * @param delta   time since the previous message
 * @param arrow   the arrow
 */
public record LadderRow(int index, FlowMessage message, Box bounds, LadderText time, LadderText delta,
                        LadderArrow arrow) {
}
