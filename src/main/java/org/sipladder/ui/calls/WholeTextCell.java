package org.sipladder.ui.calls;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A table cell that also offers its whole text as a tooltip: on a narrow window the table cuts long values
 * ("408 Request Ti…", a Call-ID, a From URI, a stream's loss gaps) with an ellipsis, and hovering shows them whole,
 * as Wireshark's packet list does. One tooltip per cell, its text replaced as the cell is reused for other rows.
 */
public class WholeTextCell<S, T> extends TableCell<S, T> {

    private final Tooltip whole = new Tooltip();

    /** A cell showing its item as text ({@code String.valueOf}), whole in its tooltip. */
    public static <S, T> WholeTextCell<S, T> plain() {
        return new WholeTextCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                show(empty || item == null ? null : String.valueOf(item));
            }
        };
    }

    /** Shows {@code text} (null: nothing) in the cell and in its tooltip. */
    protected void show(String text) {
        show(text, text);
    }

    /** Shows {@code text} (null: nothing) in the cell and {@code tip} (null or "": none) in its tooltip. */
    protected void show(String text, String tip) {
        setText(text);
        if (text == null || text.isEmpty() || tip == null || tip.isEmpty()) {
            setTooltip(null);
        } else {
            whole.setText(tip);
            setTooltip(whole);
        }
    }
}
