package org.sipladder.ladder;

/**
 * An axis-aligned rectangle in the layout's logical units (y grows downwards).
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width, never negative
 * @param height height, never negative
 */
public record Box(double x, double y, double width, double height) {

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= maxX() && py >= y && py <= maxY();
    }

    /** True when the two boxes share interior area (touching edges do not count). */
    public boolean overlaps(Box other) {
        return x < other.maxX() && other.x < maxX() && y < other.maxY() && other.y < maxY();
    }

    /** This box grown by the given margin on every side. */
    public Box grow(double margin) {
        return new Box(x - margin, y - margin, width + 2 * margin, height + 2 * margin);
    }
}
