package org.sipladder.ladder;

import java.util.List;

/**
 * The arrow of a media stream: a thick dashed shaft in the media colour with a head, its label and detail,
 * and a warning mark (a triangle with "!") before the label when the stream has a problem.
 *
 * @param fromColumn  column of the sender
 * @param toColumn    column of the receiver (equal to fromColumn when both ends share an address)
 * @param y           y of the shaft
 * @param shaft       points of the shaft, ending where the head begins
 * @param head        the head's triangle, tip first
 * @param label       codec and packets
 * @param detail      addresses, duration and warnings
 * @param colour      shaft and head colour
 * @param lineWidth   shaft width
 * @param warningMark the mark's triangle, empty when the stream is healthy
 * @param warningSign the "!" inside the mark, or null
 */
public record StreamArrow(int fromColumn, int toColumn, double y, List<Point> shaft, List<Point> head,
                          LadderText label, LadderText detail, Rgb colour, double lineWidth, List<Point> warningMark,
                          LadderText warningSign) {

    /** Dash and gap lengths of a stream's shaft, distinct from the dashes of a retransmission. */
    public static final double DASH = 9;
    public static final double GAP = 3;
    /** How far a backdrop reaches around its text: less than the space between the texts and the shaft. */
    static final double BACKDROP_MARGIN = 1.5;

    public StreamArrow {
        shaft = List.copyOf(shaft);
        head = List.copyOf(head);
        warningMark = List.copyOf(warningMark);
    }

    public boolean warning() {
        return !warningMark.isEmpty();
    }

    /** The texts that must not overlap anything, the mark included. */
    public List<Box> textBounds() {
        return warning() ? List.of(label.bounds(), detail.bounds(), markBounds()) : List.of(label.bounds(), detail.bounds());
    }

    /**
     * Boxes to paint in the background colour before the texts: a stream often runs past the lifelines of
     * hosts between its ends (media straight between phones, signalling through a B2BUA), which would
     * otherwise strike through its label and addresses.
     */
    public List<Box> backdrops() {
        return textBounds().stream().map(b -> b.grow(BACKDROP_MARGIN)).toList();
    }

    private Box markBounds() {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Point p : warningMark) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }
}
