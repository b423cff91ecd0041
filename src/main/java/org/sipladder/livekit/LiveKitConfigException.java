package org.sipladder.livekit;

/**
 * A LiveKit configuration problem the user can fix: the message is one line naming the file or setting and
 * what to do, and never contains a secret.
 */
public class LiveKitConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public LiveKitConfigException(String message) {
        super(message);
    }

    public LiveKitConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
