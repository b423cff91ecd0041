package org.sipladder.flow;

import java.io.IOException;

/**
 * Texts (the evidence of a call's hops and joins) that can also be handed over in pieces: constant parts, the same
 * objects in every text of their kind, and the values between them. A writer can then copy what it made of each
 * constant part once instead of making every text and looking at it again: {@code calls --json} writes the evidence
 * of every call of a large capture. The text at an index is its pieces joined.
 */
public interface Sentences {

    /** Hands the pieces of the text at {@code index} to {@code pieces}, in order. */
    void pieces(int index, Pieces pieces) throws IOException;

    /** Where the pieces of a text go: a writer, or a builder of the text. */
    interface Pieces {

        /** A part that is the same object in every text of its kind. */
        void constant(String part) throws IOException;

        /** A value, as {@code String.valueOf} prints it. */
        void value(String value) throws IOException;

        /** A number, as {@code Long.toString} prints it. */
        void number(long value) throws IOException;
    }
}
