package org.sipladder.ui.ladder;

/**
 * A user's request to show a hop under another name, to be remembered per address.
 *
 * @param address the hop's address
 * @param alias   the new name; empty to go back to the role name
 */
public record HopRename(String address, String alias) {
}
