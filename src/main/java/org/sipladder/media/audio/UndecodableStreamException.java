package org.sipladder.media.audio;

/** Says, in words for the user, why a stream's audio cannot be played or exported. */
public final class UndecodableStreamException extends Exception {

    private static final long serialVersionUID = 1L;

    public UndecodableStreamException(String reason) {
        super(reason);
    }
}
