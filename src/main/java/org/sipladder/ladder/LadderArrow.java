package org.sipladder.ladder;

import java.util.List;

/**
 * The arrow of one message: a polyline shaft and a filled head, its labels and its paint.
 *
 * @param fromColumn     column index of the sender
 * @param toColumn       column index of the receiver (equal to fromColumn for a self-arrow)
 * @param fromX          x of the sender's lifeline
 * @param toX            x of the receiver's lifeline
 * @param y              y of the shaft (the top of a self-arrow's loop is above it)
 * @param shaft          points of the shaft, ending where the head begins
 * @param head           the head's triangle, tip first
 * @param label          method or status with reason phrase
 * @param labelTint      background of the label for error responses, or null
 * @param badge          the "SDP" marker text, or null when the message carries no SDP
 * @param badgeBox       the marker's rounded box, or null
 * @param detail         small text under the shaft: frame, transport and ports, retransmission
 * @param legIndex       leg of the message, the index of its colour
 * @param kind           request or response class
 * @param retransmission true for a retransmission, drawn dashed
 * @param colour         shaft and head colour (the leg's colour)
 * @param lineWidth      shaft width
 */
public record LadderArrow(int fromColumn, int toColumn, double fromX, double toX, double y,
                          List<Point> shaft, List<Point> head, LadderText label, Rgb labelTint,
                          LadderText badge, Box badgeBox, LadderText detail, int legIndex, ArrowKind kind,
                          boolean retransmission, Rgb colour, double lineWidth) {

    public boolean selfArrow() {
        return fromColumn == toColumn;
    }

    public boolean dashed() {
        return retransmission;
    }

    public boolean error() {
        return kind.isError();
    }

    /** The texts of this arrow that must not overlap anything, badge included when present. */
    public List<Box> textBounds() {
        return badgeBox == null ? List.of(label.bounds(), detail.bounds())
                : List.of(label.bounds(), badgeBox, detail.bounds());
    }
}
