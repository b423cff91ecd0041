package org.sipladder.capture;

import java.io.IOException;

/** Compressed capture data that its decoder rejects: the packets before it are read, the rest cannot be. */
final class CorruptCompressionException extends IOException {

    CorruptCompressionException(String message) {
        super(message);
    }
}
