package org.sipladder.ui.main;

/** Help > Keyboard shortcuts: every key the window answers, in one list (Cmd instead of Ctrl on a Mac). */
final class KeyboardShortcuts {

    private KeyboardShortcuts() {
    }

    static String text() {
        return String.join("\n",
                "Anywhere",
                "  Ctrl+O          Open a capture",
                "  Ctrl+L          Load a LiveKit config",
                "  Ctrl+/ or F3    Filter the calls (Escape: back to the call list)",
                "  Ctrl+F          Find text in the messages of the selected call (Enter: next)",
                "  Ctrl+= / Ctrl+- Zoom the ladder in / out",
                "  Ctrl+0          Ladder at actual size",
                "  F1              This list",
                "  Ctrl+Q          Quit",
                "",
                "Call list",
                "  Up / Down       Previous / next call",
                "  Ctrl+C          Copy the selected row",
                "  Right click     Copy Call-ID, copy row",
                "",
                "Ladder (click it first)",
                "  Up / Down       Previous / next message",
                "  Page Up / Down  A screen of messages",
                "  Home / End      First / last message",
                "  Enter           Open the message's headers",
                "  Ctrl+wheel      Zoom",
                "  Right click     Rename a hop, zoom, copy ladder as text",
                "",
                "Message headers",
                "  Ctrl+C          Copy the value",
                "  Ctrl+Shift+C    Copy the header line",
                "",
                "Filter box",
                "  method:INVITE  status:503  status:4xx  failed  from:…  to:…  callid:…",
                "  ip:…  header:Name=value  finding:CODE, or any text; all terms must match");
    }
}
