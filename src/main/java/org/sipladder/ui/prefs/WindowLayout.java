package org.sipladder.ui.prefs;

import java.util.List;

/**
 * Where the main window was and how its split panes were divided when it was last closed.
 *
 * @param x         left edge
 * @param y         top edge
 * @param width     width
 * @param height    height
 * @param maximized whether it was maximised
 * @param dividers  divider positions (0..1) of the split panes, outermost first
 * @param callListFitted whether the call list sized itself to the calls (its divider was never dragged): its
 *                  divider's position is then not the user's choice
 */
public record WindowLayout(double x, double y, double width, double height, boolean maximized, List<Double> dividers,
                           boolean callListFitted) {

    public WindowLayout {
        dividers = List.copyOf(dividers);
    }
}
