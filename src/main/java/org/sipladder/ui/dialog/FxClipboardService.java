package org.sipladder.ui.dialog;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Copies text to the system clipboard. */
public final class FxClipboardService implements ClipboardService {

    @Override
    public void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
