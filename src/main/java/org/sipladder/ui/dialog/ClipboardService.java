package org.sipladder.ui.dialog;

/** Puts text on the system clipboard; an interface so view-models test without a screen. */
@FunctionalInterface
public interface ClipboardService {

    void copy(String text);
}
