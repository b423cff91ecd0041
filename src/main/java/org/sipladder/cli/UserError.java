package org.sipladder.cli;

/** A mistake the user can fix (bad file, bad setting); its message is the one line shown, naming what to fix. */
public final class UserError extends Exception {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
