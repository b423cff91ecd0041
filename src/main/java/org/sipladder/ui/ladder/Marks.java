package org.sipladder.ui.ladder;

import java.util.BitSet;

/**
 * What the view shows on top of the plain ladder.
 *
 * @param selected    index of the selected row, or -1
 * @param highlighted indexes of rows to mark (messages a finding points at)
 * @param focused     whether the view has keyboard focus (the selection edge is drawn stronger)
 */
record Marks(int selected, BitSet highlighted, boolean focused) {

    static final Marks NONE = new Marks(-1, new BitSet(), false);
}
