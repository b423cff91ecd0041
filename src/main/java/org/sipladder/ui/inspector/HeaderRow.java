package org.sipladder.ui.inspector;

/**
 * One line of the inspector's header table.
 *
 * @param name      header name (or "Request-URI" / "Status" for the start line)
 * @param value     value as sent, or "present"/"absent" for credentials
 * @param important true for the headers that matter when reading a ladder; they come first
 */
public record HeaderRow(String name, String value, boolean important) {
}
