package org.sipladder.ui.ladder;

/**
 * The part of a layout a painter draws, in layout units, and at which zoom.
 *
 * @param scrollX left edge of the visible part of the diagram (right of the gutter)
 * @param scrollY top edge of the visible part of the rows (below the header)
 * @param width   drawing width in pixels
 * @param height  drawing height in pixels
 * @param zoom    pixels per layout unit
 * @param pinned  true to keep header and gutter in place while the rows scroll (screen); false to
 *                scroll everything alike (an image cut into tiles)
 */
record Viewport(double scrollX, double scrollY, double width, double height, double zoom, boolean pinned) {

    double visibleLayoutWidth() {
        return width / zoom;
    }

    double visibleLayoutHeight() {
        return height / zoom;
    }
}
