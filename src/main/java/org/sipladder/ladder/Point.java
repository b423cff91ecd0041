package org.sipladder.ladder;

/** A point in the layout's logical units. */
public record Point(double x, double y) {
}
