package org.sipladder.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * Evidence sentences, each made when first read: a diagnosis reads a call's hop roles and rarely their evidence,
 * and {@code calls --json} writes each sentence once, in pieces. Unmodifiable; safe to read from several threads
 * (a sentence made twice at once is made equal).
 */
final class SentenceList extends AbstractList<String> implements RandomAccess, Sentences {

    /** What a sentence is made of, handed over in pieces. */
    interface Source {
        void pieces(Pieces pieces) throws IOException;
    }

    /** Each a {@link String} or a {@link Source}. */
    private final Object[] sentences;
    /**
     * The sentences made so far, by index; null until one is (calls --json writes the sentences in pieces and never
     * makes one: an array per hop and call for nothing).
     */
    private String[] made;

    /** The sentences, each a {@link String} or a {@link Source}. */
    SentenceList(Object[] sentences) {
        this.sentences = sentences;
    }

    @Override
    public String get(int index) {
        Object s = sentences[index];
        if (!(s instanceof Source source)) {
            return (String) s;
        }
        // two threads may each make the array, or the sentence: the sentences made are equal
        String[] m = made;
        if (m == null) {
            m = new String[sentences.length];
            made = m;
        }
        String text = m[index];
        if (text == null) {
            text = text(source);
            m[index] = text;
        }
        return text;
    }

    @Override
    public int size() {
        return sentences.length;
    }

    @Override
    public void pieces(int index, Pieces pieces) throws IOException {
        Object s = sentences[index];
        if (s instanceof Source source) {
            source.pieces(pieces);
        } else {
            pieces.value((String) s);
        }
    }

    /** The text of {@code source}: its pieces joined. */
    static String text(Source source) {
        StringBuilder b = new StringBuilder(200);
        try {
            source.pieces(new Pieces() {
                @Override
                public void constant(String part) {
                    b.append(part);
                }

                @Override
                public void value(String value) {
                    b.append(value);
                }

                @Override
                public void number(long value) {
                    b.append(value);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("a text builder does not fail", e);
        }
        return b.toString();
    }
}
