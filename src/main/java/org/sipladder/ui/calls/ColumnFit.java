package org.sipladder.ui.calls;

import javafx.scene.control.TableColumn;
import javafx.scene.text.Text;

/** A table column never narrower than the widest text it shows, so a squeezed table cuts other columns first. */
public final class ColumnFit {

    private ColumnFit() {
    }

    /**
     * Sets the minimum width of {@code column} to {@code widest} in the table font, with room for bold and the
     * cell's padding; the column resize policies honour it when the window is narrow.
     */
    public static <S, T> TableColumn<S, T> atLeast(TableColumn<S, T> column, String widest) {
        column.setMinWidth(width(widest));
        return column;
    }

    /** The width a cell needs to show {@code text} whole, bold included. */
    public static double width(String text) {
        return Math.ceil(new Text(text).getLayoutBounds().getWidth() * 1.15) + 16;
    }
}
